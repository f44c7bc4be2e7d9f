// identity create: CreateIdentityPool, optionally trusting one user pool app client's tokens
// (the provider is `cognito-idp.<region of the user pool>.amazonaws.com/<poolId>`).
import { CreateIdentityPoolCommand, type CreateIdentityPoolCommandInput } from '@aws-sdk/client-cognito-identity';
import type { Context } from '../../context.js';
import { checkDeveloperProvider, checkIdentityPoolName, userPoolProvider } from './common.js';
import type { Column } from '../../io/output.js';
import { identityPoolView, type IdentityPoolView } from '../../views/identity-pool.js';

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
  else printIdentityPool(ctx, identityPoolView(created));
}

/** A user pool is linked when asked for: `--user-pool [id]`, or `--client <id>` on the command line. */
function linksUserPool(ctx: Context, options: IdentityCreateOptions): boolean {
  return options.userPool !== undefined && options.userPool !== false
    ? true
    : ctx.settings.clientId?.source === 'flag';
}

/** An identity pool as a record: the whole view in JSON, a summary in a table. */
export function printIdentityPool(ctx: Context, view: IdentityPoolView): void {
  ctx.out.record(view, ctx.out.structured ? undefined : summary());
}

function summary(): Column<IdentityPoolView>[] {
  const allowed = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'allowed' : 'not allowed');
  return [
    { header: 'id', get: (p) => p.id },
    { header: 'name', get: (p) => p.name },
    { header: 'guests', get: (p) => allowed(p.allowGuests) ?? 'not allowed' },
    { header: 'basic flow', get: (p) => allowed(p.allowClassicFlow) },
    { header: 'user pools', get: (p) => p.userPools?.map((c) => `${c.provider} (client ${c.clientId})`) },
    { header: 'developer provider', get: (p) => p.developerProvider },
    { header: 'social providers', get: (p) => p.loginProviders && Object.keys(p.loginProviders) },
    { header: 'OIDC providers', get: (p) => p.openIdConnectProviderArns },
    { header: 'SAML providers', get: (p) => p.samlProviderArns },
    { header: 'authenticated role', get: (p) => p.roles?.authenticated },
    { header: 'guest role', get: (p) => p.roles?.guest },
    { header: 'role mappings', get: (p) => p.roleMappings && Object.keys(p.roleMappings) },
  ];
}
