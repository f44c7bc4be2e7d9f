// The --debug log is written by a middleware in the real SDK stack, which aws-sdk-client-mock
// bypasses. Here the CLI talks HTTP to a stub endpoint on 127.0.0.1 instead, so the request and
// response really are logged, and the password must still not appear anywhere we print.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isolatedEnv, runCli } from '../../../support/cli.js';

const POOL = 'eu-west-1_Test123';
let server: Server;
let endpoint: string;
const received: Array<{ target: string; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').split('.').pop()!;
      const body = JSON.parse(text || '{}');
      received.push({ target, body });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (body.Password === 'weak') {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'InvalidPasswordException', message: 'Password weak does not conform to policy' }));
        return;
      }
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('user set-password --debug', () => {
  it('logs the request with the password masked, and sends the real one', async () => {
    const password = 'Debug-Secret-x7Q!';
    const result = await runCli(['user', 'set-password', 'ann', '--password-stdin', '--permanent', '--debug', '--endpoint', endpoint], {
      env: isolatedEnv({ COGNITO_USER_POOL_ID: POOL }),
      stdin: `${password}\n`,
    });
    expect(result.code).toBe(0);
    expect(received.at(-1)).toEqual({
      target: 'AdminSetUserPassword',
      body: { UserPoolId: POOL, Username: 'ann', Password: password, Permanent: true },
    });
    expect(result.stderr).toMatch(/debug: → cognito-idp\.AdminSetUserPassword .*"Password":"\*\*\*\*"/);
    expect(result.stderr).toMatch(/debug: ← cognito-idp\.AdminSetUserPassword/);
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('scrubs a password that the service echoes back in its error', async () => {
    const result = await runCli(['user', 'set-password', 'ann', '--password-stdin', '--debug', '--endpoint', endpoint], {
      env: isolatedEnv({ COGNITO_USER_POOL_ID: POOL, COGNITO_NEW_PASSWORD: 'ignored-because-stdin-wins' }),
      stdin: 'weak\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/debug: ✗ cognito-idp\.AdminSetUserPassword/);
    expect(result.stderr).toMatch(/error: Password \*\*\*\* does not conform to policy \(InvalidPasswordException\)/);
    expect(result.stdout + result.stderr).not.toMatch(/Password weak/);
  });
});
