// group delete: refuses a group that still has members unless --force, which removes them from
// the group first (the users themselves stay). Asks before any change, naming what goes.
import { DeleteGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { collect } from '../../aws/paginate.js';
import { getGroup, members } from './lookup.js';
import { applyChange, DEFAULT_CONCURRENCY } from './membership.js';
import { checkGroupName } from './rules.js';

export interface GroupDeleteOptions {
  force?: boolean;
}

export async function deleteGroup(ctx: Context, given: string | undefined, options: GroupDeleteOptions): Promise<void> {
  if (given !== undefined) checkGroupName(given);
  const poolId = await ctx.poolId();
  const name = await ctx.groupName(given);
  const idp = await ctx.idp();
  await getGroup(idp, poolId, name);
  const usernames = (await collect(members(idp, poolId, name))).map((u) => u.Username!);
  const count = usernames.length;
  const who = `${count} member${count === 1 ? '' : 's'}`;

  if (count > 0 && !options.force) {
    throw new UsageError(`group ${name} has ${who}; nothing was deleted`, {
      hint: 'pass --force to remove them from the group first (the users themselves are kept)',
    });
  }
  await ctx.confirmDestructive(`delete group ${name}${count ? ` and remove its ${who} from it` : ''}`);

  if (count > 0) {
    const results = await applyChange(await ctx.bulkIdp(), 'remove', poolId, name, usernames, DEFAULT_CONCURRENCY);
    const failed = results.filter((r) => r.result === 'failed');
    if (failed.length) {
      for (const f of failed) ctx.out.warn(`${f.username}: ${f.message} (${f.error})`);
      throw new CliError(`could not remove ${failed.length} of ${who} from group ${name}; the group was not deleted`, ExitCode.failed, {
        code: failed[0]!.error,
        hint: 're-run `group delete --force` once the cause is fixed; the members already removed stay removed',
      });
    }
    ctx.out.note(`removed ${who} from group ${name}`);
  }
  await idp.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: name }));
  ctx.out.done(`deleted group ${name}`, { deleted: name, removedMembers: count });
}
