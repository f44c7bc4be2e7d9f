// user set-password | reset-password. A password never comes from argv (it would land in shell
// history and `ps`): stdin, the environment, or a masked prompt asked twice.
import { AdminResetUserPasswordCommand, AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { checkUsername } from './attributes.js';

/** The first line of stdin as a secret (registered for redaction before anything can log it). */
export async function readStdinSecret(ctx: Context, flag: string, what: string): Promise<string> {
  const line = await ctx.stdin.next();
  if (line === undefined || line === '') {
    throw new UsageError(`${flag}: expected ${what} on the first line of stdin, but it is empty`);
  }
  registerSecret(line);
  return line;
}

export const NEW_PASSWORD_ENV = 'COGNITO_NEW_PASSWORD';

/** --password-stdin, else COGNITO_NEW_PASSWORD, else a masked prompt asked twice. */
export async function newPassword(ctx: Context, username: string, fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdinSecret(ctx, '--password-stdin', 'the new password');
  const fromEnv = ctx.env[NEW_PASSWORD_ENV];
  if (fromEnv) {
    registerSecret(fromEnv);
    return fromEnv;
  }
  const alt = { flag: '--password-stdin', env: NEW_PASSWORD_ENV, what: 'a new password' };
  const first = await ctx.prompter.password(`New password for ${username}`, alt);
  registerSecret(first);
  const second = await ctx.prompter.password('Repeat the new password', alt);
  if (first !== second) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}

export async function setPassword(
  ctx: Context,
  username: string,
  options: { permanent?: boolean; passwordStdin?: boolean },
): Promise<void> {
  checkUsername(username);
  const password = await newPassword(ctx, username, options.passwordStdin);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const permanent = Boolean(options.permanent);
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: permanent }));
  ctx.out.done(
    permanent
      ? `set a permanent password for ${username}`
      : `set a temporary password for ${username}: they must choose a new one at their next sign-in`,
    { username, permanent },
  );
}

export async function resetPassword(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  await (await ctx.idp()).send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: username }));
  ctx.out.done(
    `reset the password of ${username}: they get a code by email or SMS and must set a new password at sign-in`,
    { username, passwordReset: true },
  );
}
