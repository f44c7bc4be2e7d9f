// Turns `pool update` flags into patches for the read-merge-write helper: one for UpdateUserPool and
// one for SetUserPoolMfaConfig (TOTP and the MFA factors live only there). Pure, so the dry run and
// the tests see exactly what would be sent.
import type { SetUserPoolMfaConfigCommandInput, UpdateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { UsageError } from '../../errors.js';
import type { Patch } from '../../aws/merge-update.js';
import {
  ATTRIBUTE,
  firstAuthFactors,
  passwordPolicyFields,
  smsConfiguration,
  tierName,
  type PasswordFlags,
} from './settings-flags.js';

export interface PoolUpdateFlags extends PasswordFlags {
  name?: string;
  mfa?: 'off' | 'optional' | 'on';
  totp?: boolean;
  smsRoleArn?: string;
  autoVerify?: string[];
  deletionProtection?: boolean;
  tier?: string;
  firstFactors?: string[];
  /** Settings fixed at creation: accepted by the parser only to be refused with a pointer. */
  signIn?: unknown;
  required?: unknown;
}

/** Flags of `pool create` that name what Cognito cannot change after creation. */
const IMMUTABLE: Array<{ key: keyof PoolUpdateFlags; flag: string; what: string }> = [
  { key: 'signIn', flag: '--sign-in', what: 'the sign-in attributes (username attributes and aliases)' },
  { key: 'required', flag: '--required', what: 'the schema (required attributes)' },
];

/** Exit 2 before anything is read or sent when an immutable setting is asked for. */
export function refuseImmutable(flags: PoolUpdateFlags, poolId = '<id>'): void {
  const asked = IMMUTABLE.find((i) => flags[i.key] !== undefined);
  if (!asked) return;
  throw new UsageError(`${asked.flag}: Cognito cannot change ${asked.what} of an existing pool`, {
    hint: `make a new pool with the setting and copy the rest: \`cognito-admin pool clone ${poolId} <new-name> ${asked.flag} …\``,
  });
}

export function touchesMfa(flags: PoolUpdateFlags): boolean {
  return flags.mfa !== undefined || flags.totp !== undefined || flags.smsRoleArn !== undefined;
}

/** The UpdateUserPool patch; `externalId` is used only when the pool has no SMS external id yet. */
export function poolPatch(flags: PoolUpdateFlags, current: UpdateUserPoolCommandInput, externalId: string): Patch<UpdateUserPoolCommandInput> {
  const patch: Record<string, any> = {};
  if (flags.name !== undefined) {
    if (!/^[\w\s+=,.@-]{1,128}$/.test(flags.name)) {
      throw new UsageError(`invalid pool name "${flags.name}": 1–128 letters, digits, spaces or + = , . @ -`);
    }
    patch.PoolName = flags.name;
  }
  const policy = passwordPolicyFields(flags);
  if (Object.keys(policy).length) patch.Policies = { PasswordPolicy: policy };
  // The legacy mirror of the temporary password's life is refused next to the new field.
  if (policy.TemporaryPasswordValidityDays !== undefined && current.AdminCreateUserConfig?.UnusedAccountValidityDays !== undefined) {
    patch.AdminCreateUserConfig = { UnusedAccountValidityDays: null };
  }
  if (flags.firstFactors) {
    patch.Policies = { ...patch.Policies, SignInPolicy: { AllowedFirstAuthFactors: firstAuthFactors(flags.firstFactors) } };
  }
  if (flags.tier) patch.UserPoolTier = tierName(flags.tier);
  if (flags.deletionProtection !== undefined) patch.DeletionProtection = flags.deletionProtection ? 'ACTIVE' : 'INACTIVE';
  if (flags.smsRoleArn) {
    patch.SmsConfiguration = smsConfiguration(flags.smsRoleArn, current.SmsConfiguration?.ExternalId ?? externalId);
  }
  if (flags.autoVerify) {
    patch.AutoVerifiedAttributes = flags.autoVerify.includes('none') ? null : flags.autoVerify.map((a) => ATTRIBUTE[a]!);
    const sms = patch.SmsConfiguration ?? current.SmsConfiguration;
    if (flags.autoVerify.includes('phone') && !sms?.SnsCallerArn) {
      throw new UsageError('--auto-verify phone sends SMS, and the pool has no SMS role: add --sms-role-arn');
    }
  }
  // UpdateUserPool carries the MFA mode too; it must agree with what SetUserPoolMfaConfig sets.
  if (flags.mfa) patch.MfaConfiguration = flags.mfa.toUpperCase();
  return patch;
}

/** The SetUserPoolMfaConfig patch, checked so that MFA is never on without a second factor. */
export function mfaPatch(
  flags: PoolUpdateFlags,
  current: SetUserPoolMfaConfigCommandInput,
  sms: UpdateUserPoolCommandInput['SmsConfiguration'],
): Patch<SetUserPoolMfaConfigCommandInput> {
  const mode = flags.mfa?.toUpperCase() ?? current.MfaConfiguration ?? 'OFF';
  const patch: Record<string, any> = {};
  if (flags.mfa) patch.MfaConfiguration = mode;
  if (flags.totp !== undefined) patch.SoftwareTokenMfaConfiguration = { Enabled: flags.totp };
  if (flags.smsRoleArn && mode !== 'OFF') patch.SmsMfaConfiguration = { SmsConfiguration: sms };
  if (mode === 'OFF') {
    if (flags.totp) throw new UsageError('--totp needs MFA: add --mfa optional or --mfa on');
    return patch;
  }
  const totp = flags.totp ?? current.SoftwareTokenMfaConfiguration?.Enabled ?? false;
  const smsFactor = Boolean(patch.SmsMfaConfiguration ?? current.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn);
  const email = Boolean(current.EmailMfaConfiguration);
  if (!totp && !smsFactor && !email) {
    throw new UsageError(`--mfa ${mode.toLowerCase()} needs a second factor: add --totp, --sms-role-arn <arn>, or both`);
  }
  return patch;
}
