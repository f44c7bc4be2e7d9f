// UpdateUserPoolClient as Cognito documents it: the request replaces the client's settings, and
// whatever it leaves out goes back to its default (the trap the CLI's read-merge-write avoids).
// The secret, the id and the dates are not the request's to change.
import type { FakeContext } from './context.js';
import { invalidParameter, required, resourceNotFound } from './errors.js';
import { getPool } from './state.js';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

function seconds(value: unknown, unit: string | undefined, fallback: number): number {
  if (typeof value !== 'number') return fallback;
  return value * (UNIT_SECONDS[unit ?? ''] ?? 1);
}

function loopbackOrHttps(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === 'localhost') || !u.protocol.startsWith('http');
  } catch {
    return false;
  }
}

export function updateUserPoolClient(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const client = pool.clients.get(required(body.ClientId, 'clientId'));
  if (!client) return resourceNotFound(`User pool client ${body.ClientId} does not exist.`);
  const callbackUrls: string[] = body.CallbackURLs ?? [];
  for (const url of callbackUrls) if (!loopbackOrHttps(url)) invalidParameter(`CallbackURLs: ${url} must use https (http only for localhost)`);
  const oauthOn = body.AllowedOAuthFlowsUserPoolClient === true;
  const oauthFlows: string[] = oauthOn ? (body.AllowedOAuthFlows ?? []) : [];
  if (oauthFlows.includes('code') && callbackUrls.length === 0) invalidParameter('A redirect_uri must be specified for the code flow.');
  const units = body.TokenValidityUnits ?? {};
  Object.assign(client, {
    name: body.ClientName ?? client.name,
    flows: body.ExplicitAuthFlows ?? ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    accessTokenSeconds: seconds(body.AccessTokenValidity, units.AccessToken ?? 'hours', 3600),
    idTokenSeconds: seconds(body.IdTokenValidity, units.IdToken ?? 'hours', 3600),
    refreshTokenSeconds: seconds(body.RefreshTokenValidity, units.RefreshToken ?? 'days', 30 * 86_400),
    authSessionMinutes: body.AuthSessionValidity ?? 3,
    preventUserExistenceErrors: body.PreventUserExistenceErrors === 'ENABLED',
    oauthFlows,
    scopes: oauthOn ? (body.AllowedOAuthScopes ?? []) : [],
    callbackUrls,
    identityProviders: body.SupportedIdentityProviders ?? [],
    tokenRevocation: body.EnableTokenRevocation ?? true,
  });
  return {
    UserPoolClient: {
      UserPoolId: pool.id,
      ClientId: client.clientId,
      ClientName: client.name,
    },
  };
}
