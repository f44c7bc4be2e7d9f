// The one view of a resource server (an API with OAuth scopes), used by every command that prints one.
import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';

export interface ResourceServerView {
  identifier: string | undefined;
  name: string | undefined;
  poolId: string | undefined;
  /** Full scope names, as app clients and tokens carry them: `<identifier>/<scope>`. */
  scopes: Array<{ scope: string; name: string; description: string | undefined }>;
}

export function resourceServerView(s: ResourceServerType): ResourceServerView {
  return {
    identifier: s.Identifier,
    name: s.Name,
    poolId: s.UserPoolId,
    scopes: (s.Scopes ?? []).map((x) => ({ scope: `${s.Identifier}/${x.ScopeName}`, name: x.ScopeName!, description: x.ScopeDescription })),
  };
}

export const RESOURCE_SERVER_COLUMNS = [
  { header: 'IDENTIFIER', get: (s: ResourceServerView) => s.identifier },
  { header: 'NAME', get: (s: ResourceServerView) => s.name },
  { header: 'SCOPES', get: (s: ResourceServerView) => s.scopes.map((x) => x.name).join(', ') },
];
