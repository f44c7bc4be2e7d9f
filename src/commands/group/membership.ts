// group add | remove: many users at once on the bulk engine (paced in Cognito's user-update quota,
// retried), one result row per user. The group is checked first so a wrong name fails before any
// change; users that fail are reported in the rows and make the exit code 3, the others are done.
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { BulkItem } from '../../bulk/engine.js';
import type { RetryPolicy } from '../../bulk/retry.js';
import { scrub } from '../../aws/redact.js';
import type { Context } from '../../context.js';
import { PartialFailure, UsageError } from '../../errors.js';
import type { Column } from '../../io/output.js';
import { getGroup } from './lookup.js';
import { checkGroupName } from './rules.js';
import { gatherUsernames } from './usernames.js';

export type Change = 'add' | 'remove';

export interface MembershipOptions {
  fromFile?: string;
  concurrency?: number;
}

export interface MemberResult {
  username: string;
  result: 'added' | 'removed' | 'failed';
  error?: string;
  message?: string;
}

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 32;

export const RESULT_COLUMNS: Column<MemberResult>[] = [
  { header: 'USERNAME', get: (r) => r.username },
  { header: 'RESULT', get: (r) => r.result },
  { header: 'ERROR', get: (r) => r.error },
  { header: 'MESSAGE', get: (r) => r.message },
];

export async function changeMembers(
  ctx: Context,
  change: Change,
  group: string,
  users: string[],
  options: MembershipOptions,
): Promise<void> {
  checkGroupName(group);
  const concurrency = checkConcurrency(options.concurrency);
  const usernames = await gatherUsernames(ctx, { users, fromFile: options.fromFile });
  const poolId = await ctx.poolId();
  await getGroup(await ctx.idp(), poolId, group);

  const results = await applyChange(await ctx.bulkIdp(), change, poolId, group, usernames, concurrency);
  await ctx.out.list(results, RESULT_COLUMNS);

  const failed = results.filter((r) => r.result === 'failed').length;
  const done = results.length - failed;
  const verb = change === 'add' ? 'added' : 'removed';
  const preposition = change === 'add' ? 'to' : 'from';
  if (failed === 0) {
    ctx.out.note(`${verb} ${plural(done, 'user')} ${preposition} group ${group}`);
    return;
  }
  ctx.out.note(`${verb} ${done} of ${plural(results.length, 'user')} ${preposition} group ${group}; ${failed} failed`);
  throw new PartialFailure(`${failed} of ${plural(results.length, 'user')} could not be ${verb} ${preposition} group ${group}`, {
    hint:
      'the rows with result "failed" say why; after fixing, re-run for just those users ' +
      `(e.g. … -o json | jq -r '.[] | select(.result=="failed") | .username' | cognito-admin group ${change} ${group} --from-file -)`,
  });
}

/** One call per user on the bulk engine; results keep the input order. Used by `group delete --force` too. */
export async function applyChange(
  idp: CognitoIdentityProviderClient,
  change: Change,
  poolId: string,
  group: string,
  usernames: readonly string[],
  concurrency: number,
  retry?: Partial<RetryPolicy>,
): Promise<MemberResult[]> {
  const { runBulk } = await import('../../bulk/engine.js');
  const { RateBudget } = await import('../../bulk/rate-budget.js');
  const success = change === 'add' ? 'added' : 'removed';
  const results = new Array<MemberResult>(usernames.length);
  await runBulk<BulkItem & { username: string }, string>({
    items: (async function* () {
      yield usernames.map((username, i) => ({ line: i, cells: [username], username }));
    })(),
    check: (item) => ({ ok: true, value: item.username, username: item.username }),
    apply: async (username, op) => {
      const input = { UserPoolId: poolId, GroupName: group, Username: username };
      await op.call('update', (abortSignal) =>
        idp.send(change === 'add' ? new AdminAddUserToGroupCommand(input) : new AdminRemoveUserFromGroupCommand(input), { abortSignal }),
      );
      return { outcome: 'done' };
    },
    budget: new RateBudget({}),
    concurrency,
    retry,
    onItem: (event) => {
      results[event.line] =
        event.outcome === 'failed'
          ? { username: event.username!, result: 'failed', error: event.code, message: scrub(event.message ?? '') }
          : { username: event.username!, result: success };
    },
  });
  return results;
}

export function checkConcurrency(value: number | undefined): number {
  const n = value ?? DEFAULT_CONCURRENCY;
  if (n > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be between 1 and ${MAX_CONCURRENCY}`, {
      hint: 'membership changes share a quota of about 25 requests/s per account; more in flight only adds throttling',
    });
  }
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
