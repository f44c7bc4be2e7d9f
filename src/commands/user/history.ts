// user events | auth-factors: a user's sign-in history and what they can sign in with (admin APIs).
import { AdminGetUserAuthFactorsCommand, AdminListUserAuthEventsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { AUTH_EVENT_COLUMNS, authEventView } from '../../views/auth-event.js';
import { AUTH_FACTORS_FIELDS, authFactorsView } from '../../views/auth-factors.js';
import { checkUsername } from './attributes.js';

/** AdminListUserAuthEvents returns at most 60 events a page. */
const PAGE_SIZE = 60;

export async function listUserEvents(ctx: Context, username: string, options: { limit?: number }): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const events = paginate(
    async (token, size) => {
      const page = await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username, MaxResults: size, NextToken: token }));
      return { items: page.AuthEvents?.map(authEventView), next: page.NextToken };
    },
    { limit: options.limit, pageSize: PAGE_SIZE },
  );
  await ctx.out.list(events, AUTH_EVENT_COLUMNS);
}

export async function showUserAuthFactors(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const found = await (await ctx.idp()).send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: username }));
  const view = authFactorsView(found);
  ctx.out.record(view, ctx.out.structured ? undefined : AUTH_FACTORS_FIELDS);
}
