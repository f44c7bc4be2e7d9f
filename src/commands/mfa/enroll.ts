// mfa enroll: TOTP enrolment of the signed-in user, on the saved session's access token.
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { activeSession } from '../../auth/session.js';
import { enrollTotp } from '../../mfa/enroll-totp.js';

export interface EnrollCommandOptions {
  deviceName?: string;
  issuer?: string;
  selfVerify?: boolean;
}

export async function enroll(ctx: Context, username: string | undefined, options: EnrollCommandOptions): Promise<void> {
  let session;
  try {
    session = await activeSession(ctx, username);
  } catch (err) {
    if (err instanceof AuthError && /^no saved session/.test(err.message)) {
      throw new AuthError(`mfa enroll acts as a signed-in user, and there is ${err.message}`, {
        hint: `sign in first with \`cognito-admin auth login ${username ?? '<username>'}\`, then run \`cognito-admin mfa enroll\` again`,
      });
    }
    throw err;
  }
  await enrollTotp(
    ctx,
    { username: session.username, accessToken: session.accessToken },
    { deviceName: options.deviceName, issuer: options.issuer, selfVerify: options.selfVerify },
  );
}
