// Files that may hold secrets (profiles with a client secret, saved sessions, import journals):
// created 0600 inside 0700 folders, and replaced atomically so a crash never leaves half a file.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

export function writePrivateFile(path: string, content: string): void {
  ensurePrivateDir(dirname(path));
  // Unique enough for one writer per file; 'wx' refuses to reuse a name that exists.
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, content);
      // On disk before it replaces the old file: a rotated refresh token must not exist only in a cache.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  chmodSync(path, 0o600);
}

/** The file's text, or undefined when it does not exist. */
export function readOptionalFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
