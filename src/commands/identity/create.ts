// identity create: CreateIdentityPool, optionally trusting one user pool app client's tokens
// (the provider is `cognito-idp.<region of the user pool>.amazonaws.com/<poolId>`).
import { CreateIdentityPoolCommand, type CreateIdentityPoolCommandInput } from '@aws-sdk/client-cognito-identity';
import type { Context } from '../../context.js';
import { checkDeveloperProvider, checkIdentityPoolName, userPoolProvider } from './common.js';

export interface IdentityCreateOptions {
  /** `--user-pool <id>`, or `true` for a bare `--user-pool` (the resolved pool). */
  userPool?: string | boolean;
  allowGuests?: boolean;
  developerProvider?: string;
  serverSideTokenCheck?: boolean;
}

export async function createIdentityPool(ctx: Context, name: string, options: IdentityCreateOptions): Promise<void> {
  checkIdentityPoolName(name);
  if (options.developerProvider) checkDeveloperProvider(options.developerProvider, '--developer-provider');

  const input: CreateIdentityPoolCommandInput = {
    IdentityPoolName: name,
    AllowUnauthenticatedIdentities: Boolean(options.allowGuests),
    DeveloperProviderName: options.developerProvider,
  };
  if (linksUserPool(ctx, options)) {
    if (typeof options.userPool === 'string') ctx.usePool(options.userPool, '--user-pool');
    const poolId = await ctx.poolId();
    const clientId = await ctx.clientId();
    input.CognitoIdentityProviders = [
      {
        ProviderName: userPoolProvider(poolId, ctx.region()?.value),
        ClientId: clientId,
        ServerSideTokenCheck: Boolean(options.serverSideTokenCheck),
      },
    ];
  }

  const identity = await ctx.identity();
  const created = await identity.send(new CreateIdentityPoolCommand(input));
  if (ctx.out.format === 'text') ctx.out.text(created.IdentityPoolId!);
  else ctx.out.record(created, ctx.out.structured ? undefined : summary());
}

/** A user pool is linked when asked for: `--user-pool [id]`, or `--client <id>` on the command line. */
function linksUserPool(ctx: Context, options: IdentityCreateOptions): boolean {
  return options.userPool !== undefined && options.userPool !== false
    ? true
    : ctx.settings.clientId?.source === 'flag';
}

export function summary() {
  type Pool = {
    IdentityPoolId?: string;
    IdentityPoolName?: string;
    AllowUnauthenticatedIdentities?: boolean;
    AllowClassicFlow?: boolean;
    DeveloperProviderName?: string;
    CognitoIdentityProviders?: Array<{ ProviderName?: string; ClientId?: string }>;
    SupportedLoginProviders?: Record<string, string>;
    OpenIdConnectProviderARNs?: string[];
    SamlProviderARNs?: string[];
  };
  return [
    { header: 'id', get: (p: Pool) => p.IdentityPoolId },
    { header: 'name', get: (p: Pool) => p.IdentityPoolName },
    { header: 'guests', get: (p: Pool) => (p.AllowUnauthenticatedIdentities ? 'allowed' : 'not allowed') },
    { header: 'basic flow', get: (p: Pool) => (p.AllowClassicFlow === undefined ? undefined : p.AllowClassicFlow ? 'allowed' : 'not allowed') },
    { header: 'user pools', get: (p: Pool) => p.CognitoIdentityProviders?.map((c) => `${c.ProviderName} (client ${c.ClientId})`) },
    { header: 'developer provider', get: (p: Pool) => p.DeveloperProviderName },
    { header: 'social providers', get: (p: Pool) => p.SupportedLoginProviders && Object.keys(p.SupportedLoginProviders) },
    { header: 'OIDC providers', get: (p: Pool) => p.OpenIdConnectProviderARNs },
    { header: 'SAML providers', get: (p: Pool) => p.SamlProviderARNs },
  ];
}
