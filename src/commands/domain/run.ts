// domain create | describe | delete: the pool's hosted sign-in domain (a prefix on Cognito's
// domain, or a custom domain with an ACM certificate).
import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { poolDomainName } from '../../aws/pool-domain.js';
import { CliError, UsageError } from '../../errors.js';
import { domainView } from '../../views/domain.js';
import { planDomainCreate, type DomainCreateFlags } from './request.js';

export async function createDomain(ctx: Context, domain: string, options: DomainCreateFlags & { dryRun?: boolean }): Promise<void> {
  const poolId = await ctx.poolId();
  const request = planDomainCreate(poolId, domain, options);
  if (options.dryRun) return ctx.out.text(JSON.stringify(request, null, 2));
  const idp = await ctx.idp();
  await idp.send(new CreateUserPoolDomainCommand(request as never));
  await printDomain(ctx, domain);
  ctx.out.note('a new domain can take a few minutes to answer (a custom domain up to an hour): `cognito-admin domain describe` shows its status');
}

/** The named domain, else the pool's (custom domain first). */
export async function describeDomain(ctx: Context, domain: string | undefined): Promise<void> {
  const name = domain ?? (await poolDomain(ctx));
  await printDomain(ctx, name);
}

export async function deleteDomain(ctx: Context, domain: string): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const { DomainDescription: d } = await idp.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
  if (!d?.Domain) throw new CliError(`there is no domain ${domain}`, 1, { hint: '`cognito-admin domain describe` shows the pool\'s domain' });
  if (d.UserPoolId !== poolId) {
    throw new UsageError(`the domain ${domain} belongs to user pool ${d.UserPoolId}, not ${poolId}`, { hint: `pass --pool ${d.UserPoolId}` });
  }
  await ctx.confirmDestructive(`delete domain ${domain} of pool ${poolId} (its hosted sign-in pages stop working)`);
  await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  ctx.out.done(`deleted domain ${domain}`, { deleted: domain, poolId });
}

async function poolDomain(ctx: Context): Promise<string> {
  const poolId = await ctx.poolId();
  const name = await poolDomainName(ctx, poolId);
  if (!name) {
    throw new CliError(`user pool ${poolId} has no domain`, 1, { hint: 'create one: `cognito-admin domain create <prefix>`' });
  }
  return name;
}

async function printDomain(ctx: Context, domain: string): Promise<void> {
  const idp = await ctx.idp();
  const { DomainDescription: d } = await idp.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
  // Cognito answers an unknown domain with an empty description, not an error.
  if (!d?.Domain) throw new CliError(`there is no domain ${domain}`, 1, { hint: '`cognito-admin pool describe` shows the pool\'s domain' });
  ctx.out.record(domainView(d, ctx.region()?.value ?? (await idp.config.region())));
}
