// What comes after each step of a sign-in: the next challenge Cognito would issue, or tokens.
import type { FakeContext } from './context.js';
import { fail } from './errors.js';
import { openSession, type ChallengeName, type SignInProgress } from './sessions.js';
import { sendCode } from './codes.js';
import { issueTokens, type AuthenticationResult } from './tokens.js';
import { type ClientState, type MfaMethod, type PoolState, type UserState } from './state.js';
import { userKey } from './user-store.js';
import { attachDevice, deviceStep } from './devices.js';

export interface AuthResponse {
  ChallengeName?: ChallengeName;
  ChallengeParameters: Record<string, string>;
  Session?: string;
  AuthenticationResult?: AuthenticationResult;
}

export interface Loaded {
  pool: PoolState;
  client: ClientState;
  user: UserState;
}

export function load(ctx: FakeContext, p: SignInProgress): Loaded {
  const pool = ctx.pools.get(p.poolId);
  const client = pool?.clients.get(p.clientId);
  const user = pool?.users.get(userKey(pool, p.username));
  if (!pool || !client || !user) return fail('UserNotFoundException', 'User does not exist.');
  return { pool, client, user };
}

/** The MFA methods a user can be challenged with. */
export function enabledMfa(user: UserState): MfaMethod[] {
  const out: MfaMethod[] = [];
  if (user.mfa.totpEnabled && user.mfa.totpSecret) out.push('SOFTWARE_TOKEN_MFA');
  if (user.mfa.sms && user.attributes.phone_number) out.push('SMS_MFA');
  if (user.mfa.email && user.attributes.email) out.push('EMAIL_OTP');
  return out;
}

/** Issues one MFA challenge (SMS and email codes are "sent" here). */
export function mfaChallenge(ctx: FakeContext, p: SignInProgress, method: MfaMethod): AuthResponse {
  const { pool, user } = load(ctx, p);
  if (method === 'SOFTWARE_TOKEN_MFA') {
    const session = openSession(ctx, p, 'SOFTWARE_TOKEN_MFA');
    return { ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {}, Session: session.id };
  }
  const { code, details } = sendCode(ctx, pool, user, method === 'SMS_MFA' ? 'sms' : 'email', method === 'SMS_MFA' ? 'SMS' : 'EMAIL');
  const session = openSession(ctx, p, method, { code });
  return {
    ChallengeName: method,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
      USER_ID_FOR_SRP: user.username,
    },
    Session: session.id,
  };
}

function mfaStep(ctx: FakeContext, p: SignInProgress, { pool, user }: Loaded): AuthResponse | undefined {
  if (pool.mfa === 'OFF') return undefined;
  const methods = enabledMfa(user);
  if (methods.length === 0) {
    if (pool.mfa === 'OPTIONAL') return undefined;
    const session = openSession(ctx, p, 'MFA_SETUP');
    return {
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(pool.mfaTypes), USER_ID_FOR_SRP: user.username },
      Session: session.id,
    };
  }
  if (user.mfa.preferred && methods.includes(user.mfa.preferred)) return mfaChallenge(ctx, p, user.mfa.preferred);
  if (methods.length === 1) return mfaChallenge(ctx, p, methods[0]!);
  const session = openSession(ctx, p, 'SELECT_MFA_TYPE');
  return {
    ChallengeName: 'SELECT_MFA_TYPE',
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(methods), USER_ID_FOR_SRP: user.username },
    Session: session.id,
  };
}

export function customChallenge(ctx: FakeContext, p: SignInProgress, pool: PoolState, user: UserState): AuthResponse {
  if (!pool.customChallenge) {
    return fail('NotAuthorizedException', 'Custom auth lambda trigger is not configured for the user pool.');
  }
  const code = pool.customChallenge.verify ? undefined : sendCode(ctx, pool, user, 'email', 'EMAIL').code;
  const session = openSession(ctx, p, 'CUSTOM_CHALLENGE', { code });
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ChallengeParameters: { ...pool.customChallenge.parameters, USERNAME: user.username },
    Session: session.id,
  };
}

/** Called once the password (or the custom challenge) has been proven. */
export function nextStep(ctx: FakeContext, p: SignInProgress): AuthResponse {
  const loaded = load(ctx, p);
  const { pool, client, user } = loaded;
  if (p.authFlow === 'CUSTOM_AUTH') {
    if (!p.customDone) return customChallenge(ctx, p, pool, user);
  } else {
    if (user.status === 'FORCE_CHANGE_PASSWORD' && !p.newPasswordDone) {
      const session = openSession(ctx, p, 'NEW_PASSWORD_REQUIRED');
      const { sub: _sub, ...visible } = user.attributes;
      const missing = pool.requiredAttributes.filter((a) => user.attributes[a] === undefined);
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.username,
          requiredAttributes: JSON.stringify(missing.map((a) => `userAttributes.${a}`)),
          userAttributes: JSON.stringify(visible),
        },
        Session: session.id,
      };
    }
    const device = deviceStep(ctx, p);
    if (device) return device;
    if (!p.mfaDone) {
      const challenge = mfaStep(ctx, p, loaded);
      if (challenge) return challenge;
    }
  }
  return { ChallengeParameters: {}, AuthenticationResult: attachDevice(ctx, p, loaded, issueTokens(ctx, pool, client, user)) };
}
