// Broken setups through the real binary and the real SDK: a one-line error, the documented exit
// code, and no hang.
import { describe, expect, it } from 'vitest';
import { createServer, type Socket } from 'node:net';
import { emulator, emulatorEnv, runBin, runJson } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';
import { tempDir } from '../support/temp-dirs.js';

function oneLineError(stderr: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('broken setups', () => {
  it('no AWS credentials → exit 4 with how to configure them', async () => {
    const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    const result = await runBin(['pool', 'list'], { env });
    expect(result.code).toBe(4);
    oneLineError(result.stderr);
    expect(result.stderr).toMatch(/^error: no AWS credentials found \(CredentialsProviderError\)\nhint: .*aws sso login/);
  });

  it('an unknown --aws-profile → exit 4 naming it', async () => {
    const result = await runBin(['pool', 'list', '--aws-profile', 'ghost', '--endpoint', 'http://127.0.0.1:9']);
    expect(result.code).toBe(4);
    oneLineError(result.stderr);
    expect(result.stderr).toMatch(/^error: AWS profile "ghost" does not exist/);
    expect(result.stderr).not.toMatch(/no AWS credentials found/);
  });

  it('unreachable endpoint → exit 1 naming the endpoint', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const result = await runBin(['pool', 'list', '--endpoint', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    oneLineError(result.stderr);
    expect(result.stderr).toContain(`cannot reach http://127.0.0.1:${port}`);
  });

  it('an endpoint that accepts the connection and never answers ends at the time-out', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const env = isolatedEnv({ COGNITO_ADMIN_TIMEOUT: '1' });
      // A hang would end in runBin's kill (exit 137), not in this error.
      const result = await runBin(['pool', 'list', '--endpoint', `http://127.0.0.1:${port}`], { env });
      expect(result.code).toBe(1);
      oneLineError(result.stderr);
      // Nothing of the SDK's own logging, and a hint about a silent endpoint, not a stopped one.
      expect(result.stderr).not.toMatch(/@smithy|\[ERROR\]|\[WARN\]/);
      expect(result.stderr).toMatch(/^error: no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s \(TimeoutError\)/);
      expect(result.stderr).toMatch(/hint: .*accepts connections but does not answer/);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});

describe('input files', () => {
  it('a folder given as a file → exit 2 with one readable line', async () => {
    const dir = tempDir();
    const result = await runBin(['group', 'add', 'admins', '--from-file', dir, '--pool', 'us-east-1_AbC', '--endpoint', 'http://127.0.0.1:9']);
    expect(result.code).toBe(2);
    oneLineError(result.stderr);
    expect(result.stderr).toMatch(/^error: cannot read --from-file .*: is a folder, not a file \(EISDIR\)/);
  });
});

describe('--debug', () => {
  it('logs every request and response on stderr with secrets masked, and adds the stack to errors', async () => {
    const env = emulatorEnv(emulator('cognito-local').url!);
    const pool = await runJson(['pool', 'create', 'debug-pool', '--with-client', 'c'], { env });
    const ok = await runBin(['pool', 'describe', pool.id, '--debug'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(`debug: → cognito-idp.DescribeUserPool {"UserPoolId":"${pool.id}"}`);
    expect(ok.stderr).toMatch(/debug: ← cognito-idp\.DescribeUserPool \d+ ms requestId=/);
    expect(ok.stdout).not.toContain('debug:');

    const failed = await runBin(['pool', 'describe', 'us-east-1_missing', '--debug'], { env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/debug: ✗ cognito-idp\.DescribeUserPool .*ResourceNotFoundException/);
    expect(failed.stderr).toMatch(/\n\s+at /); // the stack, only with --debug
  });
});
