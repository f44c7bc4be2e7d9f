// mfa reset: the "lost phone" case — the user's software token (TOTP authenticator) is deleted
// with AdminDeleteSoftwareToken, so the next sign-in sets one up again (or uses another factor).
import { AdminDeleteSoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { mayChange } from '../destructive-change.js';
import { checkUsername } from '../user/attributes.js';

export async function mfaReset(ctx: Context, username: string, options: { dryRun?: boolean }): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const data = { username, poolId };
  const action = `delete the TOTP authenticator of ${username} in pool ${poolId}`;
  if (!(await mayChange(ctx, { dryRun: options.dryRun, action, data }))) return;
  await (await ctx.idp()).send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: username }));
  ctx.out.done(`deleted the TOTP authenticator of ${username}: the next sign-in sets up MFA again where the pool requires it`, {
    ...data,
    softwareTokenDeleted: true,
  });
}
