// pool list | describe: read-only views of user pools.
import { DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import type { Column } from '../../io/output.js';
import { poolView, type PoolView } from '../../views/pool.js';

export async function listPools(ctx: Context, options: { limit?: number }): Promise<void> {
  const idp = await ctx.idp();
  const pools = paginate(
    async (token, size) => {
      const r = await idp.send(new ListUserPoolsCommand({ NextToken: token, MaxResults: size }));
      return { items: r.UserPools, next: r.NextToken };
    },
    { pageSize: 60, limit: options.limit },
  );
  await ctx.out.list(
    pools,
    [
      { header: 'ID', get: (p) => p.Id },
      { header: 'NAME', get: (p) => p.Name },
      { header: 'CREATED', get: (p) => p.CreationDate },
      { header: 'MODIFIED', get: (p) => p.LastModifiedDate },
    ],
    poolView,
  );
}

export async function describePool(ctx: Context, id: string | undefined): Promise<void> {
  if (id) ctx.usePool(id);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  printPool(ctx, poolView(UserPool!));
}

/** A pool as a record: the whole view in JSON, the fields an operator looks for first in a table. */
export function printPool(ctx: Context, view: PoolView): void {
  ctx.out.record(view, ctx.out.structured ? undefined : poolSummary());
}

function poolSummary(): Column<PoolView>[] {
  const policy = (p: PoolView) => {
    const pw = p.passwordPolicy;
    if (!pw) return undefined;
    const needs = [
      pw.requireLowercase && 'lower',
      pw.requireUppercase && 'upper',
      pw.requireNumbers && 'digits',
      pw.requireSymbols && 'symbols',
    ].filter(Boolean);
    return `min ${pw.minLength}${needs.length ? `, ${needs.join(', ')}` : ''}; temporary password ${pw.temporaryPasswordDays ?? 7} days`;
  };
  return [
    { header: 'id', get: (p) => p.id },
    { header: 'name', get: (p) => p.name },
    { header: 'arn', get: (p) => p.arn },
    { header: 'created', get: (p) => p.created },
    { header: 'users (estimated)', get: (p) => p.estimatedUsers },
    { header: 'sign-in', get: (p) => p.signIn },
    { header: 'mfa', get: (p) => p.mfa },
    { header: 'auto-verify', get: (p) => p.autoVerify },
    { header: 'password policy', get: policy },
    { header: 'required attributes', get: (p) => p.requiredAttributes },
    { header: 'custom attributes', get: (p) => p.customAttributes?.map((a) => a.name) },
    { header: 'email sending', get: (p) => p.emailSending },
    { header: 'deletion protection', get: (p) => p.deletionProtection },
    { header: 'domain', get: (p) => p.domain },
  ];
}
