// user delete | disable | enable | confirm | sign-out: one admin call each on one user.
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { isAwsError } from '../../aws/errors.js';
import { checkUsername } from './attributes.js';

export async function deleteUser(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  // A user that does not exist fails here, before the operator is asked to confirm anything.
  await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  await ctx.confirmDestructive(`delete user ${username} from pool ${poolId}`);
  await idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: username }));
  ctx.out.done(`deleted user ${username}`, { deleted: username });
}

export async function disableUser(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  await (await ctx.idp()).send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
  ctx.out.done(`disabled user ${username}: they cannot sign in until enabled again`, { username, enabled: false });
}

export async function enableUser(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  await (await ctx.idp()).send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: username }));
  ctx.out.done(`enabled user ${username}`, { username, enabled: true });
}

export async function confirmUser(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  try {
    await (await ctx.idp()).send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: username }));
  } catch (err) {
    // Cognito reports "User cannot be confirmed. Current status is …" as NotAuthorized, which
    // would read as a credentials problem (exit 4). It is about the user's state.
    if (isAwsError(err, 'NotAuthorizedException') && /cannot be confirmed|current status/i.test((err as Error).message)) {
      throw new CliError(`${(err as Error).message}`, ExitCode.failed, {
        code: 'NotAuthorizedException',
        cause: err,
        hint: 'only users who signed up themselves (UNCONFIRMED) need confirming; `cognito-admin user get` shows the status',
      });
    }
    throw err;
  }
  ctx.out.done(`confirmed user ${username}`, { username, status: 'CONFIRMED' });
}

export async function signOutUser(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  await (await ctx.idp()).send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: username }));
  ctx.out.done(`signed ${username} out everywhere: their refresh tokens no longer work`, { username, signedOut: true });
}
