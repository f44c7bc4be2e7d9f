// RespondToAuthChallenge and AdminRespondToAuthChallenge, one handler per challenge.
import type { FakeContext } from './context.js';
import { fail, invalidParameter, notAuthorized, required } from './errors.js';
import { checkSecretHash } from './secret-hash.js';
import { findSession, progressOf, type AuthSession, type SignInProgress } from './sessions.js';
import { claimSignature, formatTimestamp, parseTimestamp, sessionKey, signatureMatches } from './srp-server.js';
import { matchTotp } from './totp-check.js';
import { load, mfaChallenge, nextStep, enabledMfa, customChallenge, type AuthResponse } from './auth-steps.js';
import { afterPasswordProven } from './auth-initiate.js';
import { getClient, type MfaMethod, type UserState } from './state.js';
import { checkPasswordPolicy, findUser, setPassword } from './user-store.js';
import { firstFactorCode, selectChallenge } from './user-auth.js';
import { devicePasswordVerifier, deviceSrpAuth } from './devices.js';

type Responses = Record<string, string | undefined>;

/** USERNAME must name the user of this sign-in (internal name or an alias). */
function checkUsername(ctx: FakeContext, p: SignInProgress, responses: Responses): UserState {
  const typed = responses.USERNAME;
  if (!typed) return invalidParameter('Missing required parameter USERNAME');
  const { pool, client, user } = load(ctx, p);
  if (findUser(pool, typed) !== user) return notAuthorized('Incorrect username or password.');
  // Over the internal username, never the alias the user typed.
  checkSecretHash(client, responses.SECRET_HASH, user.username);
  return user;
}

function passwordVerifier(ctx: FakeContext, clientId: string, responses: Responses): AuthResponse {
  const block = required(responses.PASSWORD_CLAIM_SECRET_BLOCK, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const srp = ctx.srpSessions.get(block);
  if (!srp || srp.clientId !== clientId || srp.expiresAt <= ctx.now() || srp.used) {
    return notAuthorized('Invalid session for the user, session is expired.');
  }
  const user = checkUsername(ctx, srp, responses);
  const signature = required(responses.PASSWORD_CLAIM_SIGNATURE, 'PASSWORD_CLAIM_SIGNATURE');
  const when = parseTimestamp(required(responses.TIMESTAMP, 'TIMESTAMP'));
  if (!when) return invalidParameter('TIMESTAMP format is invalid; expected EEE MMM d HH:mm:ss UTC yyyy');
  srp.used = true;
  const skew = Math.abs(when.getTime() - ctx.now()) / 1000;
  const key = sessionKey(srp.A, srp.B, srp.b, srp.v);
  const poolName = srp.poolId.split('_')[1]!;
  if (
    skew > ctx.limits.srpTimestampSkewSeconds ||
    !key ||
    !signatureMatches(claimSignature(key, poolName, user.username, block, formatTimestamp(when)), signature)
  ) {
    return notAuthorized('Incorrect username or password.');
  }
  afterPasswordProven(user);
  // Clients send a remembered device's key with any answer, this one included (devices.ts).
  return nextStep(ctx, { ...progressOf(srp), passwordVerified: true, deviceKey: responses.DEVICE_KEY ?? srp.deviceKey });
}

/** A wrong code spends one attempt; the session dies after the limit. */
function wrongCode(ctx: FakeContext, session: AuthSession, type: string, message: string): never {
  session.attempts++;
  if (session.attempts >= ctx.limits.mfaAttemptsPerSession) session.used = true;
  return fail(type, message);
}

function newPassword(ctx: FakeContext, session: AuthSession, user: UserState, responses: Responses): AuthResponse {
  const { pool } = load(ctx, session);
  const password = responses.NEW_PASSWORD;
  if (!password) return invalidParameter('Missing required parameter NEW_PASSWORD');
  checkPasswordPolicy(pool, password);
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(responses)) {
    if (name.startsWith('userAttributes.') && value !== undefined) given[name.slice('userAttributes.'.length)] = value;
  }
  for (const attr of pool.requiredAttributes) {
    if (user.attributes[attr] === undefined && !given[attr]) {
      return invalidParameter(`Invalid attributes given, ${attr} is missing`);
    }
  }
  if ('sub' in given) return invalidParameter('Cannot modify an already provided sub attribute');
  Object.assign(user.attributes, given);
  setPassword(user, password);
  user.status = 'CONFIRMED';
  session.used = true;
  return nextStep(ctx, { ...progressOf(session), newPasswordDone: true });
}

function codeChallenge(ctx: FakeContext, session: AuthSession, given: string | undefined, member: string): AuthResponse {
  const code = required(given, member);
  if (code !== session.code) wrongCode(ctx, session, 'CodeMismatchException', 'Invalid code or auth state for the user.');
  session.used = true;
  return nextStep(ctx, { ...progressOf(session), mfaDone: true });
}

function softwareToken(ctx: FakeContext, session: AuthSession, user: UserState, responses: Responses): AuthResponse {
  const code = required(responses.SOFTWARE_TOKEN_MFA_CODE, 'SOFTWARE_TOKEN_MFA_CODE');
  const step = user.mfa.totpSecret ? matchTotp(user.mfa.totpSecret, code, ctx.now()) : undefined;
  if (step === undefined) wrongCode(ctx, session, 'CodeMismatchException', 'Invalid code received for user');
  if (ctx.options.rejectTotpReuse && user.mfa.lastTotpStep !== undefined && step! <= user.mfa.lastTotpStep) {
    wrongCode(ctx, session, 'ExpiredCodeException', 'Your software token has already been used once.');
  }
  user.mfa.lastTotpStep = step;
  session.used = true;
  return nextStep(ctx, { ...progressOf(session), mfaDone: true });
}

function selectMfaType(ctx: FakeContext, session: AuthSession, user: UserState, responses: Responses): AuthResponse {
  const answer = required(responses.ANSWER, 'ANSWER') as MfaMethod;
  if (!enabledMfa(user).includes(answer)) return invalidParameter(`Invalid ANSWER: ${answer} is not an MFA type the user can choose`);
  session.used = true;
  return mfaChallenge(ctx, progressOf(session), answer);
}

function mfaSetup(ctx: FakeContext, session: AuthSession, user: UserState): AuthResponse {
  if (!session.mfaSetupVerified || !session.mfaSetupSecret) {
    return invalidParameter('MFA_SETUP needs the Session returned by VerifySoftwareToken');
  }
  user.mfa.totpSecret = session.mfaSetupSecret;
  user.mfa.pendingTotpSecret = undefined;
  user.mfa.totpEnabled = true;
  user.mfa.preferred ??= 'SOFTWARE_TOKEN_MFA';
  session.used = true;
  return nextStep(ctx, { ...progressOf(session), mfaDone: true });
}

function custom(ctx: FakeContext, session: AuthSession, user: UserState, responses: Responses): AuthResponse {
  const { pool } = load(ctx, session);
  const answer = required(responses.ANSWER, 'ANSWER');
  session.used = true;
  const check = pool.customChallenge;
  const right = check?.verify ? check.verify(answer, user.username) : answer === session.code;
  if (check && right) return nextStep(ctx, { ...progressOf(session), customDone: true });
  const attempts = session.customAttempts + 1;
  if (!check || attempts >= check.maxAttempts) return notAuthorized('Incorrect username or password.');
  return customChallenge(ctx, { ...progressOf(session), customAttempts: attempts }, pool, user);
}

function respond(ctx: FakeContext, clientId: string, body: any): AuthResponse {
  const name = required<string>(body.ChallengeName, 'challengeName');
  const responses: Responses = body.ChallengeResponses ?? {};
  if (name === 'PASSWORD_VERIFIER') return passwordVerifier(ctx, clientId, responses);
  const session = findSession(ctx, body.Session);
  if (session.clientId !== clientId) return notAuthorized('Invalid session for the user.');
  if (session.challenge !== name) {
    return invalidParameter(`Invalid challenge name ${name}: this session is waiting for ${session.challenge}`);
  }
  const user = checkUsername(ctx, session, responses);
  if (responses.DEVICE_KEY) session.deviceKey = responses.DEVICE_KEY;
  switch (session.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return newPassword(ctx, session, user, responses);
    case 'SMS_MFA':
      return codeChallenge(ctx, session, responses.SMS_MFA_CODE, 'SMS_MFA_CODE');
    case 'EMAIL_OTP':
      if (session.firstFactor) return firstFactorCode(ctx, session, responses.EMAIL_OTP_CODE, 'EMAIL_OTP_CODE');
      return codeChallenge(ctx, session, responses.EMAIL_OTP_CODE, 'EMAIL_OTP_CODE');
    case 'SMS_OTP':
      return firstFactorCode(ctx, session, responses.SMS_OTP_CODE, 'SMS_OTP_CODE');
    case 'SELECT_CHALLENGE':
      return selectChallenge(ctx, session, load(ctx, session).pool, user, responses);
    case 'DEVICE_SRP_AUTH':
      return deviceSrpAuth(ctx, session, user, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return devicePasswordVerifier(ctx, session, responses);
    case 'SOFTWARE_TOKEN_MFA':
      return softwareToken(ctx, session, user, responses);
    case 'SELECT_MFA_TYPE':
      return selectMfaType(ctx, session, user, responses);
    case 'MFA_SETUP':
      return mfaSetup(ctx, session, user);
    case 'CUSTOM_CHALLENGE':
      return custom(ctx, session, user, responses);
    default:
      return invalidParameter(`Unsupported challenge ${name}`);
  }
}

export function respondToAuthChallenge(ctx: FakeContext, body: any): AuthResponse {
  const { client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  return respond(ctx, client.clientId, body);
}

export function adminRespondToAuthChallenge(ctx: FakeContext, body: any): AuthResponse {
  const poolId = required<string>(body.UserPoolId, 'userPoolId');
  const { pool, client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  if (pool.id !== poolId) return fail('ResourceNotFoundException', `User pool client ${client.clientId} does not exist.`);
  return respond(ctx, client.clientId, body);
}

