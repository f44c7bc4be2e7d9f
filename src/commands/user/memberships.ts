// Group memberships for `user export`, read the cheaper way. Per user, one AdminListGroupsForUser
// call (or more) each: N calls for N users. Per group, ListGroups and then ListUsersInGroup for
// each group: about G calls plus one per 60 members. A pool has far fewer groups than users as a
// rule, so groups are read group by group unless the pool's estimated user count is smaller.
import {
  AdminListGroupsForUserCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { collect, paginate } from '../../aws/paginate.js';

/** ListGroups, ListUsersInGroup and AdminListGroupsForUser return at most 60 items a page. */
const PAGE_SIZE = 60;

export type GroupReads = 'auto' | 'per-user' | 'per-group';

export interface Memberships {
  /** How they are read, after `auto` decided. */
  mode: 'per-user' | 'per-group';
  groupsOf(username: string, signal?: AbortSignal): Promise<string[]>;
}

export interface MembershipOptions {
  mode?: GroupReads;
  /** DescribeUserPool's EstimatedNumberOfUsers; emulators may answer 0 (then: per group). */
  estimatedUsers?: number;
  concurrency?: number;
  /** Called after each group read, with the groups done and the total. */
  onGroup?: (done: number, total: number) => void;
}

export async function readMemberships(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  options: MembershipOptions = {},
): Promise<Memberships> {
  if (options.mode === 'per-user') return perUser(idp, poolId);
  const groups = await collect(
    paginate(
      async (token, size) => {
        const r = await idp.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: size, NextToken: token }));
        return { items: r.Groups?.map((g) => g.GroupName!), next: r.NextToken };
      },
      { pageSize: PAGE_SIZE },
    ),
  );
  const estimate = options.estimatedUsers ?? 0;
  if (options.mode !== 'per-group' && estimate > 0 && estimate < groups.length) return perUser(idp, poolId);

  const byUser = new Map<string, string[]>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      const members = paginate(
        async (token, size) => {
          const r = await idp.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: group, Limit: size, NextToken: token }));
          return { items: r.Users?.map((u) => u.Username!), next: r.NextToken };
        },
        { pageSize: PAGE_SIZE },
      );
      for await (const username of members) {
        const list = byUser.get(username);
        if (list) list.push(group);
        else byUser.set(username, [group]);
      }
      options.onGroup?.(++done, groups.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, groups.length) }, worker));
  return { mode: 'per-group', groupsOf: async (username) => byUser.get(username) ?? [] };
}

function perUser(idp: CognitoIdentityProviderClient, poolId: string): Memberships {
  return {
    mode: 'per-user',
    async groupsOf(username, signal) {
      const groups = paginate(
        async (token, size) => {
          const r = await idp.send(
            new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username, Limit: size, NextToken: token }),
            { abortSignal: signal },
          );
          return { items: r.Groups?.map((g) => g.GroupName!), next: r.NextToken };
        },
        { pageSize: PAGE_SIZE },
      );
      return collect(groups);
    },
  };
}
