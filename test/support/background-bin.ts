// The built binary run in the background, for tests that act while it runs: wait for what it
// prints, write stdin lines when a code arrives, send Ctrl-C; and a wait for a value to exist.
import { spawn } from 'node:child_process';
import { vi } from 'vitest';
import { BIN } from './e2e.js';
import type { CliResult } from './cli.js';

export { freePort } from '../../scripts/lib/emulators.mjs';

export function spawnBin(argv: string[], env: Record<string, string | undefined>, timeoutMs = 25_000) {
  const child = spawn(process.execPath, [BIN, ...argv], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  // Each waiting `until` checks its condition again whenever output arrives or the process ends.
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  child.stdout.on('data', (d) => ((stdout += d), changed()));
  child.stderr.on('data', (d) => ((stderr += d), changed()));
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      exited = true;
      changed();
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 137), stdout, stderr });
    });
  });
  /** Resolves once `holds()` is true of the output so far; rejects if the process ends first. */
  const until = (holds: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (holds()) {
          listeners.delete(check);
          resolve();
        } else if (exited) {
          listeners.delete(check);
          reject(new Error(`exited before ${what}; stderr: ${stderr}`));
        }
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    result,
    stdout: () => stdout,
    stderr: () => stderr,
    firstStdoutLine: () => until(() => stdout.includes('\n'), 'a line on stdout').then(() => stdout.split('\n')[0]!),
    stderrIncludes: (text: string) => until(() => stderr.includes(text), JSON.stringify(text)),
    write: (line: string) => child.stdin.write(`${line}\n`),
    /** Closes stdin, after a last line when one is given. */
    end: (line?: string) => child.stdin.end(line === undefined ? undefined : `${line}\n`),
    kill: (signal: NodeJS.Signals = 'SIGKILL') => child.kill(signal),
  };
}

/** The value `read` returns once it returns one (not undefined). */
export function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = read();
      if (value === undefined) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 25 },
  );
}
