// user sessions | revoke-session: a user's token and managed-login sessions (admin APIs).
import { AdminListUserSessionsCommand, AdminRevokeUserSessionCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { USER_SESSION_COLUMNS, userSessionView } from '../../views/user-session.js';
import { mayChange } from '../destructive-change.js';
import { checkUsername } from './attributes.js';

export async function listUserSessions(ctx: Context, username: string, options: { limit?: number }): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const sessions = paginate(
    async (token) => {
      const page = await idp.send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: username, NextToken: token }));
      return { items: page.Sessions?.map(userSessionView), next: page.NextToken };
    },
    // The call takes no page size; the limit is applied here.
    { limit: options.limit, pageSize: Infinity },
  );
  await ctx.out.list(sessions, USER_SESSION_COLUMNS);
}

export async function revokeUserSession(
  ctx: Context,
  username: string,
  sessionId: string,
  options: { linked?: boolean; dryRun?: boolean },
): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const linked = options.linked === true;
  const data = { username, sessionId, linked };
  const action = `revoke session ${sessionId} of ${username}${linked ? ' and the sessions linked to it' : ''}`;
  if (!(await mayChange(ctx, { dryRun: options.dryRun, action, data }))) return;
  await (await ctx.idp()).send(
    new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: username, SessionId: sessionId, RevokeAssociatedSessions: linked ? 'LINKED' : 'NONE' }),
  );
  ctx.out.done(`revoked session ${sessionId} of ${username}${linked ? ' and its linked sessions' : ''}`, { ...data, revoked: true });
}
