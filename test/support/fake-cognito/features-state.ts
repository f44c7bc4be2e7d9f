// What the fake keeps for the newer Cognito features — choice-based sign-in, device tracking,
// refresh-token rotation, passkeys, sign-in history — beside (not inside) the core state, so the
// core files stay as they were.
import type { FakeContext } from './context.js';

export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export interface DeviceConfig {
  /** ChallengeRequiredOnNewDevice: a new device must pass MFA (the pool's MFA applies anyway here). */
  challengeRequiredOnNewDevice: boolean;
  /** DeviceOnlyRememberedOnUserPrompt: ConfirmDevice answers UserConfirmationNecessary and the user opts in. */
  deviceOnlyRememberedOnUserPrompt: boolean;
}

export interface DeviceRecord {
  key: string;
  groupKey: string;
  poolId: string;
  /** Internal username. */
  username: string;
  confirmed: boolean;
  remembered: boolean;
  /** g^x mod N from ConfirmDevice's PasswordVerifier. */
  verifier?: bigint;
  /** The salt from ConfirmDevice, hex. */
  salt?: string;
  name?: string;
  createdAt: Date;
  modifiedAt: Date;
  lastAuthenticatedAt?: Date;
}

export interface PasskeyRecord {
  poolId: string;
  username: string;
  id: string;
  name: string;
  relyingPartyId: string;
  createdAt: Date;
}

export interface AuthEventRecord {
  poolId: string;
  username: string;
  id: string;
  type: 'SignIn';
  at: Date;
  response: 'Pass' | 'Fail';
  challenges: { ChallengeName: 'Password' | 'Mfa'; ChallengeResponse: 'Success' | 'Failure' }[];
  ip: string;
  deviceName: string;
}

export interface RotationConfig {
  /** RetryGracePeriodSeconds: how long the old refresh token keeps working after rotation. */
  graceSeconds: number;
  /** Awaited after a rotation is applied and before the answer is sent (a test can kill the client there). */
  beforeReply?: () => Promise<void>;
}

export interface FeatureState {
  userAuth: Map<string, FirstFactor[]>;
  deviceConfig: Map<string, DeviceConfig>;
  devices: Map<string, DeviceRecord>;
  rotation: Map<string, RotationConfig>;
  /** refresh token → when it was rotated away. */
  rotatedAt: Map<string, number>;
  /** refresh token → the device it was issued to. */
  tokenDevice: Map<string, string>;
  passkeys: PasskeyRecord[];
  events: AuthEventRecord[];
}

const states = new WeakMap<FakeContext, FeatureState>();

export function features(ctx: FakeContext): FeatureState {
  let state = states.get(ctx);
  if (!state) {
    state = {
      userAuth: new Map(),
      deviceConfig: new Map(),
      devices: new Map(),
      rotation: new Map(),
      rotatedAt: new Map(),
      tokenDevice: new Map(),
      passkeys: [],
      events: [],
    };
    states.set(ctx, state);
  }
  return state;
}
