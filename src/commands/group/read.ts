// group list | get | members: read-only views of groups.
import { ListGroupsCommand, type GroupType, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import type { Column } from '../../io/output.js';
import { paginate } from '../../aws/paginate.js';
import { getGroup, members } from './lookup.js';
import { checkGroupName } from './rules.js';
import { groupView, type GroupView } from '../../views/group.js';
import { userView } from '../../views/user.js';

export async function listGroups(ctx: Context, options: { limit?: number }): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const groups = paginate(
    async (token, size) => {
      const r = await idp.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: token, Limit: size }));
      return { items: r.Groups, next: r.NextToken };
    },
    { pageSize: 60, limit: options.limit },
  );
  await ctx.out.list(
    groups,
    [
      { header: 'NAME', get: (g) => g.GroupName },
      { header: 'PRECEDENCE', get: (g) => g.Precedence },
      { header: 'DESCRIPTION', get: (g) => g.Description },
      { header: 'ROLE ARN', get: (g) => g.RoleArn },
    ],
    groupView,
  );
}

export async function showGroup(ctx: Context, given: string | undefined): Promise<void> {
  if (given !== undefined) checkGroupName(given);
  const poolId = await ctx.poolId();
  const name = await ctx.groupName(given);
  printGroup(ctx, await getGroup(await ctx.idp(), poolId, name));
}

export async function listMembers(ctx: Context, given: string | undefined, options: { limit?: number }): Promise<void> {
  if (given !== undefined) checkGroupName(given);
  const poolId = await ctx.poolId();
  const name = await ctx.groupName(given);
  await ctx.out.list(
    members(await ctx.idp(), poolId, name, options.limit),
    [
      { header: 'USERNAME', get: (u) => u.Username },
      { header: 'STATUS', get: (u) => u.UserStatus },
      { header: 'ENABLED', get: (u) => u.Enabled },
      { header: 'EMAIL', get: (u) => attribute(u, 'email') },
      { header: 'CREATED', get: (u) => u.UserCreateDate },
    ],
    (u) => userView(u),
  );
}

/** A group as a record: everything in JSON, the fields an operator reads in a table. */
export function printGroup(ctx: Context, group: GroupType): void {
  const view = groupView(group);
  if (ctx.out.structured) return ctx.out.record(view);
  const fields: Column<GroupView>[] = [
    { header: 'name', get: (g) => g.name },
    { header: 'description', get: (g) => g.description },
    { header: 'precedence', get: (g) => g.precedence },
    { header: 'role arn', get: (g) => g.roleArn },
    { header: 'pool', get: (g) => g.poolId },
    { header: 'created', get: (g) => g.created },
    { header: 'modified', get: (g) => g.modified },
  ];
  ctx.out.record(view, fields);
}

function attribute(user: UserType, name: string): string | undefined {
  return user.Attributes?.find((a) => a.Name === name)?.Value;
}
