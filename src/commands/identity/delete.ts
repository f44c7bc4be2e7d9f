// identity delete: every identity in the pool loses its credentials, so it asks first and names
// the pool it is about to remove.
import { DeleteIdentityPoolCommand, DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import type { Context } from '../../context.js';
import { checkIdentityPoolId, identityClient } from './common.js';

export async function deleteIdentityPool(ctx: Context, id: string): Promise<void> {
  const poolId = checkIdentityPoolId(id);
  const identity = await identityClient(ctx, poolId);
  const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
  await ctx.confirmDestructive(`delete identity pool ${poolId} (${pool.IdentityPoolName})`);
  await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: poolId }));
  ctx.out.done(`deleted identity pool ${poolId}`, { deleted: poolId });
}
