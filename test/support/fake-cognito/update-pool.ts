// UpdateUserPool as the API documents it: the request replaces the pool's settings, and every
// setting it leaves out goes back to its default. The fields the rest of the fake reads (name,
// MFA mode, auto-verified attributes, password policy, email configuration) are set on the pool;
// the others are kept for DescribeUserPool (`poolExtras`). What is fixed at creation (sign-in
// attributes, schema) is not in the request and stays.
import type { FakeContext } from './context.js';
import { invalidParameter, required } from './errors.js';
import { getPool, type PoolState } from './state.js';

const DEFAULT_POLICY = {
  MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};
const TIERS = ['LITE', 'ESSENTIALS', 'PLUS'];
const FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
/** Kept as sent (absent = not set). */
const PLAIN_FIELDS = [
  'LambdaConfig', 'VerificationMessageTemplate', 'SmsVerificationMessage', 'EmailVerificationMessage', 'EmailVerificationSubject',
  'SmsAuthenticationMessage', 'UserAttributeUpdateSettings', 'DeviceConfiguration', 'SmsConfiguration', 'UserPoolTags',
  'AdminCreateUserConfig', 'UserPoolAddOns', 'AccountRecoverySetting',
] as const;

const extras = new WeakMap<PoolState, Record<string, unknown>>();

/** What DescribeUserPool adds to (and overrides in) its answer after an update. */
export function poolExtras(pool: PoolState): Record<string, unknown> {
  return extras.get(pool) ?? {};
}

export function updateUserPool(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const tier = body.UserPoolTier ?? 'ESSENTIALS';
  if (!TIERS.includes(tier)) invalidParameter(`Invalid UserPoolTier ${tier}`);
  const factors: string[] = body.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  if (factors.some((f) => !FACTORS.includes(f)) || !factors.includes('PASSWORD')) {
    invalidParameter('AllowedFirstAuthFactors must include PASSWORD and only PASSWORD, EMAIL_OTP, SMS_OTP or WEB_AUTHN.');
  }
  if (factors.length > 1 && tier === 'LITE') invalidParameter('Choice-based sign-in needs the Essentials tier or higher.');
  if (body.AdminCreateUserConfig?.UnusedAccountValidityDays !== undefined && body.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
    invalidParameter('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays');
  }

  pool.name = body.PoolName ?? pool.name;
  pool.mfa = body.MfaConfiguration ?? 'OFF';
  pool.autoVerifiedAttributes = [...(body.AutoVerifiedAttributes ?? [])];
  pool.passwordPolicy = { ...DEFAULT_POLICY, ...body.Policies?.PasswordPolicy };
  pool.emailConfiguration = body.EmailConfiguration ?? { EmailSendingAccount: 'COGNITO_DEFAULT' };
  const kept: Record<string, unknown> = {
    UserPoolTier: tier,
    DeletionProtection: body.DeletionProtection ?? 'INACTIVE',
    Policies: { PasswordPolicy: pool.passwordPolicy, SignInPolicy: { AllowedFirstAuthFactors: factors } },
    LastModifiedDate: new Date(ctx.now()),
  };
  for (const field of PLAIN_FIELDS) if (body[field] !== undefined) kept[field] = body[field];
  extras.set(pool, kept);
  return {};
}
