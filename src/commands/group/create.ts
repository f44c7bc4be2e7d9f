// group create: CreateGroup, with every field checked first.
import { CreateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { checkDescription, checkGroupName, checkPrecedence } from './rules.js';
import { checkRoleArn } from '../role-arn.js';
import { printGroup } from './read.js';

export interface GroupFields {
  description?: string;
  precedence?: number;
  roleArn?: string;
}

export async function createGroup(ctx: Context, name: string, options: GroupFields): Promise<void> {
  checkGroupName(name);
  checkDescription(options.description);
  checkPrecedence(options.precedence);
  if (options.roleArn !== undefined) checkRoleArn(options.roleArn, '--role-arn');
  const poolId = await ctx.poolId();
  const { Group } = await (await ctx.idp()).send(
    new CreateGroupCommand({
      UserPoolId: poolId,
      GroupName: name,
      Description: options.description,
      Precedence: options.precedence,
      RoleArn: options.roleArn,
    }),
  );
  printGroup(ctx, Group!);
}
