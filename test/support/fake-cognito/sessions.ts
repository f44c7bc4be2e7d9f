// Auth sessions: the opaque Session strings that carry a sign-in from one challenge to the next,
// and the SRP state behind a SECRET_BLOCK.
import { randomBytes } from 'node:crypto';
import type { FakeContext } from './context.js';
import { notAuthorized } from './errors.js';

export type ChallengeName =
  | 'PASSWORD_VERIFIER'
  | 'NEW_PASSWORD_REQUIRED'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'
  | 'CUSTOM_CHALLENGE'
  | 'SELECT_CHALLENGE'
  | 'SMS_OTP'
  | 'WEB_AUTHN'
  | 'DEVICE_SRP_AUTH'
  | 'DEVICE_PASSWORD_VERIFIER';

/** What a sign-in has done so far; carried from session to session. */
export interface SignInProgress {
  poolId: string;
  clientId: string;
  /** Internal username. */
  username: string;
  admin: boolean;
  authFlow: string;
  passwordVerified: boolean;
  newPasswordDone: boolean;
  mfaDone: boolean;
  customDone: boolean;
  customAttempts: number;
  /** DEVICE_KEY sent with the sign-in (devices.ts). */
  deviceKey?: string;
  /** The device proved itself (DEVICE_PASSWORD_VERIFIER). */
  deviceDone?: boolean;
}

export interface AuthSession extends SignInProgress {
  id: string;
  challenge: ChallengeName;
  expiresAt: number;
  attempts: number;
  used: boolean;
  /** SMS_MFA / EMAIL_OTP code sent for this challenge. */
  code?: string;
  /** MFA_SETUP: a software token was associated and then verified with this sign-in. */
  mfaSetupSecret?: Buffer;
  mfaSetupVerified?: boolean;
  /** EMAIL_OTP / SMS_OTP as the first factor of a choice-based sign-in, not MFA. */
  firstFactor?: boolean;
}

export interface SrpSession extends SignInProgress {
  secretBlock: string;
  A: bigint;
  b: bigint;
  B: bigint;
  v: bigint;
  expiresAt: number;
  used: boolean;
}

export function sessionLifetimeMs(ctx: FakeContext, clientId: string): number {
  for (const pool of ctx.pools.values()) {
    const client = pool.clients.get(clientId);
    if (client) return client.authSessionMinutes * 60_000;
  }
  return 3 * 60_000;
}

/** Opens a session for the next challenge; returns its Session string. */
export function openSession(
  ctx: FakeContext,
  progress: SignInProgress,
  challenge: ChallengeName,
  extra: Partial<AuthSession> = {},
): AuthSession {
  const id = `AYABe${randomBytes(330).toString('base64')}`;
  const session: AuthSession = {
    ...progress,
    id,
    challenge,
    expiresAt: ctx.now() + sessionLifetimeMs(ctx, progress.clientId),
    attempts: 0,
    used: false,
    ...extra,
  };
  ctx.sessions.set(id, session);
  return session;
}

export function progressOf(s: SignInProgress): SignInProgress {
  return {
    poolId: s.poolId,
    clientId: s.clientId,
    username: s.username,
    admin: s.admin,
    authFlow: s.authFlow,
    passwordVerified: s.passwordVerified,
    newPasswordDone: s.newPasswordDone,
    mfaDone: s.mfaDone,
    customDone: s.customDone,
    customAttempts: s.customAttempts,
    deviceKey: s.deviceKey,
    deviceDone: s.deviceDone,
  };
}

/** The live session a Session string names, or Cognito's NotAuthorizedException. */
export function findSession(ctx: FakeContext, id: string | undefined): AuthSession {
  const session = id ? ctx.sessions.get(id) : undefined;
  if (!session || session.expiresAt <= ctx.now()) {
    return notAuthorized('Invalid session for the user, session is expired.');
  }
  if (session.used) return notAuthorized('Invalid session for the user, session can only be used once.');
  return session;
}

export function newSecretBlock(): string {
  return randomBytes(720).toString('base64');
}
