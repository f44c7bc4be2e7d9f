// identity list | describe: read-only views of identity pools.
import {
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
  type IdentityPoolShortDescription,
} from '@aws-sdk/client-cognito-identity';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { translateAwsError } from '../../aws/errors.js';
import { checkIdentityPoolId, identityClient, sendNamed } from './common.js';
import { printIdentityPool } from './create.js';
import { identityPoolView } from '../../views/identity-pool.js';

export async function listIdentityPools(ctx: Context, options: { limit?: number }): Promise<void> {
  const identity = await ctx.identity();
  const pools = paginate<IdentityPoolShortDescription>(
    async (token, size) => {
      const r = await identity.send(new ListIdentityPoolsCommand({ NextToken: token, MaxResults: size }));
      return { items: r.IdentityPools, next: r.NextToken };
    },
    { pageSize: 60, limit: options.limit },
  );
  await ctx.out.list(
    pools,
    [
      { header: 'ID', get: (p) => p.IdentityPoolId },
      { header: 'NAME', get: (p) => p.IdentityPoolName },
    ],
    (p) => identityPoolView(p),
  );
}

/**
 * DescribeIdentityPool plus the pool's roles: which IAM roles a signed-in user and a guest get is
 * the first thing asked about an identity pool. Roles that cannot be read (no permission, an
 * emulator without GetIdentityPoolRoles) are left out with a warning rather than failing.
 */
export async function describeIdentityPool(ctx: Context, id: string | undefined): Promise<void> {
  const poolId = id ? checkIdentityPoolId(id) : checkIdentityPoolId(await ctx.identityPoolId(), '--identity-pool');
  const identity = await identityClient(ctx, poolId);
  const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
  let roles: { Roles?: Record<string, string>; RoleMappings?: Record<string, unknown> } = {};
  try {
    const r = await sendNamed('GetIdentityPoolRoles', () =>
      identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId })),
    );
    roles = { Roles: r.Roles, RoleMappings: r.RoleMappings };
  } catch (err) {
    ctx.out.warn(`roles not shown: ${translateAwsError(err, ctx.errorContext()).message}`);
  }
  printIdentityPool(ctx, identityPoolView(pool, roles));
}
