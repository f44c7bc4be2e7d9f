// Flags that `pool create` and `pool update` share, turned into the request fields they set.
import { UsageError } from '../../errors.js';
import { checkRoleArn } from '../role-arn.js';

export const AUTO_VERIFY = ['email', 'phone'] as const;
export const PASSWORD_RULES = ['lower', 'upper', 'digits', 'symbols'] as const;
export const TIERS = ['lite', 'essentials', 'plus'] as const;
export const FIRST_FACTORS = ['password', 'email-otp', 'sms-otp', 'web-authn'] as const;

/** Sign-in and auto-verify names → Cognito's attribute names. */
export const ATTRIBUTE: Record<string, string> = { email: 'email', phone: 'phone_number', preferred_username: 'preferred_username' };
const FIRST_FACTOR: Record<(typeof FIRST_FACTORS)[number], string> = {
  password: 'PASSWORD',
  'email-otp': 'EMAIL_OTP',
  'sms-otp': 'SMS_OTP',
  'web-authn': 'WEB_AUTHN',
};

export interface PasswordFlags {
  passwordMinLength?: number;
  passwordRequire?: string[];
  tempPasswordDays?: number;
}

/** The PasswordPolicy fields the flags name (only those), checked against Cognito's limits. */
export function passwordPolicyFields(flags: PasswordFlags): Record<string, number | boolean> {
  const policy: Record<string, number | boolean> = {};
  if (flags.passwordMinLength !== undefined) {
    if (flags.passwordMinLength < 6 || flags.passwordMinLength > 99) {
      throw new UsageError('--password-min-length must be between 6 and 99');
    }
    policy.MinimumLength = flags.passwordMinLength;
  }
  if (flags.passwordRequire) {
    const rules = flags.passwordRequire;
    policy.RequireLowercase = rules.includes('lower');
    policy.RequireUppercase = rules.includes('upper');
    policy.RequireNumbers = rules.includes('digits');
    policy.RequireSymbols = rules.includes('symbols');
  }
  if (flags.tempPasswordDays !== undefined) {
    if (flags.tempPasswordDays < 0 || flags.tempPasswordDays > 365) {
      throw new UsageError('--temp-password-days must be between 0 and 365');
    }
    policy.TemporaryPasswordValidityDays = flags.tempPasswordDays;
  }
  return policy;
}

/** SmsConfiguration for `--sms-role-arn`; the external id is kept when the pool already has one. */
export function smsConfiguration(roleArn: string, externalId: string): { SnsCallerArn: string; ExternalId: string } {
  checkRoleArn(roleArn, '--sms-role-arn');
  return { SnsCallerArn: roleArn, ExternalId: externalId };
}

/** `--first-factors password,email-otp` → AllowedFirstAuthFactors. */
export function firstAuthFactors(names: string[]): string[] {
  // Cognito keeps password sign-in available in every choice-based pool; a list without it is refused.
  if (!names.includes('password')) {
    throw new UsageError('--first-factors must include password (Cognito does not allow turning password sign-in off)');
  }
  return names.map((n) => FIRST_FACTOR[n as keyof typeof FIRST_FACTOR]);
}

export function tierName(tier: string): string {
  return tier.toUpperCase();
}
