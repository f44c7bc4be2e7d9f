// client list | describe: read-only views of app clients.
import { DescribeUserPoolClientCommand, ListUserPoolClientsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { MASK, registerSecret } from '../../aws/redact.js';
import { clientView, type ClientView } from '../../views/client.js';

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
  await ctx.out.list(
    clients,
    [
      { header: 'CLIENT ID', get: (c) => c.ClientId },
      { header: 'NAME', get: (c) => c.ClientName },
    ],
    (c) => clientView(c, { listed: true }),
  );
}

export async function describeClient(ctx: Context, id: string | undefined, options: { showSecret?: boolean }): Promise<void> {
  const poolId = await ctx.poolId();
  const clientId = id ?? (await ctx.clientId());
  const idp = await ctx.idp();
  const { UserPoolClient: client } = await idp.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  registerSecret(client?.ClientSecret);
  printClient(ctx, clientView(client!, options));
}

/** A client as a record: the whole view in JSON, the fields an operator reads in a table. */
export function printClient(ctx: Context, view: ClientView): void {
  if (ctx.out.structured) return ctx.out.record(view);
  ctx.out.record(view, [
    { header: 'client id', get: (c: ClientView) => c.id },
    { header: 'name', get: (c: ClientView) => c.name },
    { header: 'pool', get: (c: ClientView) => c.poolId },
    { header: 'flows', get: (c: ClientView) => c.flows },
    { header: 'secret', get: (c: ClientView) => c.secret ?? (c.hasSecret ? MASK : 'none') },
    { header: 'access token validity', get: (c: ClientView) => c.accessTokenValidity },
    { header: 'id token validity', get: (c: ClientView) => c.idTokenValidity },
    { header: 'refresh token validity', get: (c: ClientView) => c.refreshTokenValidity },
    { header: 'prevent user existence errors', get: (c: ClientView) => c.preventUserExistenceErrors },
    { header: 'token revocation', get: (c: ClientView) => c.tokenRevocation },
    { header: 'created', get: (c: ClientView) => c.created },
  ]);
}
