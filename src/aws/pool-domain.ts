// Which OAuth2 domain a command talks to: --domain / COGNITO_USER_POOL_DOMAIN / the profile's
// domain, else the pool's own (DescribeUserPool: the custom domain first, then the prefix).
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { regionFromPoolId } from '../config/settings.js';
import { domainBaseUrl, isLoopbackUrl } from '../oauth/domain.js';

export interface ResolvedDomain {
  /** Base URL, no trailing slash: `https://shop.auth.eu-west-1.amazoncognito.com`. */
  url: string;
  /** Where it came from, for messages: `--domain`, `profile dev`, `pool eu-west-1_AbC`. */
  origin: string;
}

export async function resolveDomain(ctx: Context): Promise<ResolvedDomain> {
  const given = ctx.settings.domain;
  if (given) {
    return { url: domainBaseUrl(given.value, ctx.region()?.value, given.origin), origin: given.origin };
  }
  const poolId = await ctx.poolId();
  const name = await poolDomainName(ctx, poolId);
  if (!name) {
    throw new UsageError(`user pool ${poolId} has no domain, so it has no OAuth2 endpoints`, {
      hint: 'give the pool a domain (`cognito-admin domain create <prefix>`), or pass --domain <prefix|host|URL>',
    });
  }
  const origin = `pool ${poolId}`;
  const url = domainBaseUrl(name, regionFromPoolId(poolId) ?? ctx.region()?.value, origin);
  // An emulator's pool must never send its client's credentials to a real Cognito domain.
  if (ctx.settings.endpoint && !isLoopbackUrl(url) && isLoopbackUrl(ctx.settings.endpoint.value)) {
    throw new UsageError(`the pool's domain ${url} is on AWS, but --endpoint points at ${ctx.settings.endpoint.value}`, {
      hint: "pass the emulator's OAuth2 address with --domain <URL>",
    });
  }
  return { url, origin };
}

/** The pool's own domain: its custom domain first, then its prefix; undefined when it has none. */
export async function poolDomainName(ctx: Context, poolId: string): Promise<string | undefined> {
  const { UserPool } = await (await ctx.idp()).send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  return UserPool?.CustomDomain || UserPool?.Domain || undefined;
}
