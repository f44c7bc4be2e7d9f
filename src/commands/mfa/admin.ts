// mfa status | disable: a user's MFA through the admin APIs (AWS credentials, not the user's).
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  type AdminGetUserCommandOutput,
  type AdminSetUserMFAPreferenceCommandInput,
  type MFAOptionType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { checkUsername } from '../user/attributes.js';

type Method = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

export interface MfaStatusView {
  username: string;
  /** Methods the user can be challenged with (UserMFASettingList). */
  methods: string[];
  preferred: string | null;
  /** The legacy per-user SMS setting (MFAOptions), still honoured by Cognito. */
  mfaOptions: MFAOptionType[];
}

const NAMES: Record<Method, string> = { SOFTWARE_TOKEN_MFA: 'TOTP', SMS_MFA: 'SMS', EMAIL_OTP: 'email' };

async function getUser(ctx: Context, username: string): Promise<{ poolId: string; user: AdminGetUserCommandOutput }> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const user = await (await ctx.idp()).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  return { poolId, user };
}

function view(username: string, user: AdminGetUserCommandOutput): MfaStatusView {
  return {
    username: user.Username ?? username,
    methods: user.UserMFASettingList ?? [],
    preferred: user.PreferredMfaSetting ?? null,
    mfaOptions: user.MFAOptions ?? [],
  };
}

export async function mfaStatus(ctx: Context, username: string): Promise<void> {
  const { user } = await getUser(ctx, username);
  const status = view(username, user);
  if (ctx.out.structured) return ctx.out.record(status);
  ctx.out.record(status, [
    { header: 'username', get: (v: MfaStatusView) => v.username },
    { header: 'methods', get: (v: MfaStatusView) => (v.methods.length ? v.methods.join(', ') : 'none') },
    { header: 'preferred', get: (v: MfaStatusView) => v.preferred ?? 'none' },
    {
      header: 'sms options',
      get: (v: MfaStatusView) => v.mfaOptions.map((o) => `${o.DeliveryMedium ?? '?'} to ${o.AttributeName ?? '?'}`).join(', '),
    },
  ]);
}

/** Every method the user has on: the MFA list, plus SMS from the legacy MFAOptions. */
function enabledMethods(status: MfaStatusView): Method[] {
  const methods = new Set(status.methods.filter((m): m is Method => m in NAMES));
  if (status.mfaOptions.some((o) => o.DeliveryMedium === 'SMS')) methods.add('SMS_MFA');
  return [...methods];
}

export async function disableMfa(ctx: Context, username: string): Promise<void> {
  const { poolId, user } = await getUser(ctx, username);
  const methods = enabledMethods(view(username, user));
  if (methods.length === 0) {
    ctx.out.done(`${username} has no MFA method enabled: nothing to turn off`, { username, disabled: [] });
    return;
  }
  const names = methods.map((m) => NAMES[m]).join(', ');
  await ctx.confirmDestructive(`turn off MFA (${names}) for ${username} in pool ${poolId}`);
  // Only the methods that are on: a pool without email MFA may refuse EmailMfaSettings outright.
  const input: AdminSetUserMFAPreferenceCommandInput = { UserPoolId: poolId, Username: username };
  if (methods.includes('SOFTWARE_TOKEN_MFA')) input.SoftwareTokenMfaSettings = { Enabled: false, PreferredMfa: false };
  if (methods.includes('SMS_MFA')) input.SMSMfaSettings = { Enabled: false, PreferredMfa: false };
  if (methods.includes('EMAIL_OTP')) input.EmailMfaSettings = { Enabled: false, PreferredMfa: false };
  await (await ctx.idp()).send(new AdminSetUserMFAPreferenceCommand(input));
  ctx.out.done(
    `turned off MFA (${names}) for ${username}; where the pool requires MFA, they will set it up again at the next sign-in`,
    { username, disabled: methods },
  );
}
