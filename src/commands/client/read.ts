// client list | describe: read-only views of app clients.
import {
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { MASK } from '../../aws/redact.js';
import { flowName } from './create-request.js';

export async function listClients(ctx: Context, options: { limit?: number }): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const clients = paginate(
    async (token, size) => {
      const r = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, NextToken: token, MaxResults: size }));
      return { items: r.UserPoolClients, next: r.NextToken };
    },
    { pageSize: 60, limit: options.limit },
  );
  await ctx.out.list(clients, [
    { header: 'CLIENT ID', get: (c) => c.ClientId },
    { header: 'NAME', get: (c) => c.ClientName },
  ]);
}

export async function describeClient(ctx: Context, id: string | undefined, options: { showSecret?: boolean }): Promise<void> {
  const poolId = await ctx.poolId();
  const clientId = id ?? (await ctx.clientId());
  const idp = await ctx.idp();
  const { UserPoolClient: client } = await idp.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  const shown: UserPoolClientType = {
    ...client!,
    ClientSecret: client?.ClientSecret && !options.showSecret ? MASK : client?.ClientSecret,
  };
  if (ctx.out.structured) return ctx.out.record(shown);
  ctx.out.record(shown, [
    { header: 'client id', get: (c: UserPoolClientType) => c.ClientId },
    { header: 'name', get: (c: UserPoolClientType) => c.ClientName },
    { header: 'pool', get: (c: UserPoolClientType) => c.UserPoolId },
    { header: 'flows', get: (c: UserPoolClientType) => (c.ExplicitAuthFlows ?? []).map(flowName) },
    { header: 'secret', get: (c: UserPoolClientType) => c.ClientSecret ?? 'none' },
    { header: 'access token validity', get: (c: UserPoolClientType) => validity(c.AccessTokenValidity, c.TokenValidityUnits?.AccessToken ?? 'hours') },
    { header: 'id token validity', get: (c: UserPoolClientType) => validity(c.IdTokenValidity, c.TokenValidityUnits?.IdToken ?? 'hours') },
    { header: 'refresh token validity', get: (c: UserPoolClientType) => validity(c.RefreshTokenValidity, c.TokenValidityUnits?.RefreshToken ?? 'days') },
    { header: 'prevent user existence errors', get: (c: UserPoolClientType) => c.PreventUserExistenceErrors },
    { header: 'token revocation', get: (c: UserPoolClientType) => c.EnableTokenRevocation },
    { header: 'created', get: (c: UserPoolClientType) => c.CreationDate },
  ]);
}

function validity(value: number | undefined, unit: string): string | undefined {
  return value === undefined ? undefined : `${value} ${unit}`;
}
