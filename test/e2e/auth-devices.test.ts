// Remembered and tracked devices end to end: the built binary against the fake Cognito, which
// verifies the device SRP server-side, and amazon-cognito-identity-js (which implements remembered
// devices on its own) as a second client: a device confirmed by one signs in through the other.
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { base32Encode, type PoolState } from '../support/fake-cognito/index.js';
import { fakeCognitoForFile } from '../support/fake-cognito-file.js';
import { emulatorEnv, emulatorSdk, runBin } from '../support/e2e.js';

const identityJs = createRequire(import.meta.url)('amazon-cognito-identity-js') as typeof import('amazon-cognito-identity-js');
const PASSWORD = 'Corr3ct-Horse!battery';
const server = fakeCognitoForFile({ region: 'us-east-1' });
let pool: PoolState;
let clientId: string;

beforeAll(async () => {
  pool = server.createPool({ mfa: 'ON' });
  server.features.deviceTracking(pool.id, { deviceOnlyRememberedOnUserPrompt: true });
  clientId = server.createClient(pool.id).clientId;
});

type Env = Record<string, string | undefined>;
const envFor = (extra: Env = {}) => emulatorEnv(server.url, extra);
const target = () => ['--pool', pool.id, '--client', clientId];
const sessionsDir = (env: Env) => join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions');
const deviceFile = (env: Env, name: string) => join(sessionsDir(env), `default--${name}.device`);
const readDevice = (env: Env, name: string) => JSON.parse(readFileSync(deviceFile(env, name), 'utf8'));
const respondedWith = (since: number) => server.calls.slice(since).filter((c) => c.operation === 'RespondToAuthChallenge').map((c) => c.body.ChallengeName);

function mfaUser(name: string) {
  const secret = randomBytes(20);
  server.addUser(pool.id, { username: name, password: PASSWORD, mfa: { totpSecret: secret, preferred: 'SOFTWARE_TOKEN_MFA' } });
  return secret;
}

describe('auth login --remember-device', () => {
  it('confirms and remembers the device (0600 beside the session); the next sign-in proves it and skips MFA; once forgotten, MFA is asked again', async () => {
    const secret = mfaUser('rem');
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const first = await runBin(['auth', 'login', 'rem', ...target(), '--remember-device', '-o', 'json'], {
      env: { ...env, COGNITO_TOTP_SECRET: base32Encode(secret) },
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/This device is remembered for rem/);
    const saved = readDevice(env, 'rem');
    expect(saved).toMatchObject({ version: 1, poolId: pool.id, remembered: true, key: expect.stringMatching(/^us-east-1_/) });
    expect(statSync(deviceFile(env, 'rem')).mode & 0o777).toBe(0o600);
    const confirm = server.callsTo('ConfirmDevice').at(-1)!.body;
    expect(confirm.DeviceKey).toBe(saved.key);
    expect(server.callsTo('UpdateDeviceStatus').at(-1)!.body).toMatchObject({ DeviceKey: saved.key, DeviceRememberedStatus: 'remembered' });
    expect(server.features.devices(pool.id, 'rem')).toEqual([expect.objectContaining({ key: saved.key, confirmed: true, remembered: true })]);

    // No TOTP secret now: only the remembered device can get past MFA.
    const since = server.calls.length;
    const second = await runBin(['auth', 'login', 'rem', ...target(), '-o', 'json'], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(respondedWith(since)).toEqual(['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
    expect(server.callsTo('InitiateAuth').at(-1)!.body.AuthParameters.DEVICE_KEY).toBe(saved.key);

    const devices = await runBin(['auth', 'devices', '-o', 'json'], { env });
    expect(devices.code, devices.stderr).toBe(0);
    expect(JSON.parse(devices.stdout)).toEqual([expect.objectContaining({ key: saved.key, remembered: 'remembered', thisDevice: true })]);

    // The refresh sends the device key (the fake refuses a device's token without it).
    const refreshed = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(server.callsTo('GetTokensFromRefreshToken').at(-1)!.body.DeviceKey).toBe(saved.key);

    const refused = await runBin(['auth', 'forget-device'], { env });
    expect(refused.code).toBe(2);
    expect(server.features.devices(pool.id, 'rem')).toHaveLength(1);
    const forgot = await runBin(['auth', 'forget-device', '--yes'], { env });
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(server.features.devices(pool.id, 'rem')).toEqual([]);

    const third = await runBin(['auth', 'login', 'rem', ...target(), '-o', 'json'], { env });
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(/--mfa-code/);
  });

  it('a tracked (not remembered) device is confirmed without --remember-device; its refresh token needs the device key', async () => {
    const tracked = server.createPool({ mfa: 'OFF' });
    server.features.deviceTracking(tracked.id, { deviceOnlyRememberedOnUserPrompt: true });
    const client = server.createClient(tracked.id).clientId;
    server.addUser(tracked.id, { username: 'trk', password: PASSWORD });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const since = server.calls.length;
    const login = await runBin(['auth', 'login', 'trk', '--pool', tracked.id, '--client', client, '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/This device is tracked for trk/);
    expect(server.calls.slice(since).map((c) => c.operation)).not.toContain('UpdateDeviceStatus');
    const saved = readDevice(env, 'trk');
    expect(saved.remembered).toBe(false);
    const refreshToken = JSON.parse(login.stdout).RefreshToken;
    const sdk = await emulatorSdk(server.url);
    await expect(sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: refreshToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    const refreshed = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(refreshed.code, refreshed.stderr).toBe(0);
  });
});

// ---- amazon-cognito-identity-js as the other client -----------------------------------------

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    setItem: (k: string, v: string) => void items.set(k, v),
    getItem: (k: string) => items.get(k) ?? null,
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  };
}

type Storage = ReturnType<typeof memoryStorage>;

/** Signs in with identity-js; `mfa` answers a TOTP challenge, or fails the sign-in when absent. */
function identityJsSignIn(username: string, storage: Storage, mfa?: () => string): Promise<{ user: import('amazon-cognito-identity-js').CognitoUser; mfaAsked: boolean }> {
  const userPool = new identityJs.CognitoUserPool({ UserPoolId: pool.id, ClientId: clientId, endpoint: server.url, Storage: storage });
  const user = new identityJs.CognitoUser({ Username: username, Pool: userPool, Storage: storage });
  let mfaAsked = false;
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: () => resolve({ user, mfaAsked }),
      onFailure: reject,
      totpRequired: () => {
        mfaAsked = true;
        if (!mfa) return reject(new Error('MFA was asked'));
        user.sendMFACode(mfa(), callbacks, 'SOFTWARE_TOKEN_MFA');
      },
    };
    user.authenticateUser(new identityJs.AuthenticationDetails({ Username: username, Password: PASSWORD }), callbacks);
  });
}

describe('device SRP cross-checked with amazon-cognito-identity-js', () => {
  it('a device our code confirmed and remembered signs in through identity-js without MFA', async () => {
    const secret = mfaUser('ours');
    const env = envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_TOTP_SECRET: base32Encode(secret) });
    const login = await runBin(['auth', 'login', 'ours', ...target(), '--remember-device', '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    const device = readDevice(env, 'ours');
    const storage = memoryStorage();
    const prefix = `CognitoIdentityServiceProvider.${clientId}.ours`;
    storage.setItem(`${prefix}.deviceKey`, device.key);
    storage.setItem(`${prefix}.randomPasswordKey`, device.secret);
    storage.setItem(`${prefix}.deviceGroupKey`, device.groupKey);
    const since = server.calls.length;
    const { mfaAsked } = await identityJsSignIn('ours', storage);
    expect(mfaAsked).toBe(false);
    expect(respondedWith(since)).toEqual(['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  });

  it('a device identity-js confirmed and remembered signs in through our code without MFA', async () => {
    const secret = mfaUser('theirs');
    const storage = memoryStorage();
    const { user, mfaAsked } = await identityJsSignIn('theirs', storage, () => server.totp(secret));
    expect(mfaAsked).toBe(true);
    await new Promise((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
    const prefix = `CognitoIdentityServiceProvider.${clientId}.theirs`;
    const key = storage.getItem(`${prefix}.deviceKey`)!;
    expect(key).toMatch(/^us-east-1_/);
    expect(server.features.devices(pool.id, 'theirs')).toEqual([expect.objectContaining({ key, confirmed: true, remembered: true })]);

    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    mkdirSync(sessionsDir(env), { recursive: true, mode: 0o700 });
    const device = { version: 1, poolId: pool.id, key, groupKey: storage.getItem(`${prefix}.deviceGroupKey`), secret: storage.getItem(`${prefix}.randomPasswordKey`), remembered: true, confirmedAt: 0 };
    writeFileSync(deviceFile(env, 'theirs'), JSON.stringify(device), { mode: 0o600 });
    const since = server.calls.length;
    const login = await runBin(['auth', 'login', 'theirs', ...target(), '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    expect(respondedWith(since)).toEqual(['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  });
});
