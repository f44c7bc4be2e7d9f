// Device tracking, from the API reference and the developer guide's "Working with devices": a
// pool that tracks devices returns NewDeviceMetadata with the tokens; ConfirmDevice registers an
// SRP verifier of a secret the client keeps (the device group key in place of the pool name, the
// device key in place of the username); later sign-ins that send the DEVICE_KEY of a confirmed
// device get DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER, verified here with the server half of
// SRP, and a remembered device skips MFA. Refresh tokens issued to a device need its key.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeContext } from './context.js';
import { fail, invalidParameter, notAuthorized, required, resourceNotFound } from './errors.js';
import { newSecretBlock, openSession, progressOf, type AuthSession, type SignInProgress } from './sessions.js';
import { claimSignature, formatTimestamp, parseTimestamp, serverEphemeral, sessionKey, signatureMatches, N } from './srp-server.js';
import { nextStep, type AuthResponse, type Loaded } from './auth-steps.js';
import { verifyAccessToken, type AuthenticationResult } from './tokens.js';
import { getPool, type UserState } from './state.js';
import { findUser } from './user-store.js';
import { features, type DeviceRecord } from './features-state.js';

type Responses = Record<string, string | undefined>;

interface DeviceSrp {
  device: DeviceRecord;
  progress: SignInProgress;
  A: bigint;
  b: bigint;
  B: bigint;
  expiresAt: number;
  used: boolean;
}
const deviceSrp = new WeakMap<FakeContext, Map<string, DeviceSrp>>();
const srpOf = (ctx: FakeContext) => {
  let map = deviceSrp.get(ctx);
  if (!map) deviceSrp.set(ctx, (map = new Map()));
  return map;
};

/** A confirmed device of this user, named by the sign-in's DEVICE_KEY. */
function knownDevice(ctx: FakeContext, p: SignInProgress): DeviceRecord | undefined {
  const device = p.deviceKey ? features(ctx).devices.get(p.deviceKey) : undefined;
  return device && device.confirmed && device.poolId === p.poolId && device.username === p.username ? device : undefined;
}

/** Before MFA: a known device proves itself first. */
export function deviceStep(ctx: FakeContext, p: SignInProgress): AuthResponse | undefined {
  if (p.deviceDone || !features(ctx).deviceConfig.has(p.poolId)) return undefined;
  const device = knownDevice(ctx, p);
  if (!device) return undefined;
  const session = openSession(ctx, p, 'DEVICE_SRP_AUTH');
  return { ChallengeName: 'DEVICE_SRP_AUTH', ChallengeParameters: { USERNAME: p.username }, Session: session.id };
}

/** With the tokens: a new device for a sign-in that did not come from a known one. */
export function attachDevice(ctx: FakeContext, p: SignInProgress, loaded: Loaded, result: AuthenticationResult): AuthenticationResult {
  const state = features(ctx);
  if (!state.deviceConfig.has(p.poolId)) return result;
  let key = knownDevice(ctx, p)?.key;
  if (!key || !p.deviceDone) {
    const now = new Date(ctx.now());
    const device: DeviceRecord = {
      key: `${loaded.pool.region}_${randomUUID()}`,
      groupKey: `-${randomBytes(6).toString('base64url')}`,
      poolId: p.poolId,
      username: p.username,
      confirmed: false,
      remembered: false,
      createdAt: now,
      modifiedAt: now,
    };
    state.devices.set(device.key, device);
    key = device.key;
    Object.assign(result, { NewDeviceMetadata: { DeviceKey: device.key, DeviceGroupKey: device.groupKey } });
  } else {
    state.devices.get(key)!.lastAuthenticatedAt = new Date(ctx.now());
  }
  if (result.RefreshToken) state.tokenDevice.set(result.RefreshToken, key);
  return result;
}

export function deviceSrpAuth(ctx: FakeContext, session: AuthSession, user: UserState, responses: Responses): AuthResponse {
  const key = required(responses.DEVICE_KEY, 'DEVICE_KEY');
  const aHex = required(responses.SRP_A, 'SRP_A');
  const device = features(ctx).devices.get(key);
  if (!device || !device.confirmed || device.username !== user.username || !device.verifier || !device.salt) {
    return resourceNotFound('Device does not exist.');
  }
  const A = BigInt(`0x${aHex}`);
  if (A % N === 0n) return notAuthorized('Incorrect username or password.');
  session.used = true;
  const { b, B } = serverEphemeral(device.verifier);
  const block = newSecretBlock();
  srpOf(ctx).set(block, { device, progress: progressOf(session), A, b, B, expiresAt: ctx.now() + 3 * 60_000, used: false });
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    ChallengeParameters: { USERNAME: user.username, SRP_B: B.toString(16), SALT: device.salt, SECRET_BLOCK: block },
    Session: openSession(ctx, progressOf(session), 'DEVICE_PASSWORD_VERIFIER').id,
  };
}

export function devicePasswordVerifier(ctx: FakeContext, session: AuthSession, responses: Responses): AuthResponse {
  const block = required(responses.PASSWORD_CLAIM_SECRET_BLOCK, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const srp = srpOf(ctx).get(block);
  if (!srp || srp.used || srp.expiresAt <= ctx.now()) return notAuthorized('Invalid session for the user, session is expired.');
  srp.used = true;
  session.used = true;
  const when = parseTimestamp(required(responses.TIMESTAMP, 'TIMESTAMP'));
  if (!when) return invalidParameter('TIMESTAMP format is invalid; expected EEE MMM d HH:mm:ss UTC yyyy');
  const { device } = srp;
  const key = sessionKey(srp.A, srp.B, srp.b, device.verifier!);
  const signature = required(responses.PASSWORD_CLAIM_SIGNATURE, 'PASSWORD_CLAIM_SIGNATURE');
  if (
    Math.abs(when.getTime() - ctx.now()) / 1000 > ctx.limits.srpTimestampSkewSeconds ||
    !key ||
    !signatureMatches(claimSignature(key, device.groupKey, device.key, block, formatTimestamp(when)), signature)
  ) {
    return notAuthorized('Incorrect username or password.');
  }
  device.lastAuthenticatedAt = new Date(ctx.now());
  // A remembered device stands in for MFA; a tracked one only proves it is the same device.
  return nextStep(ctx, { ...srp.progress, deviceKey: device.key, deviceDone: true, mfaDone: srp.progress.mfaDone || device.remembered });
}

/** A refresh token issued to a confirmed device is refused without that device's key. */
export function checkRefreshDevice(ctx: FakeContext, token: string, given: string | undefined): void {
  const key = features(ctx).tokenDevice.get(token);
  const device = key ? features(ctx).devices.get(key) : undefined;
  if (device?.confirmed && given !== device.key) notAuthorized('Invalid Refresh Token');
}

// ---- device operations --------------------------------------------------------------------------

function deviceOf(ctx: FakeContext, user: UserState, key: string | undefined): DeviceRecord {
  const device = features(ctx).devices.get(required(key, 'deviceKey'));
  if (!device || device.username !== user.username) return resourceNotFound('Device does not exist.');
  return device;
}

export function confirmDevice(ctx: FakeContext, body: any) {
  const { pool, user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  const device = deviceOf(ctx, user, body.DeviceKey);
  const config = required(body.DeviceSecretVerifierConfig, 'deviceSecretVerifierConfig');
  const verifier = Buffer.from(required<string>(config.PasswordVerifier, 'passwordVerifier'), 'base64');
  const salt = Buffer.from(required<string>(config.Salt, 'salt'), 'base64');
  if (verifier.length === 0 || salt.length === 0) return invalidParameter('Invalid device secret verifier config');
  device.verifier = BigInt(`0x${verifier.toString('hex')}`);
  device.salt = BigInt(`0x${salt.toString('hex')}`).toString(16);
  device.name = body.DeviceName;
  device.confirmed = true;
  device.modifiedAt = new Date(ctx.now());
  const optIn = features(ctx).deviceConfig.get(pool.id)?.deviceOnlyRememberedOnUserPrompt ?? true;
  if (!optIn) device.remembered = true;
  return { UserConfirmationNecessary: optIn };
}

export function updateDeviceStatus(ctx: FakeContext, body: any) {
  const { user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  const device = deviceOf(ctx, user, body.DeviceKey);
  const status = body.DeviceRememberedStatus;
  if (status !== 'remembered' && status !== 'not_remembered') return invalidParameter('DeviceRememberedStatus must be remembered or not_remembered');
  device.remembered = status === 'remembered';
  device.modifiedAt = new Date(ctx.now());
  return {};
}

function deviceType(d: DeviceRecord) {
  return {
    DeviceKey: d.key,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: d.name ?? '' },
      { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
      { Name: 'last_ip_used', Value: '127.0.0.1' },
    ],
    DeviceCreateDate: d.createdAt,
    DeviceLastModifiedDate: d.modifiedAt,
    DeviceLastAuthenticatedDate: d.lastAuthenticatedAt ?? d.createdAt,
  };
}

const devicesOf = (ctx: FakeContext, user: UserState) =>
  [...features(ctx).devices.values()].filter((d) => d.username === user.username && d.confirmed).map(deviceType);

export function listDevices(ctx: FakeContext, body: any) {
  const { user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  return { Devices: devicesOf(ctx, user) };
}

export function forgetDevice(ctx: FakeContext, body: any) {
  const { user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  features(ctx).devices.delete(deviceOf(ctx, user, body.DeviceKey).key);
  return {};
}

function adminUser(ctx: FakeContext, body: any): UserState {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  return findUser(pool, required(body.Username, 'username')) ?? fail('UserNotFoundException', 'User does not exist.');
}

export function adminListDevices(ctx: FakeContext, body: any) {
  return { Devices: devicesOf(ctx, adminUser(ctx, body)) };
}

export function adminForgetDevice(ctx: FakeContext, body: any) {
  const user = adminUser(ctx, body);
  features(ctx).devices.delete(deviceOf(ctx, user, body.DeviceKey).key);
  return {};
}
