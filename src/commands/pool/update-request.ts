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
  /** Passkeys (WebAuthnConfiguration): the relying party's domain, and whether user verification is required. */
  passkeyRelyingParty?: string;
  passkeyUserVerification?: 'required' | 'preferred';
  /** Settings fixed at creation: accepted by the parser only to be refused with a pointer. */
  signIn?: unknown;
  required?: unknown;
}

/** Flags of `pool create` that name what Cognito cannot change after creation. */
const IMMUTABLE: Array<{ key: keyof PoolUpdateFlags; flag: string; what: string }> = [
  { key: 'signIn', flag: '--sign-in', what: 'the sign-in attributes (username attributes and aliases)' },
  { key: 'required', flag: '--required', what: 'the schema (required attributes)' },
];

/** Exit 2 before anything is read or sent: an immutable setting, or a flag value that cannot be right. */
export function checkUpdateFlags(flags: PoolUpdateFlags, poolId = '<id>'): void {
  refuseImmutable(flags, poolId);
  passkeyPatch(flags);
}

function refuseImmutable(flags: PoolUpdateFlags, poolId: string): void {
  const asked = IMMUTABLE.find((i) => flags[i.key] !== undefined);
  if (!asked) return;
  throw new UsageError(`${asked.flag}: Cognito cannot change ${asked.what} of an existing pool`, {
    hint: `make a new pool with the setting and copy the rest: \`cognito-admin pool clone ${poolId} <new-name> ${asked.flag} …\``,
  });
}

export function touchesMfa(flags: PoolUpdateFlags): boolean {
  return (
    flags.mfa !== undefined ||
    flags.totp !== undefined ||
    flags.smsRoleArn !== undefined ||
    flags.passkeyRelyingParty !== undefined ||
    flags.passkeyUserVerification !== undefined
  );
}

// A domain name as passkey providers take a relying party id: no scheme, port or path.
const RELYING_PARTY = /^(?=.{1,127}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** `--passkey-relying-party` and `--passkey-user-verification` → WebAuthnConfiguration. */
function passkeyPatch(flags: PoolUpdateFlags): Record<string, string> | undefined {
  const patch: Record<string, string> = {};
  if (flags.passkeyRelyingParty !== undefined) {
    if (!RELYING_PARTY.test(flags.passkeyRelyingParty)) {
      throw new UsageError(`invalid --passkey-relying-party "${flags.passkeyRelyingParty}": a domain name, such as auth.example.com`, {
        hint: "the pool's custom domain when it has one (managed login requires it then), else its prefix domain",
      });
    }
    patch.RelyingPartyId = flags.passkeyRelyingParty.toLowerCase();
  }
  if (flags.passkeyUserVerification) patch.UserVerification = flags.passkeyUserVerification;
  return Object.keys(patch).length ? patch : undefined;
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
  // Passkeys are a first factor as well as an MFA one: their settings do not depend on the MFA mode.
  const passkeys = passkeyPatch(flags);
  if (passkeys) patch.WebAuthnConfiguration = passkeys;
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
