// pool add-attribute: AddCustomAttributes on an existing pool, so that it can hold the custom:*
// columns `user import` accepts. Attributes the pool already has are refused before the call
// (Cognito cannot change or remove one once added).
import { AddCustomAttributesCommand, DescribeUserPoolCommand, type SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { customAttributeView } from '../../views/pool.js';

export async function addCustomAttributes(
  ctx: Context,
  attributes: SchemaAttributeType[],
  options: { dryRun?: boolean },
): Promise<void> {
  const poolId = await ctx.poolId();
  const request = { UserPoolId: poolId, CustomAttributes: attributes };
  if (options.dryRun) {
    ctx.out.text(JSON.stringify(request, null, 2));
    return;
  }
  const idp = await ctx.idp();
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  const existing = new Set((UserPool?.SchemaAttributes ?? []).map((a) => a.Name));
  const taken = attributes.filter((a) => existing.has(`custom:${a.Name}`)).map((a) => `custom:${a.Name}`);
  if (taken.length > 0) {
    throw new UsageError(`pool ${poolId} already has ${taken.join(', ')} (nothing was added)`, {
      hint: 'Cognito cannot change or remove a custom attribute; `cognito-admin pool describe` lists them',
    });
  }
  await idp.send(new AddCustomAttributesCommand(request));
  const added = attributes.map((a) => customAttributeView({ ...a, Name: `custom:${a.Name}` }));
  ctx.out.done(`added ${added.map((a) => a.name).join(', ')} to pool ${poolId}`, { id: poolId, customAttributes: added });
}
