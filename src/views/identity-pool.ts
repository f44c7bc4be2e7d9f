// How an identity pool looks in output: the same fields from `identity create|list|describe`
// and `identity set-roles`. Cognito's role keys (authenticated, unauthenticated) read as
// authenticated and guest, the words the commands use.
import type { IdentityPool, IdentityPoolShortDescription } from '@aws-sdk/client-cognito-identity';

export interface IdentityPoolView {
  id: string;
  name?: string;
  allowGuests?: boolean;
  allowClassicFlow?: boolean;
  developerProvider?: string;
  userPools?: Array<{ provider?: string; clientId?: string; serverSideTokenCheck?: boolean }>;
  loginProviders?: Record<string, string>;
  openIdConnectProviderArns?: string[];
  samlProviderArns?: string[];
  roles?: { authenticated?: string; guest?: string };
  roleMappings?: Record<string, unknown>;
  tags?: Record<string, string>;
}

type IdentityPoolRecord = Partial<IdentityPool> | IdentityPoolShortDescription;

export function identityPoolView(
  pool: IdentityPoolRecord,
  roles?: { Roles?: Record<string, string>; RoleMappings?: Record<string, unknown> },
): IdentityPoolView {
  const full = pool as Partial<IdentityPool>;
  const nonEmpty = <T extends object>(o: T | undefined) => (o && Object.keys(o).length ? o : undefined);
  return {
    id: pool.IdentityPoolId ?? '',
    name: pool.IdentityPoolName,
    allowGuests: full.AllowUnauthenticatedIdentities,
    allowClassicFlow: full.AllowClassicFlow,
    developerProvider: full.DeveloperProviderName,
    userPools: full.CognitoIdentityProviders?.map((p) => ({
      provider: p.ProviderName,
      clientId: p.ClientId,
      serverSideTokenCheck: p.ServerSideTokenCheck,
    })),
    loginProviders: nonEmpty(full.SupportedLoginProviders),
    openIdConnectProviderArns: full.OpenIdConnectProviderARNs,
    samlProviderArns: full.SamlProviderARNs,
    roles: roles?.Roles && rolesView(roles.Roles),
    roleMappings: nonEmpty(roles?.RoleMappings),
    tags: nonEmpty(full.IdentityPoolTags),
  };
}

export function rolesView(roles: Record<string, string>): { authenticated?: string; guest?: string } {
  return { authenticated: roles.authenticated, guest: roles.unauthenticated };
}
