// Software-token enrolment and MFA preferences: AssociateSoftwareToken, VerifySoftwareToken,
// SetUserMFAPreference, AdminSetUserMFAPreference, GetUserPoolMfaConfig, SetUserPoolMfaConfig.
import { randomBytes } from 'node:crypto';
import type { FakeContext } from './context.js';
import { fail, invalidParameter, required } from './errors.js';
import { findSession, openSession, progressOf } from './sessions.js';
import { verifyAccessToken } from './tokens.js';
import { base32Encode, matchTotp } from './totp-check.js';
import { load } from './auth-steps.js';
import { getPool, type MfaMethod, type UserState } from './state.js';
import { findUser } from './user-store.js';

export function associateSoftwareToken(ctx: FakeContext, body: any) {
  const secret = randomBytes(32);
  if (body.AccessToken) {
    const { user } = verifyAccessToken(ctx, body.AccessToken);
    user.mfa.pendingTotpSecret = secret;
    return { SecretCode: base32Encode(secret) };
  }
  if (!body.Session) return invalidParameter('Either AccessToken or Session must be provided');
  const session = findSession(ctx, body.Session);
  if (session.challenge !== 'MFA_SETUP') return invalidParameter('The session is not for MFA_SETUP');
  session.used = true;
  const next = openSession(ctx, progressOf(session), 'MFA_SETUP', { mfaSetupSecret: secret });
  return { SecretCode: base32Encode(secret), Session: next.id };
}

const mismatch = () => fail('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');

export function verifySoftwareToken(ctx: FakeContext, body: any) {
  const code = required<string>(body.UserCode, 'userCode');
  if (!/^[0-9]{6}$/.test(code)) {
    return invalidParameter(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );
  }
  if (body.AccessToken) {
    const { user } = verifyAccessToken(ctx, body.AccessToken);
    const secret = user.mfa.pendingTotpSecret;
    if (!secret) return invalidParameter('User has not associated a software token; call AssociateSoftwareToken first');
    const step = matchTotp(secret, code, ctx.now());
    if (step === undefined) return mismatch();
    user.mfa.totpSecret = secret;
    user.mfa.pendingTotpSecret = undefined;
    user.mfa.lastTotpStep = step;
    user.mfa.totpDeviceName = body.FriendlyDeviceName;
    return { Status: 'SUCCESS' };
  }
  if (!body.Session) return invalidParameter('Either AccessToken or Session must be provided');
  const session = findSession(ctx, body.Session);
  if (session.challenge !== 'MFA_SETUP' || !session.mfaSetupSecret) {
    return invalidParameter('The session has no associated software token; call AssociateSoftwareToken with it first');
  }
  const step = matchTotp(session.mfaSetupSecret, code, ctx.now());
  if (step === undefined) {
    session.attempts++;
    if (session.attempts >= ctx.limits.mfaAttemptsPerSession) session.used = true;
    return mismatch();
  }
  session.used = true;
  const { user } = load(ctx, session);
  user.mfa.lastTotpStep = step;
  user.mfa.totpDeviceName = body.FriendlyDeviceName;
  const next = openSession(ctx, progressOf(session), 'MFA_SETUP', {
    mfaSetupSecret: session.mfaSetupSecret,
    mfaSetupVerified: true,
  });
  return { Status: 'SUCCESS', Session: next.id };
}

interface MfaSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

function applyPreferences(user: UserState, body: any): void {
  const settings: [MfaMethod, MfaSettings | undefined][] = [
    ['SMS_MFA', body.SMSMfaSettings],
    ['SOFTWARE_TOKEN_MFA', body.SoftwareTokenMfaSettings],
    ['EMAIL_OTP', body.EmailMfaSettings],
  ];
  for (const [method, s] of settings) {
    if (!s) continue;
    if (s.Enabled === true) {
      if (method === 'SOFTWARE_TOKEN_MFA' && !user.mfa.totpSecret) {
        invalidParameter('User has not verified software token mfa');
      }
      if (method === 'SMS_MFA' && !user.attributes.phone_number) {
        invalidParameter('User does not have delivery config set to turn on SMS_MFA');
      }
      if (method === 'EMAIL_OTP' && !user.attributes.email) {
        invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
      }
    }
    if (s.PreferredMfa && s.Enabled === false) invalidParameter(`${method} cannot be preferred while disabled`);
  }
  for (const [method, s] of settings) {
    if (!s) continue;
    if (s.Enabled !== undefined) {
      if (method === 'SMS_MFA') user.mfa.sms = s.Enabled;
      if (method === 'SOFTWARE_TOKEN_MFA') user.mfa.totpEnabled = s.Enabled;
      if (method === 'EMAIL_OTP') user.mfa.email = s.Enabled;
      if (!s.Enabled && user.mfa.preferred === method) user.mfa.preferred = undefined;
    }
    if (s.PreferredMfa) user.mfa.preferred = method;
    else if (s.PreferredMfa === false && user.mfa.preferred === method) user.mfa.preferred = undefined;
  }
  user.modifiedAt = new Date();
}

export function setUserMfaPreference(ctx: FakeContext, body: any) {
  const { user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  applyPreferences(user, body);
  return {};
}

export function adminSetUserMfaPreference(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const user = findUser(pool, required(body.Username, 'username'));
  if (!user) return fail('UserNotFoundException', 'User does not exist.');
  applyPreferences(user, body);
  return {};
}

export function getUserPoolMfaConfig(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  return {
    MfaConfiguration: pool.mfa,
    SoftwareTokenMfaConfiguration: { Enabled: pool.mfaTypes.includes('SOFTWARE_TOKEN_MFA') },
    ...(pool.mfaTypes.includes('EMAIL_OTP') ? { EmailMfaConfiguration: {} } : {}),
    ...(pool.webAuthn ? { WebAuthnConfiguration: { ...pool.webAuthn } } : {}),
  };
}

/**
 * As the API documents it, a field the request leaves out is set to its default: MFA off, no TOTP,
 * no email or SMS factor, Cognito's own passkey settings. (SMS is not modelled here.)
 */
export function setUserPoolMfaConfig(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const mode = body.MfaConfiguration ?? 'OFF';
  if (!['OFF', 'OPTIONAL', 'ON'].includes(mode)) return invalidParameter(`Invalid MfaConfiguration: ${mode}`);
  const types: MfaMethod[] = [];
  if (body.SoftwareTokenMfaConfiguration?.Enabled) types.push('SOFTWARE_TOKEN_MFA');
  if (body.SmsMfaConfiguration?.SmsConfiguration) types.push('SMS_MFA');
  if (body.EmailMfaConfiguration) types.push('EMAIL_OTP');
  if (mode !== 'OFF' && types.length === 0) return invalidParameter('At least one MFA type must be enabled when MFA is on or optional');
  const rp = body.WebAuthnConfiguration?.RelyingPartyId;
  if (rp !== undefined && (typeof rp !== 'string' || rp.length < 1 || rp.length > 127)) return invalidParameter('Invalid RelyingPartyId');
  pool.mfa = mode;
  pool.mfaTypes = types;
  pool.webAuthn = body.WebAuthnConfiguration ? { ...body.WebAuthnConfiguration } : undefined;
  return {
    MfaConfiguration: pool.mfa,
    SoftwareTokenMfaConfiguration: { Enabled: types.includes('SOFTWARE_TOKEN_MFA') },
    ...(pool.webAuthn ? { WebAuthnConfiguration: { ...pool.webAuthn } } : {}),
  };
}
