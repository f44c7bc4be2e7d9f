// How an app client looks in output: the same fields from `client create`, `client list`,
// `client describe` and `pool create --with-client`. The secret appears only when asked for.
import type { UserPoolClientDescription, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { flowName } from '../commands/client/create-request.js';

export interface ClientView {
  id: string;
  name?: string;
  poolId?: string;
  flows?: string[];
  hasSecret?: boolean;
  /** Only with --show-secret. */
  secret?: string;
  accessTokenValidity?: string;
  idTokenValidity?: string;
  refreshTokenValidity?: string;
  preventUserExistenceErrors?: string;
  tokenRevocation?: boolean;
  callbackUrls?: string[];
  oauthFlows?: string[];
  oauthScopes?: string[];
  created?: Date;
  modified?: Date;
}

type ClientRecord = UserPoolClientType | UserPoolClientDescription;

/** `listed`: from ListUserPoolClients, which says nothing about secrets (a described or created client does). */
export function clientView(client: ClientRecord, options: { showSecret?: boolean; listed?: boolean } = {}): ClientView {
  const full = client as UserPoolClientType;
  return {
    id: client.ClientId ?? '',
    name: client.ClientName,
    poolId: client.UserPoolId,
    flows: full.ExplicitAuthFlows?.map(flowName),
    hasSecret: options.listed ? undefined : Boolean(full.ClientSecret),
    secret: options.showSecret ? full.ClientSecret : undefined,
    accessTokenValidity: validity(full.AccessTokenValidity, full.TokenValidityUnits?.AccessToken ?? 'hours'),
    idTokenValidity: validity(full.IdTokenValidity, full.TokenValidityUnits?.IdToken ?? 'hours'),
    refreshTokenValidity: validity(full.RefreshTokenValidity, full.TokenValidityUnits?.RefreshToken ?? 'days'),
    preventUserExistenceErrors: full.PreventUserExistenceErrors,
    tokenRevocation: full.EnableTokenRevocation,
    callbackUrls: full.CallbackURLs,
    oauthFlows: full.AllowedOAuthFlows,
    oauthScopes: full.AllowedOAuthScopes,
    created: full.CreationDate,
    modified: full.LastModifiedDate,
  };
}

function validity(value: number | undefined, unit: string): string | undefined {
  return value === undefined ? undefined : `${value} ${unit}`;
}
