// auth refresh | logout | whoami on a saved session, with a strict SDK mock.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  GetUserCommand,
  GlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';
import { Context } from '../../../../src/context.js';
import { saveSession, sessionStore } from '../../../../src/commands/auth/active-session.js';

const mock = useStrictIdpMock();

const POOL = 'eu-west-1_Pool1';
const CLIENT = 'client1';
const SECRET = 'client-secret-value-123';
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(payload)}.c2lnbmF0dXJl`;
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

function context(env: Record<string, string | undefined>) {
  return new Context({}, { env, streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() } });
}

/** A saved session of ann@example.com (internal name uuid-ann) whose access token expires in `seconds`. */
function signedIn(seconds = 3600, extra: Record<string, string | undefined> = {}) {
  const env = isolatedEnv({ COGNITO_CLIENT_SECRET: SECRET, ...extra });
  saveSession(context(env), {
    username: 'ann@example.com',
    poolId: POOL,
    clientId: CLIENT,
    result: {
      IdToken: jwt({ sub: 'sub-ann', 'cognito:username': 'uuid-ann', 'cognito:groups': ['staff'], exp: inSeconds(seconds) }),
      AccessToken: jwt({ sub: 'sub-ann', username: 'uuid-ann', exp: inSeconds(seconds) }),
      RefreshToken: 'refresh-ann',
    },
  });
  return env;
}

describe('auth refresh', () => {
  it('GetTokensFromRefreshToken with the client secret; -o json prints the tokens, the refresh token kept when none is rotated in', async () => {
    const env = signedIn();
    const fresh = { IdToken: jwt({ 'cognito:username': 'uuid-ann', exp: inSeconds(3600) }), AccessToken: jwt({ exp: inSeconds(3600) }) };
    mock.on(GetTokensFromRefreshTokenCommand).resolves({ AuthenticationResult: fresh });
    const result = await runCli(['auth', 'refresh', '-o', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(GetTokensFromRefreshTokenCommand)[0]!.args[0].input).toEqual({ ClientId: CLIENT, RefreshToken: 'refresh-ann', ClientSecret: SECRET });
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ ...fresh, RefreshToken: 'refresh-ann', TokenType: 'Bearer' });
    expect(out.ExpiresIn).toBeGreaterThan(3590);
    expect(sessionStore(context(env)).load('default')!.accessToken).toBe(fresh.AccessToken);
  });

  it('a revoked refresh token is exit 4 with the way out', async () => {
    const env = signedIn();
    mock.on(GetTokensFromRefreshTokenCommand).rejects(awsError('NotAuthorizedException', 'Refresh Token has been revoked'));
    const result = await runCli(['auth', 'refresh'], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/can no longer be refreshed: Refresh Token has been revoked \(NotAuthorizedException\)\nhint: sign in again: `cognito-admin auth login ann@example\.com`/);
  });

  it('without a saved session: exit 4 and how to sign in', async () => {
    const result = await runCli(['auth', 'refresh', 'bob'], { env: isolatedEnv() });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: no saved session for bob\nhint: sign in first: `cognito-admin auth login bob`/m);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('auth whoami', () => {
  it('GetUser with the access token: attributes, groups, MFA; table output without tokens', async () => {
    const env = signedIn();
    mock.on(GetUserCommand).resolves({
      Username: 'uuid-ann',
      UserAttributes: [
        { Name: 'sub', Value: 'sub-ann' },
        { Name: 'email', Value: 'ann@example.com' },
      ],
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
    const json = await runCli(['auth', 'whoami', '-o', 'json'], { env });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      username: 'uuid-ann',
      signedInAs: 'ann@example.com',
      sub: 'sub-ann',
      attributes: { email: 'ann@example.com' },
      groups: ['staff'],
      mfa: { enabled: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' },
      poolId: POOL,
      clientId: CLIENT,
    });
    const table = await runCli(['auth', 'whoami', '-o', 'table'], { env });
    expect(table.stdout).toMatch(/signed in as\s*│\s*ann@example\.com/);
    expect(table.stdout).toMatch(/access token\s*│\s*\S+Z \(expires in (59|60) min\)/);
    expect(table.stdout).not.toContain('eyJ');
  });

  it('refreshes an access token that is about to expire first', async () => {
    const env = signedIn(30);
    const refreshed = jwt({ exp: inSeconds(3600) });
    mock.on(GetTokensFromRefreshTokenCommand).resolves({ AuthenticationResult: { AccessToken: refreshed } });
    mock.on(GetUserCommand).resolves({ Username: 'uuid-ann', UserAttributes: [] });
    const result = await runCli(['auth', 'whoami'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(GetTokensFromRefreshTokenCommand)).toHaveLength(1);
    expect(mock.commandCalls(GetUserCommand)[0]!.args[0].input.AccessToken).toBe(refreshed);
  });
});

describe('auth logout', () => {
  it('revokes the refresh token with the client secret and removes the session', async () => {
    const env = signedIn();
    mock.on(RevokeTokenCommand).resolves({});
    const result = await runCli(['auth', 'logout', '-o', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(RevokeTokenCommand)[0]!.args[0].input).toEqual({ Token: 'refresh-ann', ClientId: CLIENT, ClientSecret: SECRET });
    expect(JSON.parse(result.stdout)).toEqual({ username: 'ann@example.com', signedOut: true, everywhere: false });
    expect(sessionStore(context(env)).list('default')).toEqual([]);
  });

  it('keeps the session when the revocation fails (so it can be retried), and drops it with a warning when the client forbids revocation', async () => {
    const env = signedIn();
    mock.on(RevokeTokenCommand).rejects(awsError('InternalErrorException', 'try again'));
    const failed = await runCli(['auth', 'logout'], { env });
    expect(failed.code).toBe(1);
    expect(sessionStore(context(env)).list('default')).toEqual(['ann@example.com']);

    mock.on(RevokeTokenCommand).rejects(awsError('UnsupportedOperationException', 'Token revocation is not enabled for this client'));
    const unsupported = await runCli(['auth', 'logout', '-o', 'table'], { env });
    expect(unsupported.code).toBe(0);
    expect(unsupported.stderr).toMatch(/warning: the app client does not allow token revocation/);
    expect(sessionStore(context(env)).list('default')).toEqual([]);
  });

  it('--everywhere: GlobalSignOut with the access token', async () => {
    const env = signedIn();
    const { accessToken } = sessionStore(context(env)).load('default')!;
    mock.on(GlobalSignOutCommand).resolves({});
    const result = await runCli(['auth', 'logout', '--everywhere', '-o', 'table'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(GlobalSignOutCommand)[0]!.args[0].input).toEqual({ AccessToken: accessToken });
    expect(result.stderr).toMatch(/signed ann@example\.com out everywhere/);
    expect(sessionStore(context(env)).list('default')).toEqual([]);
  });

  it('--everywhere with a session that cannot be refreshed: the dead session is dropped, exit 4, and the admin way is named', async () => {
    const env = signedIn(10);
    mock.on(GetTokensFromRefreshTokenCommand).rejects(awsError('NotAuthorizedException', 'Refresh Token has expired'));
    const result = await runCli(['auth', 'logout', '--everywhere'], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/other devices were not signed out\nhint: an administrator can sign the user out everywhere: `cognito-admin user sign-out ann@example\.com`/);
    expect(sessionStore(context(env)).list('default')).toEqual([]);
  });

  it('with no saved session there is nothing to do, and that is not an error', async () => {
    const result = await runCli(['auth', 'logout', '-o', 'table'], { env: isolatedEnv() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no saved session: nothing to sign out/);
    expect(mock.calls()).toHaveLength(0);
  });
});
