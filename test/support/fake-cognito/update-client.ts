// UpdateUserPoolClient as the API documents it: the request replaces the whole client, and every
// field it leaves out goes back to its default (API_UpdateUserPoolClient: "If you don't provide a
// value for an attribute, Amazon Cognito sets it to its default value"). DescribeUserPoolClient
// then answers with what the last update set (`clientExtras`).
import type { FakeContext } from './context.js';
import { invalidParameter, required, resourceNotFound } from './errors.js';
import { getPool, type ClientState } from './state.js';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
/** Fields kept only as they were sent (absent = not set). */
const PLAIN_FIELDS = [
  'ReadAttributes', 'WriteAttributes', 'SupportedIdentityProviders', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI',
  'AllowedOAuthFlows', 'AllowedOAuthScopes', 'AnalyticsConfiguration', 'RefreshTokenRotation',
] as const;

const extras = new WeakMap<ClientState, Record<string, unknown>>();

/** What DescribeUserPoolClient adds to (and overrides in) its answer after an update. */
export function clientExtras(client: ClientState): Record<string, unknown> {
  return extras.get(client) ?? {};
}

/** A token validity as sent, or its default (1 hour, 30 days) in the unit sent or the default unit. */
function validity(value: number | undefined, unit: string | undefined, defaultSeconds: number, defaultUnit: string) {
  const u = unit ?? defaultUnit;
  if (!UNIT_SECONDS[u]) return invalidParameter(`Invalid TokenValidityUnits value ${u}`);
  const v = value ?? defaultSeconds / UNIT_SECONDS[u]!;
  return { value: v, unit: u, seconds: v * UNIT_SECONDS[u]! };
}

export function updateUserPoolClient(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const client = pool.clients.get(required(body.ClientId, 'clientId'));
  if (!client) return resourceNotFound(`User pool client ${body.ClientId} does not exist.`);
  const flows: string[] | undefined = body.AllowedOAuthFlows;
  if (flows?.length && body.AllowedOAuthFlowsUserPoolClient !== true) {
    invalidParameter('AllowedOAuthFlows requires AllowedOAuthFlowsUserPoolClient to be true.');
  }
  if (flows?.some((f) => f !== 'client_credentials') && !body.CallbackURLs?.length) {
    invalidParameter('CallbackURLs must be set when code or implicit flows are allowed.');
  }
  if (body.DefaultRedirectURI && !body.CallbackURLs?.includes(body.DefaultRedirectURI)) {
    invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
  }
  const units = body.TokenValidityUnits ?? {};
  // Defaults: access and ID tokens 1 hour (unit hours), refresh tokens 30 days (unit days).
  const access = validity(body.AccessTokenValidity, units.AccessToken, 3600, 'hours');
  const id = validity(body.IdTokenValidity, units.IdToken, 3600, 'hours');
  const refresh = validity(body.RefreshTokenValidity, units.RefreshToken, 30 * 86400, 'days');

  client.name = body.ClientName ?? client.name;
  client.flows = [...(body.ExplicitAuthFlows ?? DEFAULT_FLOWS)];
  client.accessTokenSeconds = access.seconds;
  client.idTokenSeconds = id.seconds;
  client.refreshTokenSeconds = refresh.seconds;
  client.authSessionMinutes = body.AuthSessionValidity ?? 3;
  client.preventUserExistenceErrors = body.PreventUserExistenceErrors === 'ENABLED';
  // What the OAuth2 endpoints (oauth-*.ts) read.
  const oauth = body.AllowedOAuthFlowsUserPoolClient === true;
  client.oauthFlows = oauth ? [...(flows ?? [])] : [];
  client.scopes = oauth ? [...(body.AllowedOAuthScopes ?? [])] : [];
  client.callbackUrls = [...(body.CallbackURLs ?? [])];
  client.identityProviders = [...(body.SupportedIdentityProviders ?? [])];
  client.tokenRevocation = body.EnableTokenRevocation ?? true;

  const kept: Record<string, unknown> = {
    AccessTokenValidity: access.value,
    IdTokenValidity: id.value,
    RefreshTokenValidity: refresh.value,
    TokenValidityUnits: { AccessToken: access.unit, IdToken: id.unit, RefreshToken: refresh.unit },
    AllowedOAuthFlowsUserPoolClient: body.AllowedOAuthFlowsUserPoolClient ?? false,
    EnableTokenRevocation: body.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: body.EnablePropagateAdditionalUserContextData ?? false,
    LastModifiedDate: new Date(ctx.now()),
  };
  for (const field of PLAIN_FIELDS) if (body[field] !== undefined) kept[field] = body[field];
  extras.set(client, kept);
  return { UserPoolClient: { UserPoolId: pool.id, ClientId: client.clientId, ClientName: client.name, ...kept } };
}
