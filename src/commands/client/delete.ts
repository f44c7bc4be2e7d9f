// client delete: apps using this client stop signing in, so it asks first.
import { DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';

export async function deleteClient(ctx: Context, clientId: string): Promise<void> {
  const poolId = await ctx.poolId();
  await ctx.confirmDestructive(`delete app client ${clientId} of pool ${poolId}`);
  await (await ctx.idp()).send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
  ctx.out.done(`deleted app client ${clientId}`, { deleted: clientId });
}
