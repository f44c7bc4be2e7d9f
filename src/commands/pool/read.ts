// pool list | describe: read-only views of user pools.
import { DescribeUserPoolCommand, ListUserPoolsCommand, type UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';

export async function listPools(ctx: Context, options: { limit?: number }): Promise<void> {
  const idp = await ctx.idp();
  const pools = paginate(
    async (token, size) => {
      const r = await idp.send(new ListUserPoolsCommand({ NextToken: token, MaxResults: size }));
      return { items: r.UserPools, next: r.NextToken };
    },
    { pageSize: 60, limit: options.limit },
  );
  await ctx.out.list(pools, [
    { header: 'ID', get: (p) => p.Id },
    { header: 'NAME', get: (p) => p.Name },
    { header: 'CREATED', get: (p) => p.CreationDate },
    { header: 'MODIFIED', get: (p) => p.LastModifiedDate },
  ]);
}

export async function describePool(ctx: Context, id: string | undefined): Promise<void> {
  if (id) ctx.usePool(id);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  ctx.out.record(UserPool!, ctx.out.structured ? undefined : poolSummary());
}

/** The fields an operator looks for first; `-o json` has everything. */
function poolSummary() {
  const policy = (p: UserPoolType) => {
    const pw = p.Policies?.PasswordPolicy;
    if (!pw) return undefined;
    const needs = [
      pw.RequireLowercase && 'lower',
      pw.RequireUppercase && 'upper',
      pw.RequireNumbers && 'digits',
      pw.RequireSymbols && 'symbols',
    ].filter(Boolean);
    return `min ${pw.MinimumLength}${needs.length ? `, ${needs.join(', ')}` : ''}; temporary password ${pw.TemporaryPasswordValidityDays ?? 7} days`;
  };
  return [
    { header: 'id', get: (p: UserPoolType) => p.Id },
    { header: 'name', get: (p: UserPoolType) => p.Name },
    { header: 'arn', get: (p: UserPoolType) => p.Arn },
    { header: 'created', get: (p: UserPoolType) => p.CreationDate },
    { header: 'users (estimated)', get: (p: UserPoolType) => p.EstimatedNumberOfUsers },
    { header: 'sign-in', get: (p: UserPoolType) => (p.UsernameAttributes?.length ? p.UsernameAttributes : ['username', ...(p.AliasAttributes ?? [])]) },
    { header: 'mfa', get: (p: UserPoolType) => p.MfaConfiguration },
    { header: 'auto-verify', get: (p: UserPoolType) => p.AutoVerifiedAttributes },
    { header: 'password policy', get: policy },
    { header: 'required attributes', get: (p: UserPoolType) => p.SchemaAttributes?.filter((a) => a.Required).map((a) => a.Name) },
    { header: 'custom attributes', get: (p: UserPoolType) => p.SchemaAttributes?.filter((a) => a.Name?.startsWith('custom:')).map((a) => a.Name) },
    { header: 'email sending', get: (p: UserPoolType) => p.EmailConfiguration?.EmailSendingAccount },
    { header: 'deletion protection', get: (p: UserPoolType) => p.DeletionProtection },
    { header: 'domain', get: (p: UserPoolType) => p.Domain },
  ];
}
