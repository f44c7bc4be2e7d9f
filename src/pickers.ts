// The searchable lists offered on a terminal when a pool, app client, group or identity pool
// was not given. Each lists what the credentials can see; the SDK loads only when one is needed.
import type { Context } from './context.js';
import { collect, paginate, type Page } from './aws/paginate.js';
import { missing, type Alternative, type Choice } from './io/prompter.js';

async function pick(
  ctx: Context,
  message: string,
  alt: Alternative,
  fetchPage: (token: string | undefined, size: number) => Promise<Page<Choice<string>>>,
): Promise<string> {
  if (!ctx.prompter.canPrompt) throw missing(alt);
  const choices = await collect(paginate(fetchPage, { pageSize: 60 }));
  return ctx.choose(message, choices, alt);
}

export interface Pickers {
  pool(ctx: Context): Promise<string>;
  client(ctx: Context, poolId: string): Promise<string>;
  identityPool(ctx: Context): Promise<string>;
  group(ctx: Context, poolId: string): Promise<string>;
}

export const pickers: Pickers = {
  async pool(ctx: Context): Promise<string> {
    const alt = {
      flag: '--pool <id>',
      env: 'COGNITO_USER_POOL_ID',
      what: 'a user pool',
      keep: 'to keep one for every command: `cognito-admin profile set <name> --pool <id>`, or `cognito-admin profile init` (on a terminal it picks one)',
    };
    return pick(ctx, 'User pool', alt, async (token, size) => {
      const { ListUserPoolsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const r = await (await ctx.idp()).send(new ListUserPoolsCommand({ NextToken: token, MaxResults: size }));
      return { items: r.UserPools?.map((p) => ({ name: `${p.Name} (${p.Id})`, value: p.Id! })), next: r.NextToken };
    });
  },

  async client(ctx: Context, poolId: string): Promise<string> {
    const alt = {
      flag: '--client <id>',
      env: 'COGNITO_CLIENT_ID',
      what: 'an app client',
      keep: 'to keep one for every command: `cognito-admin profile set <name> --client <id>`',
    };
    return pick(ctx, 'App client', alt, async (token, size) => {
      const { ListUserPoolClientsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const r = await (await ctx.idp()).send(
        new ListUserPoolClientsCommand({ UserPoolId: poolId, NextToken: token, MaxResults: size }),
      );
      return {
        items: r.UserPoolClients?.map((c) => ({ name: `${c.ClientName} (${c.ClientId})`, value: c.ClientId! })),
        next: r.NextToken,
      };
    });
  },

  async group(ctx: Context, poolId: string): Promise<string> {
    const alt = { flag: 'the <group> argument', what: 'a group name' };
    return pick(ctx, 'Group', alt, async (token, size) => {
      const { ListGroupsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const r = await (await ctx.idp()).send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: token, Limit: size }));
      return {
        items: r.Groups?.map((g) => ({
          name: g.Description ? `${g.GroupName} — ${g.Description}` : g.GroupName!,
          value: g.GroupName!,
        })),
        next: r.NextToken,
      };
    });
  },

  async identityPool(ctx: Context): Promise<string> {
    const alt = { flag: '--identity-pool <id>', env: 'COGNITO_IDENTITY_POOL_ID', what: 'an identity pool' };
    return pick(ctx, 'Identity pool', alt, async (token, size) => {
      const { ListIdentityPoolsCommand } = await import('@aws-sdk/client-cognito-identity');
      const r = await (await ctx.identity()).send(new ListIdentityPoolsCommand({ NextToken: token, MaxResults: size }));
      return {
        items: r.IdentityPools?.map((p) => ({ name: `${p.IdentityPoolName} (${p.IdentityPoolId})`, value: p.IdentityPoolId! })),
        next: r.NextToken,
      };
    });
  },
};
