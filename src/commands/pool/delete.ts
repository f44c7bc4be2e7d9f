// pool delete: shows what is about to go (name, estimated users) in the confirmation.
import { DeleteUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';

export async function deletePool(ctx: Context, id: string): Promise<void> {
  const poolId = ctx.usePool(id);
  const idp = await ctx.idp();
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  if (UserPool?.DeletionProtection === 'ACTIVE') {
    throw new UsageError(`user pool ${poolId} has deletion protection turned on; nothing was deleted`, {
      // Not `aws cognito-idp update-user-pool`: it would reset every setting the call leaves out.
      hint: `turn it off first (every other setting is kept): \`cognito-admin pool update ${poolId} --no-deletion-protection\``,
    });
  }
  const users = UserPool?.EstimatedNumberOfUsers;
  await ctx.confirmDestructive(
    `delete user pool ${poolId} (${UserPool?.Name}${users !== undefined ? `, about ${users} users` : ''})`,
  );
  await idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
  ctx.out.done(`deleted user pool ${poolId}`, { deleted: poolId });
}
