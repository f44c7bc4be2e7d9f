// How a sign-in starts: which flow, which first parameters, over which API pair (auth-api.ts).
// Everything after the first call is the one challenge loop in challenges.ts. What the sign-in
// needs to know (passwords, codes, choices) it asks through SignInAnswers.
import type { AuthenticationResultType, AuthFlowType, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AuthError, UsageError } from '../errors.js';
import { isAwsError } from '../aws/errors.js';
import { registerSecret } from '../aws/redact.js';
import { secretHash } from './secret-hash.js';
import { startSrp } from './srp.js';
import { authApi } from './auth-api.js';
import { completeSignIn, type SignInState } from './challenges.js';
import type { SignInAnswers, SignInNotes } from './answers.js';
import type { DeviceIdentity } from './device-srp.js';

export const FLOWS = ['srp', 'password', 'admin', 'custom', 'custom-srp', 'user-auth', 'admin-user-auth'] as const;
export type Flow = (typeof FLOWS)[number];

/** --prefer values, and the first-factor challenge each names. */
export const PREFERENCES = { password: 'PASSWORD', 'password-srp': 'PASSWORD_SRP', 'email-otp': 'EMAIL_OTP', 'sms-otp': 'SMS_OTP' } as const;
export type Preference = keyof typeof PREFERENCES;

/** Where the sign-in goes: the pool and app client, and how to reach them. */
export interface SignInTarget {
  poolId: string;
  clientId: string;
  /** The app client's secret, when it has one; looked up only once the password is at hand. */
  clientSecret(): Promise<string | undefined>;
  idp(): Promise<CognitoIdentityProviderClient>;
  now(): number;
}

export interface SignInOptions {
  flow?: Flow;
  /** The first factor of a choice-based sign-in (user-auth flows). */
  prefer?: Preference;
  /** A remembered device of this user: its key is sent, and it answers DEVICE_SRP_AUTH. */
  device?: DeviceIdentity;
  answers: SignInAnswers;
  notes: SignInNotes;
}

export interface SignInResult {
  result: AuthenticationResultType;
  /** Cognito's own username, as the challenges named it (the typed name when none did). */
  internalUsername: string;
  poolId: string;
  clientId: string;
}

/** Signs `username` in through the chosen flow and every challenge that follows. */
export async function signIn(target: SignInTarget, username: string, options: SignInOptions): Promise<SignInResult> {
  const flow = options.flow ?? 'srp';
  const { poolId, clientId } = target;
  const userAuth = flow === 'user-auth' || flow === 'admin-user-auth';
  if (options.prefer && !userAuth) throw new UsageError('--prefer goes with --flow user-auth or --flow admin-user-auth');
  const preferred = options.prefer ? PREFERENCES[options.prefer] : undefined;
  // Asked before any call, so a missing password never costs a round trip (or an SRP attempt).
  // A choice-based sign-in asks for it only when the password is the factor chosen.
  const needsPassword = userAuth ? preferred === 'PASSWORD' || preferred === 'PASSWORD_SRP' : flow !== 'custom';
  const password = needsPassword ? await options.answers.password(username) : undefined;
  registerSecret(password);
  const secret = await target.clientSecret();
  registerSecret(secret);
  const api = authApi(await target.idp(), { poolId, clientId, admin: flow === 'admin' || flow === 'admin-user-auth' });

  const state: SignInState = {
    poolId,
    clientId,
    secret,
    typed: username,
    internal: username,
    password,
    firstFactorDone: !userAuth,
    preferred,
    device: options.device,
  };
  if (options.device) registerSecret(options.device.secret);
  const parameters: Record<string, string> = { USERNAME: username };
  // On the first call the hash is over the name as typed: Cognito has not said whose it is yet.
  if (secret) parameters.SECRET_HASH = secretHash(username, clientId, secret);
  if (options.device) parameters.DEVICE_KEY = options.device.key;

  let authFlow: AuthFlowType;
  switch (flow) {
    case 'srp':
    case 'custom-srp':
      state.srp = startSrp();
      parameters.SRP_A = state.srp.srpA;
      if (flow === 'custom-srp') parameters.CHALLENGE_NAME = 'SRP_A';
      authFlow = flow === 'srp' ? 'USER_SRP_AUTH' : 'CUSTOM_AUTH';
      break;
    case 'password':
      parameters.PASSWORD = password!;
      authFlow = 'USER_PASSWORD_AUTH';
      break;
    case 'admin':
      parameters.PASSWORD = password!;
      authFlow = 'ADMIN_USER_PASSWORD_AUTH';
      break;
    case 'custom':
      authFlow = 'CUSTOM_AUTH';
      break;
    case 'user-auth':
    case 'admin-user-auth':
      authFlow = 'USER_AUTH';
      if (preferred) parameters.PREFERRED_CHALLENGE = preferred;
      if (preferred === 'PASSWORD') {
        parameters.PASSWORD = password!;
        state.firstFactorDone = true;
      }
      if (preferred === 'PASSWORD_SRP') {
        state.srp = startSrp();
        parameters.SRP_A = state.srp.srpA;
      }
      break;
  }

  try {
    const first = await api.initiate(authFlow, parameters);
    const result = await completeSignIn(api, first, state, { answers: options.answers, notes: options.notes, now: target.now });
    return { result, internalUsername: state.internal, poolId, clientId };
  } catch (err) {
    throw signInError(err, flow);
  }
}

/** An unknown user is an authentication failure (exit 4) like a wrong password; a flow the client refuses is a usage error. */
function signInError(err: unknown, flow: Flow): unknown {
  if (isAwsError(err, 'UserNotFoundException')) {
    return new AuthError((err as Error).message || 'User does not exist.', { code: 'UserNotFoundException', cause: err });
  }
  if (isAwsError(err, 'InvalidParameterException') && /flow not enabled|auth flow not enabled|not enabled for this client/i.test((err as Error).message)) {
    return new UsageError((err as Error).message, {
      code: 'InvalidParameterException',
      hint: `the app client does not allow the ${flow} flow: enable it on the client, or try --flow ${flow === 'srp' ? 'password' : 'srp'}`,
      cause: err,
    });
  }
  if (isAwsError(err, 'CodeMismatchException', 'ExpiredCodeException')) {
    return new AuthError((err as Error).message, {
      code: (err as Error).name,
      hint: 'check the code; a TOTP code computed from --totp-secret also needs the right secret and an accurate clock',
      cause: err,
    });
  }
  return err;
}
