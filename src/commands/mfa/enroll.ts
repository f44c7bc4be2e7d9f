// mfa enroll: TOTP enrolment of the signed-in user, on the saved session's access token. With no
// saved session it signs in first where it can (a terminal, or COGNITO_PASSWORD), as
// `auth login` would, and saves that session.
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { activeSession, saveSession } from '../auth/active-session.js';
import type { SavedSession } from '../../auth/session-store.js';
import { enrollTotp, enrolledDuring } from '../../mfa/enroll-totp.js';

export interface EnrollCommandOptions {
  deviceName?: string;
  issuer?: string;
  selfVerify?: boolean;
}

export async function enroll(ctx: Context, username: string | undefined, options: EnrollCommandOptions): Promise<void> {
  const session = (await savedSession(ctx, username)) ?? (await signInFirst(ctx, username, options));
  if (!session) return; // the sign-in itself enrolled TOTP (MFA_SETUP)
  await enrollTotp(
    ctx,
    { username: session.username, accessToken: session.accessToken },
    { deviceName: options.deviceName, issuer: options.issuer, selfVerify: options.selfVerify },
  );
}

async function savedSession(ctx: Context, username: string | undefined): Promise<SavedSession | undefined> {
  try {
    return await activeSession(ctx, username);
  } catch (err) {
    if (err instanceof AuthError && /^no saved session/.test(err.message)) {
      if (ctx.prompter.canPrompt || ctx.env.COGNITO_PASSWORD) return undefined;
      throw new AuthError(`mfa enroll acts as a signed-in user, and there is ${err.message}`, {
        hint:
          `sign in first with \`cognito-admin auth login ${username ?? '<username>'}\`, then run \`cognito-admin mfa enroll\` again ` +
          '(or set COGNITO_PASSWORD to sign in here)',
      });
    }
    throw err;
  }
}

/** Signs in (SRP, through every challenge) and saves the session; undefined when that sign-in enrolled TOTP already. */
async function signInFirst(ctx: Context, username: string | undefined, options: EnrollCommandOptions): Promise<SavedSession | undefined> {
  const name =
    username ??
    (await ctx.prompter.input('No saved session. Username to sign in as:', { what: 'the username', flag: '<username>' }));
  ctx.out.note(`No saved session for ${name}: signing in first, as \`cognito-admin auth login ${name}\` would.`);
  const { signIn } = await import('../../auth/flows.js');
  const { signInAnswers, signInNotes, signInTarget } = await import('../auth/answers.js');
  const { result, poolId, clientId } = await signIn(await signInTarget(ctx), name, {
    answers: signInAnswers(ctx, { deviceName: options.deviceName, selfVerify: options.selfVerify }),
    notes: signInNotes(ctx),
  });
  const session = saveSession(ctx, { username: name, poolId, clientId, result });
  if (!enrolledDuring(ctx)) return session;

  // The pool required MFA and the sign-in set TOTP up (MFA_SETUP); make it the preferred method too.
  const { SetUserMFAPreferenceCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  await (await ctx.idp()).send(
    new SetUserMFAPreferenceCommand({ AccessToken: session.accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
  );
  ctx.out.note(`TOTP was set up during the sign-in and is now ${name}'s preferred MFA; the session is saved.`);
  return undefined;
}
