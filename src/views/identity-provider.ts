// The one view of a user pool identity provider (OIDC, SAML, social), used by every command that
// prints one. The OIDC client secret never appears: `hasClientSecret` says whether there is one.
import type { IdentityProviderType, ProviderDescription } from '@aws-sdk/client-cognito-identity-provider';

export interface IdentityProviderView {
  name: string | undefined;
  type: string | undefined;
  poolId?: string;
  /** ProviderDetails without the client secret. */
  details?: Record<string, string>;
  hasClientSecret?: boolean;
  /** Pool attribute → the provider's claim or SAML attribute. */
  attributeMapping?: Record<string, string>;
  identifiers?: string[];
  created: Date | undefined;
  modified: Date | undefined;
}

export function identityProviderView(p: IdentityProviderType | ProviderDescription): IdentityProviderView {
  if (!('ProviderDetails' in p) && !('UserPoolId' in p)) {
    return { name: p.ProviderName, type: p.ProviderType, created: p.CreationDate, modified: p.LastModifiedDate };
  }
  const full = p as IdentityProviderType;
  const { client_secret: secret, ...details } = full.ProviderDetails ?? {};
  return {
    name: full.ProviderName,
    type: full.ProviderType,
    poolId: full.UserPoolId,
    details,
    hasClientSecret: secret !== undefined,
    attributeMapping: full.AttributeMapping ?? {},
    identifiers: full.IdpIdentifiers ?? [],
    created: full.CreationDate,
    modified: full.LastModifiedDate,
  };
}

export const IDENTITY_PROVIDER_COLUMNS = [
  { header: 'NAME', get: (p: IdentityProviderView) => p.name },
  { header: 'TYPE', get: (p: IdentityProviderView) => p.type },
  { header: 'CREATED', get: (p: IdentityProviderView) => p.created },
];
