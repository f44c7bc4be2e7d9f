// The command layer's side of a sign-in: SignInAnswers answered from flags, environment
// variables, stdin lines and prompts (SignInInputs), notes on stderr, TOTP set-up through the
// enrolment `mfa enroll` uses, and the target (pool, client, secret, SDK client) from the Context.
import type { Context } from '../../context.js';
import type { CodeKind, MfaMethod, SignInAnswers, SignInNotes } from '../../auth/answers.js';
import type { SignInTarget } from '../../auth/flows.js';
import { SignInInputs, type SignInInputOptions } from './inputs.js';

export interface AnswerOptions extends SignInInputOptions {
  /** FriendlyDeviceName for a TOTP enrolled during MFA_SETUP. */
  deviceName?: string;
  /** MFA_SETUP computes the first code itself (service and test accounts). */
  selfVerify?: boolean;
}

const MFA_OF_KIND: Partial<Record<CodeKind, MfaMethod>> = { totp: 'SOFTWARE_TOKEN_MFA', sms: 'SMS_MFA', email: 'EMAIL_OTP' };

export function signInAnswers(ctx: Context, options: AnswerOptions): SignInAnswers {
  const inputs = new SignInInputs(ctx, options);
  return {
    password: (username) => inputs.password(username),
    async newPassword(username, required) {
      const attributes = { ...inputs.givenAttributes() };
      for (const attr of required) attributes[attr] ??= await inputs.attribute(attr);
      const password = await inputs.newPassword(username, 'Cognito requires a new password at this sign-in');
      return { password, attributes };
    },
    async code(kind, destination) {
      if (kind === 'email-otp' || kind === 'sms-otp') return { code: await inputs.otpCode(kind === 'sms-otp' ? 'sms' : 'email', destination) };
      return inputs.mfaCode(MFA_OF_KIND[kind]!, destination);
    },
    nextTotpCode: () => inputs.nextTotpCode(),
    async choose(what, available) {
      return what === 'mfa' ? inputs.mfaType(available as MfaMethod[]) : inputs.firstFactor(available);
    },
    customAnswer: (parameters) => inputs.customAnswer(parameters),
    async setUpTotp({ username, session }) {
      // The same enrolment as `mfa enroll` (QR code, key, first code or --self-verify), on the challenge's Session.
      const { enrollTotp } = await import('../../mfa/enroll-totp.js');
      return enrollTotp(
        ctx,
        { username, session },
        { deviceName: options.deviceName, selfVerify: options.selfVerify, totpSecretOut: (s) => inputs.rememberTotpSecret(s) },
      );
    },
  };
}

export function signInNotes(ctx: Context): SignInNotes {
  return { note: (text) => ctx.out.note(text), debug: (text) => ctx.debug(text) };
}

/** The Context's pool, app client, secret and SDK client, for a sign-in. */
export async function signInTarget(ctx: Context): Promise<SignInTarget> {
  return {
    poolId: await ctx.poolId(),
    clientId: await ctx.clientId(),
    clientSecret: () => ctx.clientSecret(),
    idp: () => ctx.idp(),
    now: () => ctx.now(),
  };
}
