// The process's streams and what they are connected to; tests pass in fakes.
import type { Readable, Writable } from 'node:stream';

export interface IOStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
}

export function processStreams(): IOStreams {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

export function terminalOf(streams: IOStreams) {
  return {
    stdinIsTTY: Boolean(streams.stdin.isTTY),
    stdoutIsTTY: Boolean(streams.stdout.isTTY),
    stderrIsTTY: Boolean(streams.stderr.isTTY),
  };
}
