// The test API of the newer features: `server.features.…` switches them on per pool or client,
// adds passkeys, and reads back devices and sign-in events.
import { randomBytes } from 'node:crypto';
import type { FakeContext } from './context.js';
import { getPool } from './state.js';
import { findUser } from './user-store.js';
import { features, type AuthEventRecord, type DeviceConfig, type DeviceRecord, type FirstFactor, type PasskeyRecord } from './features-state.js';

export interface FeatureApi {
  /** Choice-based sign-in (USER_AUTH) with these first factors; clients also need ALLOW_USER_AUTH. */
  userAuth(poolId: string, factors?: FirstFactor[]): void;
  /** Device tracking; default: remembered only when the user opts in, MFA on new devices. */
  deviceTracking(poolId: string, config?: Partial<DeviceConfig>): void;
  /** Refresh-token rotation for a client, the old token valid `graceSeconds` after use (default 0). */
  refreshRotation(clientId: string, options?: { graceSeconds?: number; beforeReply?: () => Promise<void> }): void;
  addPasskey(poolId: string, username: string, passkey?: { name?: string; relyingPartyId?: string }): PasskeyRecord;
  /** Every device of a user, confirmed or not. */
  devices(poolId: string, username: string): DeviceRecord[];
  events(poolId: string, username: string): AuthEventRecord[];
}

export function featureApi(ctx: FakeContext): FeatureApi {
  const state = features(ctx);
  const internal = (poolId: string, username: string) => {
    const user = findUser(getPool(ctx.pools, poolId), username);
    if (!user) throw new Error(`fake-cognito: no user ${username}`);
    return user.username;
  };
  return {
    userAuth(poolId, factors = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']) {
      getPool(ctx.pools, poolId);
      state.userAuth.set(poolId, [...factors]);
    },
    deviceTracking(poolId, config = {}) {
      getPool(ctx.pools, poolId);
      state.deviceConfig.set(poolId, {
        challengeRequiredOnNewDevice: config.challengeRequiredOnNewDevice ?? true,
        deviceOnlyRememberedOnUserPrompt: config.deviceOnlyRememberedOnUserPrompt ?? true,
      });
    },
    refreshRotation(clientId, options = {}) {
      state.rotation.set(clientId, { graceSeconds: options.graceSeconds ?? 0, beforeReply: options.beforeReply });
    },
    addPasskey(poolId, username, passkey = {}) {
      const record: PasskeyRecord = {
        poolId,
        username: internal(poolId, username),
        id: randomBytes(16).toString('base64url'),
        name: passkey.name ?? 'Security key',
        relyingPartyId: passkey.relyingPartyId ?? 'localhost',
        createdAt: new Date(ctx.now()),
      };
      state.passkeys.push(record);
      return record;
    },
    devices: (poolId, username) => [...state.devices.values()].filter((d) => d.poolId === poolId && d.username === internal(poolId, username)),
    events: (poolId, username) => state.events.filter((e) => e.poolId === poolId && e.username === internal(poolId, username)),
  };
}
