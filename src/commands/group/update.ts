// group update: UpdateGroup resets every field it is not given, so the group is read first and
// the request carries the current values of everything the operator did not name.
import { UpdateGroupCommand, type UpdateGroupCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { getGroup } from './lookup.js';
import { printGroup } from './read.js';
import { checkDescription, checkGroupName, checkPrecedence } from './rules.js';
import { checkRoleArn } from '../role-arn.js';
import type { GroupFields } from './create.js';

export interface GroupUpdateOptions extends GroupFields {
  removeRole?: boolean;
}

export async function updateGroup(ctx: Context, given: string | undefined, options: GroupUpdateOptions): Promise<void> {
  if (given !== undefined) checkGroupName(given);
  if (options.description === undefined && options.precedence === undefined && options.roleArn === undefined && !options.removeRole) {
    throw new UsageError('nothing to update', { hint: 'pass --description, --precedence, --role-arn or --remove-role' });
  }
  if (options.roleArn !== undefined && options.removeRole) {
    throw new UsageError('--role-arn and --remove-role contradict each other');
  }
  checkDescription(options.description);
  checkPrecedence(options.precedence);
  if (options.roleArn !== undefined) checkRoleArn(options.roleArn, '--role-arn');

  const poolId = await ctx.poolId();
  const name = await ctx.groupName(given);
  const idp = await ctx.idp();
  const current = await getGroup(idp, poolId, name);
  const request = mergeUpdate(poolId, name, current, options);
  const { Group } = await idp.send(new UpdateGroupCommand(request));
  if (options.removeRole && Group?.RoleArn) {
    // Cognito clears an omitted RoleArn; some emulators keep it.
    ctx.out.warn(`the service still reports role ${Group.RoleArn} for group ${name}`);
  }
  printGroup(ctx, Group ?? { ...current, ...request });
}

/** The UpdateGroup request: the named changes over the group's current values. */
export function mergeUpdate(
  poolId: string,
  name: string,
  current: { Description?: string; Precedence?: number; RoleArn?: string },
  options: GroupUpdateOptions,
): UpdateGroupCommandInput {
  return {
    UserPoolId: poolId,
    GroupName: name,
    Description: options.description ?? current.Description,
    Precedence: options.precedence ?? current.Precedence,
    RoleArn: options.removeRole ? undefined : (options.roleArn ?? current.RoleArn),
  };
}
