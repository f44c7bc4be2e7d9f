// Choice-based sign-in (AuthFlow USER_AUTH), from the API reference: PREFERRED_CHALLENGE starts the
// preferred first factor when the user has it; otherwise SELECT_CHALLENGE lists
// AvailableChallenges and the answer (ANSWER, with PASSWORD or SRP_A where they belong) starts it.
// EMAIL_OTP / SMS_OTP send a code (to ctx.messages, kinds 'email' and 'sms') answered as
// EMAIL_OTP_CODE / SMS_OTP_CODE; a one-time-code sign-in asks for no MFA.
import type { FakeContext } from './context.js';
import { fail, invalidParameter, notAuthorized, required } from './errors.js';
import { openSession, progressOf, type AuthSession, type SignInProgress } from './sessions.js';
import { sendCode } from './codes.js';
import { nextStep, type AuthResponse } from './auth-steps.js';
import { afterPasswordProven, startSrp } from './auth-initiate.js';
import type { PoolState, UserState } from './state.js';
import { features, type FirstFactor } from './features-state.js';

type Params = Record<string, string | undefined>;

/** The first factors this user has, among those the pool allows. */
export function availableFactors(ctx: FakeContext, pool: PoolState, user: UserState): FirstFactor[] {
  const allowed = features(ctx).userAuth.get(pool.id) ?? [];
  return allowed.filter((f) => {
    switch (f) {
      case 'PASSWORD':
      case 'PASSWORD_SRP':
        return user.password !== undefined;
      case 'EMAIL_OTP':
        return Boolean(user.attributes.email);
      case 'SMS_OTP':
        return Boolean(user.attributes.phone_number);
      case 'WEB_AUTHN':
        return features(ctx).passkeys.some((p) => p.poolId === pool.id && p.username === user.username);
    }
  });
}

export function startUserAuth(ctx: FakeContext, p: SignInProgress, pool: PoolState, user: UserState, params: Params): AuthResponse {
  if (!features(ctx).userAuth.has(pool.id)) return invalidParameter('USER_AUTH is not enabled: the user pool allows no first auth factors');
  const available = availableFactors(ctx, pool, user);
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred && available.includes(preferred as FirstFactor)) return startFactor(ctx, p, pool, user, preferred as FirstFactor, params);
  const session = openSession(ctx, p, 'SELECT_CHALLENGE');
  return { ChallengeName: 'SELECT_CHALLENGE', ChallengeParameters: {}, Session: session.id, AvailableChallenges: available } as AuthResponse;
}

function startFactor(ctx: FakeContext, p: SignInProgress, pool: PoolState, user: UserState, factor: FirstFactor, params: Params): AuthResponse {
  switch (factor) {
    case 'PASSWORD': {
      const password = required(params.PASSWORD, 'PASSWORD');
      if (password !== user.password) return notAuthorized('Incorrect username or password.');
      afterPasswordProven(user);
      return nextStep(ctx, { ...p, passwordVerified: true });
    }
    case 'PASSWORD_SRP':
      return startSrp(ctx, p, user, pool, params.SRP_A);
    case 'EMAIL_OTP':
    case 'SMS_OTP': {
      const medium = factor === 'EMAIL_OTP' ? 'EMAIL' : 'SMS';
      const { code, details } = sendCode(ctx, pool, user, medium === 'EMAIL' ? 'email' : 'sms', medium);
      const session = openSession(ctx, p, factor, { code, firstFactor: true });
      return {
        ChallengeName: factor,
        ChallengeParameters: {
          CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
          CODE_DELIVERY_DESTINATION: details.Destination,
          USERNAME: user.username,
        },
        Session: session.id,
      };
    }
    case 'WEB_AUTHN': {
      const session = openSession(ctx, p, 'WEB_AUTHN');
      const options = { challenge: 'ZmFrZS1jaGFsbGVuZ2U', rpId: 'localhost', allowCredentials: [], userVerification: 'preferred' };
      return { ChallengeName: 'WEB_AUTHN', ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) }, Session: session.id };
    }
  }
}

export function selectChallenge(ctx: FakeContext, session: AuthSession, pool: PoolState, user: UserState, responses: Params): AuthResponse {
  const answer = required(responses.ANSWER, 'ANSWER') as FirstFactor;
  if (!availableFactors(ctx, pool, user).includes(answer)) return invalidParameter(`Invalid ANSWER: ${answer} is not an available challenge`);
  session.used = true;
  return startFactor(ctx, progressOf(session), pool, user, answer, responses);
}

/** The one-time code of a first factor; a wrong one spends an attempt as MFA codes do. */
export function firstFactorCode(ctx: FakeContext, session: AuthSession, given: string | undefined, member: string): AuthResponse {
  const code = required(given, member);
  if (code !== session.code) {
    session.attempts++;
    if (session.attempts >= ctx.limits.mfaAttemptsPerSession) session.used = true;
    return fail('CodeMismatchException', 'Invalid code or auth state for the user.');
  }
  session.used = true;
  return nextStep(ctx, { ...progressOf(session), passwordVerified: true, mfaDone: true });
}
