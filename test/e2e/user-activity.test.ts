// What a user has and did, end to end: the built binary against the fake Cognito — devices,
// sessions (revoking one ends its refresh token), sign-in history, auth factors, mfa reset and the
// signed-in user's passkeys; what removes asks first and --dry-run changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { base32Encode, type PoolState } from '../support/fake-cognito/index.js';
import { fakeCognitoForFile } from '../support/fake-cognito-file.js';
import { emulatorEnv, emulatorSdk, runBin } from '../support/e2e.js';

const PASSWORD = 'Corr3ct-Horse!battery';
const server = fakeCognitoForFile({ region: 'us-east-1' });
let pool: PoolState;
let clientId: string;

beforeAll(async () => {
  pool = server.createPool({ mfa: 'OPTIONAL' });
  server.features.deviceTracking(pool.id);
  server.features.userAuth(pool.id, ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
  clientId = server.createClient(pool.id).clientId;
});

type Env = Record<string, string | undefined>;
const envFor = (extra: Env = {}) => emulatorEnv(server.url, { COGNITO_USER_POOL_ID: pool.id, COGNITO_CLIENT_ID: clientId, ...extra });
const json = async (argv: string[], env: Env) => {
  const result = await runBin([...argv, '-o', 'json'], { env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};
const session = (env: Env, name: string) =>
  JSON.parse(readFileSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions', `default--${name}.json`), 'utf8'));

describe('user devices | forget-device', () => {
  it('lists the tracked devices; forget-device asks first (exit 2 without a terminal), --dry-run changes nothing, --yes forgets', async () => {
    server.addUser(pool.id, { username: 'dev', password: PASSWORD });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    expect((await runBin(['auth', 'login', 'dev'], { env })).code).toBe(0);
    const devices = await json(['user', 'devices', 'dev'], env);
    expect(devices).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/^us-east-1_/), name: expect.stringMatching(/^cognito-admin on /), remembered: 'not_remembered', lastIp: '127.0.0.1' }),
    ]);
    const key = devices[0].key;
    const refused = await runBin(['user', 'forget-device', 'dev', key], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    const dry = await json(['user', 'forget-device', 'dev', key, '--dry-run'], env);
    expect(dry).toEqual({ dryRun: true, username: 'dev', deviceKey: key });
    expect(server.features.devices(pool.id, 'dev')).toHaveLength(1);
    expect(await json(['user', 'forget-device', 'dev', key, '--yes'], env)).toEqual({ username: 'dev', deviceKey: key, forgotten: true });
    expect(server.features.devices(pool.id, 'dev')).toEqual([]);
    expect(server.callsTo('AdminForgetDevice').at(-1)!.body).toEqual({ UserPoolId: pool.id, Username: 'dev', DeviceKey: key });
  });
});

describe('user sessions | revoke-session', () => {
  it('lists a session per sign-in; revoking one ends its refresh token and leaves the other', async () => {
    const plain = server.createPool();
    const client = server.createClient(plain.id).clientId;
    server.addUser(plain.id, { username: 'ses', password: PASSWORD });
    const envA = emulatorEnv(server.url, { COGNITO_USER_POOL_ID: plain.id, COGNITO_CLIENT_ID: client, COGNITO_PASSWORD: PASSWORD });
    const envB = { ...envA, XDG_STATE_HOME: `${envA.XDG_STATE_HOME}-b` };
    expect((await runBin(['auth', 'login', 'ses'], { env: envA })).code).toBe(0);
    expect((await runBin(['auth', 'login', 'ses'], { env: envB })).code).toBe(0);
    const sessions = await json(['user', 'sessions', 'ses'], envA);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ id: expect.stringMatching(/^tkn/), type: 'TOKEN', clientId: client, lastIp: '127.0.0.1' });
    const limited = await json(['user', 'sessions', 'ses', '--limit', '1'], envA);
    expect(limited).toHaveLength(1);

    const sdk = await emulatorSdk(server.url);
    const tokenA = session(envA, 'ses').refreshToken;
    const tokenB = session(envB, 'ses').refreshToken;
    const works = async (token: string) =>
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: token })).then(
        () => true,
        (err: Error) => (err.name === 'NotAuthorizedException' ? false : Promise.reject(err)),
      );
    expect([await works(tokenA), await works(tokenB)]).toEqual([true, true]);
    const revoked = await json(['user', 'revoke-session', 'ses', sessions[0].id, '--linked', '--yes'], envA);
    expect(revoked).toEqual({ username: 'ses', sessionId: sessions[0].id, linked: true, revoked: true });
    expect(server.callsTo('AdminRevokeUserSession').at(-1)!.body).toMatchObject({ SessionId: sessions[0].id, RevokeAssociatedSessions: 'LINKED' });
    // Exactly one of the two refresh tokens stopped working.
    expect([await works(tokenA), await works(tokenB)].sort()).toEqual([false, true]);
    expect(await json(['user', 'sessions', 'ses'], envA)).toHaveLength(1);
  });
});

describe('user events | auth-factors, mfa reset, auth passkeys', () => {
  it('events: newest first, failures with the challenge that failed, --limit; auth-factors: password, one-time codes, passkey and TOTP', async () => {
    const secret = randomBytes(20);
    server.addUser(pool.id, { username: 'evt', password: PASSWORD, attributes: { email: 'evt@example.com' }, mfa: { totpSecret: secret, preferred: 'SOFTWARE_TOKEN_MFA' } });
    const env = envFor();
    expect((await runBin(['auth', 'login', 'evt'], { env: { ...env, COGNITO_PASSWORD: 'Wr0ng-Passw0rd!zz' } })).code).toBe(4);
    expect((await runBin(['auth', 'login', 'evt'], { env: { ...env, COGNITO_PASSWORD: PASSWORD, COGNITO_TOTP_SECRET: base32Encode(secret) } })).code).toBe(0);
    const events = await json(['user', 'events', 'evt'], env);
    expect(events.map((e: { result: string }) => e.result)).toEqual(['Pass', 'Fail']);
    expect(events[0]).toMatchObject({ event: 'SignIn', ip: '127.0.0.1', challenges: [{ name: 'Password', result: 'Success' }, { name: 'Mfa', result: 'Success' }] });
    expect(events[1].challenges).toEqual([{ name: 'Password', result: 'Failure' }]);
    expect(await json(['user', 'events', 'evt', '--limit', '1'], env)).toHaveLength(1);

    server.features.addPasskey(pool.id, 'evt', { name: 'Phone' });
    const factors = await json(['user', 'auth-factors', 'evt'], env);
    expect(factors).toEqual({
      username: 'evt',
      factors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN', 'SOFTWARE_TOKEN'],
      mfa: { preferred: 'SOFTWARE_TOKEN_MFA', methods: ['SOFTWARE_TOKEN_MFA'] },
    });
    const table = await runBin(['user', 'auth-factors', 'evt', '-o', 'table'], { env });
    expect(table.stdout).toMatch(/sign-in factors.*PASSWORD, EMAIL_OTP, WEB_AUTHN, SOFTWARE_TOKEN/);
  });

  it('mfa reset deletes the TOTP authenticator (AdminDeleteSoftwareToken) after confirmation; the next sign-in needs no code', async () => {
    const secret = randomBytes(20);
    server.addUser(pool.id, { username: 'lost', password: PASSWORD, mfa: { totpSecret: secret, preferred: 'SOFTWARE_TOKEN_MFA' } });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const refused = await runBin(['mfa', 'reset', 'lost'], { env });
    expect(refused.code).toBe(2);
    expect(server.user(pool.id, 'lost')!.mfa.totpEnabled).toBe(true);
    const dry = await runBin(['mfa', 'reset', 'lost', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(server.user(pool.id, 'lost')!.mfa.totpEnabled).toBe(true);
    expect((await runBin(['mfa', 'reset', 'lost', '--yes'], { env })).code).toBe(0);
    expect(server.user(pool.id, 'lost')!.mfa).toMatchObject({ totpEnabled: false, totpSecret: undefined });
    const since = server.calls.length;
    expect((await runBin(['auth', 'login', 'lost'], { env })).code).toBe(0);
    expect(server.calls.slice(since).filter((c) => c.operation === 'RespondToAuthChallenge').map((c) => c.body.ChallengeName)).toEqual(['PASSWORD_VERIFIER']);
  });

  it('auth passkeys lists the signed-in user\'s passkeys; delete asks first and removes one', async () => {
    server.addUser(pool.id, { username: 'pk', password: PASSWORD });
    const first = server.features.addPasskey(pool.id, 'pk', { name: 'Laptop' });
    server.features.addPasskey(pool.id, 'pk', { name: 'Phone' });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    expect((await runBin(['auth', 'login', 'pk'], { env })).code).toBe(0);
    const listed = await json(['auth', 'passkeys'], env);
    expect(listed.map((p: { name: string }) => p.name)).toEqual(['Laptop', 'Phone']);
    expect(listed[0]).toMatchObject({ id: first.id, relyingParty: 'localhost', transports: ['internal'] });
    expect((await runBin(['auth', 'passkeys', 'delete', first.id], { env })).code).toBe(2);
    expect(await json(['auth', 'passkeys', 'delete', first.id, '--yes'], env)).toEqual({ username: 'pk', credentialId: first.id, deleted: true });
    expect((await json(['auth', 'passkeys'], env)).map((p: { name: string }) => p.name)).toEqual(['Phone']);
  });
});
