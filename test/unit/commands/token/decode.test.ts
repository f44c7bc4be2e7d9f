// token decode: header and claims without verification, from the argument, stdin or the session.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { Context } from '../../../../src/context.js';
import { saveSession } from '../../../../src/commands/auth/active-session.js';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object, header: object = { alg: 'RS256', kid: 'key-1' }) => `${b64url(header)}.${b64url(payload)}.c2lnbmF0dXJl`;
const now = () => Math.floor(Date.now() / 1000);
const ID = () =>
  jwt({ sub: 'sub-1', 'cognito:username': 'ann', 'cognito:groups': ['admins', 'staff'], token_use: 'id', iat: now() - 600, exp: now() + 42 * 60 + 30 });

describe('token decode', () => {
  it('prints header and claims with ISO times, "expires in", groups and scopes, and warns that nothing was verified', async () => {
    const token = jwt({ sub: 'sub-1', token_use: 'access', scope: 'openid profile', iat: now() - 3 * 3600 - 5, exp: now() - 2 * 3600 - 5 });
    const result = await runCli(['token', 'decode', token, '-o', 'text']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: signature not verified: this is what the token claims \(`cognito-admin token verify` checks it\)$/m);
    expect(result.stdout).toMatch(/^alg: RS256\nkid: key-1\n/);
    expect(result.stdout).toMatch(/^exp: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z \(expired 2 h ago\)$/m);
    expect(result.stdout).toMatch(/^iat: \S+ \(3 h ago\)$/m);
    expect(result.stdout).toMatch(/^scope \(scopes\): openid, profile$/m);
  });

  it('-o json: raw header and claims plus the facts a script wants', async () => {
    const token = ID();
    const result = await runCli(['token', 'decode', token, '-o', 'json']);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      header: { alg: 'RS256', kid: 'key-1' },
      claims: { sub: 'sub-1', 'cognito:username': 'ann' },
      tokenUse: 'id',
      expired: false,
      expiry: 'expires in 42 min',
      groups: ['admins', 'staff'],
      scopes: [],
      signatureVerified: false,
    });
    expect(out.expires).toMatch(/Z$/);
  });

  it('reads the token from stdin with -', async () => {
    const result = await runCli(['token', 'decode', '-', '-o', 'json'], { stdin: `${ID()}\n` });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).claims['cognito:username']).toBe('ann');
  });

  it('defaults to the saved session\'s id token, --access to its access token', async () => {
    const env = isolatedEnv();
    const ctx = new Context({}, { env, streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() } });
    saveSession(ctx, {
      username: 'ann',
      poolId: 'eu-west-1_P',
      clientId: 'c',
      result: { IdToken: ID(), AccessToken: jwt({ token_use: 'access', scope: 'aws.cognito.signin.user.admin', exp: now() + 60 }) },
    });
    const id = await runCli(['token', 'decode', '-o', 'json'], { env });
    expect(JSON.parse(id.stdout).tokenUse).toBe('id');
    expect(id.stderr).toMatch(/id token of the saved session of ann/);
    const access = await runCli(['token', 'decode', '--access', '-o', 'json'], { env });
    expect(JSON.parse(access.stdout)).toMatchObject({ tokenUse: 'access', scopes: ['aws.cognito.signin.user.admin'] });
  });

  it('bad input is a usage error that says what is wrong', async () => {
    for (const [argv, message] of [
      [['not-a-jwt'], /expected three dot-separated parts/],
      [['Bearer abc.def.ghi'], /remove the "Bearer " prefix/],
      [['a.b.c.d.e'], /encrypted token \(JWE\)/],
      [[ID(), '--access'], /--access picks the saved session's access token/],
    ] as const) {
      const result = await runCli(['token', 'decode', ...argv]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const none = await runCli(['token', 'decode'], { env: isolatedEnv() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no token given and no saved session/);
  });

  it('the token never reaches --debug or error output', async () => {
    const token = jwt({ sub: 'x' }, { alg: 'RS256' }).replace(/\.c2lnbmF0dXJl$/, '.%%%');
    const result = await runCli(['token', 'decode', token, '--debug']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/signature is not base64url/);
    expect(result.stderr).not.toContain(token);
  });
});
