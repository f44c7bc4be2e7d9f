// Files the user names as input (--from-file, a CSV): opened so that every way of failing —
// missing, unreadable, a folder — is the same one-line usage error with the path, before anything
// is read or sent.
import { createReadStream, promises as fsp, type ReadStream } from 'node:fs';
import { UsageError } from '../errors.js';

/** Readable words for the file-system errors a named input can meet. */
export const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EROFS: 'read-only file system',
};

export function fileProblem(code: string | undefined): string | undefined {
  return code === undefined ? undefined : FILE_PROBLEMS[code];
}

/** Opens `path` for reading; `label` names where it came from in the error (e.g. `--from-file`). */
export async function openInputFile(path: string, label: string): Promise<ReadStream> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r');
    // Opening a folder succeeds on Linux; only the first read would fail.
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  } catch (err) {
    await handle?.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${label} ${path}: ${fileProblem(code) ?? (err as Error).message}`, { code, cause: err });
  }
  return createReadStream(path, { fd: handle, encoding: 'utf8' });
}
