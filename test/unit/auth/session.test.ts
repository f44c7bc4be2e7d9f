import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { GetTokensFromRefreshTokenCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Context } from '../../../src/context.js';
import { activeSession, saveSession, sessionStore } from '../../../src/commands/auth/active-session.js';
import { isolatedEnv } from '../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../support/sdk-mock.js';

const mock = useStrictIdpMock();

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(payload)}.c2ln`;

function context(env: Record<string, string | undefined>, now: number) {
  const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  return new Context({}, { env, streams, now: () => now });
}

describe('saved sessions', () => {
  it('saves 0600 per profile and user and records the internal username from the tokens', () => {
    const env = isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_P', COGNITO_CLIENT_ID: 'cid' });
    const ctx = context(env, 1_000_000);
    const session = saveSession(ctx, {
      username: 'ann@example.com',
      poolId: 'eu-west-1_P',
      clientId: 'cid',
      result: {
        IdToken: jwt({ 'cognito:username': '7d3c-uuid', exp: 5000 }),
        AccessToken: jwt({ username: '7d3c-uuid', exp: 5000 }),
        RefreshToken: 'refresh-token-value',
        ExpiresIn: 3600,
      },
    });
    expect(session.internalUsername).toBe('7d3c-uuid');
    expect(session.expiresAt).toBe(5_000_000);
    const store = sessionStore(ctx);
    expect(store.list('default')).toEqual(['ann@example.com']);
    const file = join(store.dir, 'default--ann%40example%2Ecom.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.load('default')?.username).toBe('ann@example.com');
  });

  it('refreshes an expired session with GetTokensFromRefreshToken and the client secret, keeping the refresh token', async () => {
    const env = isolatedEnv({ COGNITO_CLIENT_SECRET: 'client-secret-value' });
    const early = context(env, 0);
    saveSession(early, {
      username: 'ann@example.com',
      poolId: 'eu-west-1_P',
      clientId: 'cid',
      result: {
        IdToken: jwt({ 'cognito:username': 'internal-ann', exp: 10 }),
        AccessToken: jwt({ username: 'internal-ann', exp: 10 }),
        RefreshToken: 'refresh-token-value',
      },
    });
    mock.on(GetTokensFromRefreshTokenCommand).resolves({
      AuthenticationResult: { IdToken: jwt({ 'cognito:username': 'internal-ann', exp: 9000 }), AccessToken: jwt({ exp: 9000 }) },
    });
    const later = context(env, 20_000);
    const fresh = await activeSession(later);
    const input = mock.commandCalls(GetTokensFromRefreshTokenCommand)[0]!.args[0].input;
    expect(input).toEqual({ ClientId: 'cid', RefreshToken: 'refresh-token-value', ClientSecret: 'client-secret-value' });
    expect(fresh.expiresAt).toBe(9_000_000);
    expect(fresh.refreshToken).toBe('refresh-token-value');
  });

  it('does not refresh a session that is still valid', async () => {
    const env = isolatedEnv();
    saveSession(context(env, 0), {
      username: 'bob', poolId: 'eu-west-1_P', clientId: 'cid',
      result: { IdToken: jwt({ exp: 10_000 }), AccessToken: jwt({ exp: 10_000 }), RefreshToken: 'r' },
    });
    const session = await activeSession(context(env, 1000));
    expect(session.username).toBe('bob');
    expect(mock.calls()).toHaveLength(0);
  });

  it('asks to sign in again when there is no session or the refresh token was revoked', async () => {
    const env = isolatedEnv();
    await expect(activeSession(context(env, 0))).rejects.toMatchObject({ exitCode: 4, message: 'no saved session' });
    saveSession(context(env, 0), {
      username: 'bob', poolId: 'eu-west-1_P', clientId: 'cid',
      result: { IdToken: jwt({ exp: 1 }), AccessToken: jwt({ exp: 1 }), RefreshToken: 'r' },
    });
    mock.on(GetTokensFromRefreshTokenCommand).rejects(awsError('NotAuthorizedException', 'Refresh Token has been revoked'));
    await expect(activeSession(context(env, 5000))).rejects.toMatchObject({
      exitCode: 4,
      hint: 'sign in again: `cognito-admin auth login bob`',
    });
  });
});

describe('refresh on an emulator without GetTokensFromRefreshToken', () => {
  it('falls back to REFRESH_TOKEN_AUTH with SECRET_HASH over the internal username', async () => {
    const env = isolatedEnv({ COGNITO_CLIENT_SECRET: 'client-secret-value' });
    saveSession(context(env, 0), {
      username: 'ann@example.com',
      poolId: 'eu-west-1_P',
      clientId: 'cid',
      result: { IdToken: jwt({ 'cognito:username': 'internal-ann', exp: 10 }), AccessToken: jwt({ exp: 10 }), RefreshToken: 'refresh-token-value' },
    });
    mock.on(GetTokensFromRefreshTokenCommand).rejects(awsError('UnknownOperationException', 'Unknown operation GetTokensFromRefreshToken'));
    mock.on(InitiateAuthCommand).resolves({ AuthenticationResult: { AccessToken: jwt({ exp: 9000 }) } });
    const fresh = await activeSession(context(env, 20_000));
    const expected = createHmac('sha256', 'client-secret-value').update('internal-anncid').digest('base64');
    expect(mock.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'cid',
      AuthParameters: { REFRESH_TOKEN: 'refresh-token-value', SECRET_HASH: expected },
    });
    expect(fresh.refreshToken).toBe('refresh-token-value');
  });
});
