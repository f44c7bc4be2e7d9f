// The built binary run in the background, for tests that act while it runs: write stdin lines
// when a code arrives, send Ctrl-C, read stderr so far; and a poll for a condition to hold.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN } from './e2e.js';
import type { CliResult } from './cli.js';

export function spawnBin(argv: string[], env: Record<string, string | undefined>, timeoutMs = 25_000) {
  const child = spawn(process.execPath, [BIN, ...argv], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 137), stdout, stderr });
    });
  });
  return {
    child,
    result,
    stderr: () => stderr,
    write: (line: string) => child.stdin.write(`${line}\n`),
    end: () => child.stdin.end(),
    kill: (signal: NodeJS.Signals = 'SIGKILL') => child.kill(signal),
  };
}

export async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A port free on 127.0.0.1 right now (for a server the test or the CLI starts next). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
