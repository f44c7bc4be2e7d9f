// Turns `pool create` flags into the CreateUserPool request (and the MFA follow-up call that
// CreateUserPool cannot express). Pure, so --dry-run and the tests see exactly what is sent.
import { UsageError } from '../../errors.js';
import { ATTRIBUTE, passwordPolicyFields, smsConfiguration } from './settings-flags.js';

export { AUTO_VERIFY, PASSWORD_RULES } from './settings-flags.js';
export const SIGN_IN = ['username', 'email', 'phone', 'preferred_username'] as const;
export const MFA_MODES = ['off', 'optional', 'on'] as const;

export interface PoolCreateFlags {
  signIn?: string[];
  mfa?: (typeof MFA_MODES)[number];
  totp?: boolean;
  smsRoleArn?: string;
  passwordMinLength?: number;
  passwordRequire?: string[];
  tempPasswordDays?: number;
  autoVerify?: string[];
  required?: string[];
  deletionProtection?: boolean;
}

export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
];

export interface PoolCreatePlan {
  createUserPool: Record<string, any>;
  /** SetUserPoolMfaConfig, when TOTP or SMS MFA is turned on. */
  mfaConfig?: Record<string, any>;
}

export function planPoolCreate(name: string, flags: PoolCreateFlags, externalId: string): PoolCreatePlan {
  if (!/^[\w\s+=,.@-]{1,128}$/.test(name)) {
    throw new UsageError(`invalid pool name "${name}": 1–128 letters, digits, spaces or + = , . @ -`);
  }
  const signIn = flags.signIn ?? ['username'];
  const request: Record<string, any> = { PoolName: name };

  // With `username` in the list the others become aliases; without it they replace the username.
  if (signIn.includes('username')) {
    const aliases = signIn.filter((s) => s !== 'username').map((s) => ATTRIBUTE[s]!);
    if (aliases.length) request.AliasAttributes = aliases;
  } else {
    if (signIn.includes('preferred_username')) {
      throw new UsageError('--sign-in preferred_username needs username too (it can only be an alias)');
    }
    request.UsernameAttributes = signIn.map((s) => ATTRIBUTE[s]!);
  }
  request.UsernameConfiguration = { CaseSensitive: false };

  const autoVerify = flags.autoVerify ?? (signIn.includes('email') ? ['email'] : []);
  if (autoVerify.length) request.AutoVerifiedAttributes = autoVerify.map((a) => ATTRIBUTE[a]!);
  if (autoVerify.includes('phone') && !flags.smsRoleArn) {
    throw new UsageError('--auto-verify phone sends SMS, which needs --sms-role-arn');
  }

  const policy = passwordPolicyFields(flags);
  if (Object.keys(policy).length) {
    request.Policies = { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, ...policy } };
  }

  for (const attr of flags.required ?? []) {
    if (!STANDARD_ATTRIBUTES.includes(attr)) {
      throw new UsageError(`--required: "${attr}" is not a standard attribute`, {
        hint: `standard attributes: ${STANDARD_ATTRIBUTES.join(', ')}`,
      });
    }
  }
  if (flags.required?.length) {
    request.Schema = flags.required.map((Name) => ({ Name, AttributeDataType: 'String', Mutable: true, Required: true }));
  }

  if (flags.smsRoleArn) {
    request.SmsConfiguration = smsConfiguration(flags.smsRoleArn, externalId);
  }
  if (flags.deletionProtection) request.DeletionProtection = 'ACTIVE';

  const mfa = flags.mfa ?? 'off';
  if (mfa === 'off') {
    if (flags.totp) throw new UsageError('--totp needs --mfa optional or --mfa on');
    request.MfaConfiguration = 'OFF';
    return { createUserPool: request };
  }
  if (!flags.totp && !flags.smsRoleArn) {
    throw new UsageError(`--mfa ${mfa} needs a second factor: pass --totp, --sms-role-arn <arn>, or both`);
  }
  // CreateUserPool cannot enable TOTP, so the pool starts without MFA and SetUserPoolMfaConfig
  // switches it on with the chosen factors right after.
  request.MfaConfiguration = 'OFF';
  const mfaConfig: Record<string, any> = { MfaConfiguration: mfa.toUpperCase() };
  if (flags.totp) mfaConfig.SoftwareTokenMfaConfiguration = { Enabled: true };
  if (flags.smsRoleArn) mfaConfig.SmsMfaConfiguration = { SmsConfiguration: request.SmsConfiguration };
  return { createUserPool: request, mfaConfig };
}
