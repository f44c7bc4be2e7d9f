// The process's streams and what they are connected to; tests pass in fakes.
import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable, Writable } from 'node:stream';

export interface IOStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  /** Whether stdin is a terminal, where that is known without opening stdin. */
  stdinIsTTY?: boolean;
}

export function processStreams(): IOStreams {
  return {
    // Node makes process.stdin on first use (a socket, a file stream or a terminal, with the
    // modules each needs): a command that never reads stdin does not pay for it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    get stdinIsTTY() {
      // A pipe or a file is no terminal, and fstat says so without loading node:tty.
      if (!isCharacterDevice(0)) return false;
      return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(0);
    },
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
}

export function terminalOf(streams: IOStreams) {
  return {
    stdinIsTTY: Boolean(streams.stdinIsTTY ?? streams.stdin.isTTY),
    stdoutIsTTY: Boolean(streams.stdout.isTTY),
    stderrIsTTY: Boolean(streams.stderr.isTTY),
  };
}
