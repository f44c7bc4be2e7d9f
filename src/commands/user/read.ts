// user get | list | groups: read-only views of users.
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
  type GroupType,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import type { Column } from '../../io/output.js';
import { CliError, ExitCode } from '../../errors.js';
import { paginate } from '../../aws/paginate.js';
import { checkUsername, parseAttributeNames } from './attributes.js';
import { formatFilter, matchesFilter, parseFilter, parseStatus, type Filter } from './filter.js';
import { groupView } from '../../views/group.js';
import { members } from '../group/lookup.js';
import { localUserFilter, type TimeFilterOptions } from './list-filters.js';
import { userColumns, userView, type UserView } from './view.js';

/** ListUsers, ListUsersInGroup and AdminListGroupsForUser return at most 60 items a page. */
const PAGE_SIZE = 60;

export async function getUser(ctx: Context, username: string): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const user = await (await ctx.idp()).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  const view = userView(user, { mfa: true });
  if (ctx.out.structured) return ctx.out.record(view);
  const fields: Column<UserView>[] = [
    { header: 'username', get: (v) => v.username },
    { header: 'status', get: (v) => v.status },
    { header: 'enabled', get: (v) => v.enabled },
    { header: 'created', get: (v) => v.created },
    { header: 'modified', get: (v) => v.modified },
    { header: 'mfa', get: (v) => (v.mfa?.methods.length ? v.mfa.methods : 'none') },
    { header: 'preferred mfa', get: (v) => v.mfa?.preferred },
    ...Object.keys(view.attributes).sort().map((name) => ({ header: name, get: (v: UserView) => v.attributes[name] })),
  ];
  ctx.out.record(view, fields);
}

export interface ListOptions extends TimeFilterOptions {
  filter?: string;
  status?: string;
  group?: string;
  attributes?: string;
  limit?: number;
}

export async function listUsers(ctx: Context, options: ListOptions): Promise<void> {
  const filter = options.filter !== undefined ? parseFilter(options.filter) : undefined;
  const status = options.status !== undefined ? parseStatus(options.status) : undefined;
  const attributes = parseAttributeNames(options.attributes);
  const extra = localUserFilter(options, ctx.now());
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();

  // Cognito takes one filter, and ListUsersInGroup none: what it cannot do is done here.
  const statusFilter: Filter | undefined = status ? { attribute: 'cognito:user_status', op: '=', value: status } : undefined;
  let server: Filter | undefined;
  let local: Filter[];
  if (options.group) {
    local = [filter, statusFilter].filter((f): f is Filter => f !== undefined);
  } else {
    server = filter ?? statusFilter;
    local = filter && statusFilter ? [statusFilter] : [];
  }

  const filtered = local.length > 0 || extra !== undefined;
  const pages = options.group
    ? members(idp, poolId, options.group, filtered ? undefined : options.limit, groupNotInPool)
    : allUsers(idp, poolId, server, attributes, filtered ? undefined : options.limit);
  let users: AsyncIterable<UserType> = pages;
  if (filtered) users = take(keep(users, (u) => local.every((f) => matchesFilter(u, f)) && (extra?.(u) ?? true)), options.limit);
  // ListUsersInGroup has no AttributesToGet; trim to what was asked for, as ListUsers would.
  if (options.group && attributes) users = project(users, attributes);

  await ctx.out.list(users, userColumns(attributes), (u) => userView(u));
}

function allUsers(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  filter: Filter | undefined,
  attributes: string[] | undefined,
  limit: number | undefined,
): AsyncIterable<UserType> {
  const text = filter && formatFilter(filter);
  return paginate(
    async (token, size) => {
      // The filter goes with every page: a token alone would list the unfiltered pool.
      const r = await idp.send(
        new ListUsersCommand({ UserPoolId: poolId, Filter: text, AttributesToGet: attributes, Limit: size, PaginationToken: token }),
      );
      return { items: r.Users, next: r.PaginationToken };
    },
    { pageSize: PAGE_SIZE, limit },
  );
}

/** `user list --group`'s words for a missing group. */
function groupNotInPool(group: string, poolId: string, cause: unknown): CliError {
  return new CliError(`group ${group} does not exist in pool ${poolId}`, ExitCode.failed, {
    code: 'ResourceNotFoundException',
    hint: '`cognito-admin group list` shows the groups of the pool',
    cause,
  });
}

export async function listUserGroups(ctx: Context, username: string, options: { limit?: number }): Promise<void> {
  checkUsername(username);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const groups = paginate(
    async (token, size) => {
      const r = await idp.send(
        new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username, Limit: size, NextToken: token }),
      );
      return { items: r.Groups, next: r.NextToken };
    },
    { pageSize: PAGE_SIZE, limit: options.limit },
  );
  await ctx.out.list<GroupType>(
    groups,
    [
      { header: 'GROUP', get: (g) => g.GroupName },
      { header: 'DESCRIPTION', get: (g) => g.Description },
      { header: 'PRECEDENCE', get: (g) => g.Precedence },
      { header: 'ROLE', get: (g) => g.RoleArn },
    ],
    groupView,
  );
}

async function* keep<T>(items: AsyncIterable<T>, test: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of items) if (test(item)) yield item;
}

/** Stops after `limit` items; returning early stops the pages behind it from being fetched. */
async function* take<T>(items: AsyncIterable<T>, limit: number | undefined): AsyncGenerator<T> {
  if (limit === undefined) return yield* items;
  if (limit <= 0) return;
  let count = 0;
  for await (const item of items) {
    yield item;
    if (++count >= limit) return;
  }
}

async function* project(users: AsyncIterable<UserType>, names: string[]): AsyncGenerator<UserType> {
  for await (const user of users) {
    yield { ...user, Attributes: user.Attributes?.filter((a) => a.Name !== undefined && names.includes(a.Name)) };
  }
}
