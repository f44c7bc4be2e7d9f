// The fake's /oauth2/token (authorization_code with PKCE, refresh_token, client_credentials with
// resource-server scopes), /oauth2/userInfo and /oauth2/revoke, as the Cognito developer guide
// describes them: form bodies, client authentication, JSON answers, RFC 6749 error codes.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.js';
import type { ClientState, PoolState } from './state.js';
import { CognitoError } from './errors.js';
import { issueTokens, issuer, signJwt, verifyAccessToken } from './tokens.js';
import { oauthState, RESERVED_SCOPES } from './oauth-state.js';
import { authenticateClient, OAuthFailure, readForm, sendJson } from './oauth-http.js';

function customScopes(pool: PoolState, client: ClientState): string[] {
  return client.scopes.filter((s) => {
    if (RESERVED_SCOPES.includes(s)) return false;
    const slash = s.lastIndexOf('/');
    const server = pool.resourceServers.get(s.slice(0, slash));
    return slash > 0 && server !== undefined && server.Scopes.some((x) => x.ScopeName === s.slice(slash + 1));
  });
}

/** The scopes a client-credentials request may have, or invalid_scope; none asked means all of them. */
export function clientCredentialScopes(pool: PoolState, client: ClientState, asked: string[]): string[] {
  const allowed = customScopes(pool, client);
  if (asked.length === 0) {
    if (allowed.length === 0) throw new OAuthFailure('invalid_scope');
    return allowed;
  }
  if (asked.some((s) => !allowed.includes(s))) throw new OAuthFailure('invalid_scope');
  return [...new Set(asked)];
}

/** An M2M access token: `sub` is the client, no user, no id or refresh token. */
export function machineToken(ctx: FakeContext, pool: PoolState, client: ClientState, scopes: string[]) {
  const now = Math.floor(ctx.now() / 1000);
  const access = signJwt(pool.key, {
    sub: client.clientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: issuer(ctx, pool),
    exp: now + client.accessTokenSeconds,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  });
  return { access_token: access, expires_in: client.accessTokenSeconds, token_type: 'Bearer' };
}

function codeGrant(ctx: FakeContext, pool: PoolState, client: ClientState, form: URLSearchParams) {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code || !redirectUri) throw new OAuthFailure('invalid_request');
  if (!client.oauthFlows.includes('code')) throw new OAuthFailure('unauthorized_client');
  const record = oauthState(ctx).codes.get(code);
  if (!record || record.used || record.expiresAt <= ctx.now() || record.poolId !== pool.id) throw new OAuthFailure('invalid_grant');
  // A code is spent by the first attempt to redeem it, right or wrong (RFC 6749 §4.1.2).
  record.used = true;
  if (record.clientId !== client.clientId || record.redirectUri !== redirectUri) throw new OAuthFailure('invalid_grant');
  const verifier = form.get('code_verifier');
  if (record.codeChallenge) {
    if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new OAuthFailure('invalid_grant');
    if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== record.codeChallenge) throw new OAuthFailure('invalid_grant');
  }
  const user = [...pool.users.values()].find((u) => u.username === record.username);
  if (!user || !user.enabled) throw new OAuthFailure('invalid_grant');
  const result = issueTokens(ctx, pool, client, user, undefined, {
    scopes: record.scopes,
    idClaims: record.nonce ? { nonce: record.nonce } : {},
  });
  if (result.RefreshToken) oauthState(ctx).refreshScopes.set(result.RefreshToken, record.scopes);
  return {
    ...(record.scopes.includes('openid') ? { id_token: result.IdToken } : {}),
    access_token: result.AccessToken,
    refresh_token: result.RefreshToken,
    expires_in: result.ExpiresIn,
    token_type: 'Bearer',
  };
}

function refreshGrant(ctx: FakeContext, pool: PoolState, client: ClientState, form: URLSearchParams) {
  const token = form.get('refresh_token');
  if (!token) throw new OAuthFailure('invalid_request');
  const record = ctx.refreshTokens.get(token);
  if (!record || record.revoked || record.expiresAt <= ctx.now() || record.clientId !== client.clientId || record.poolId !== pool.id) {
    throw new OAuthFailure('invalid_grant');
  }
  const user = [...pool.users.values()].find((u) => u.username === record.username);
  if (!user || !user.enabled) throw new OAuthFailure('invalid_grant');
  const scopes = oauthState(ctx).refreshScopes.get(token) ?? ['aws.cognito.signin.user.admin', 'openid'];
  const result = issueTokens(ctx, pool, client, user, { authTime: record.authTime, originJti: record.originJti }, { scopes });
  return {
    ...(scopes.includes('openid') ? { id_token: result.IdToken } : {}),
    access_token: result.AccessToken,
    expires_in: result.ExpiresIn,
    token_type: 'Bearer',
  };
}

/** POST /oauth2/token */
export async function tokenEndpoint(ctx: FakeContext, pool: PoolState, req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
  const grantType = form.get('grant_type');
  if (!grantType) throw new OAuthFailure('invalid_request');
  const client = authenticateClient(pool, req, form);
  let body: Record<string, unknown>;
  switch (grantType) {
    case 'authorization_code':
      body = codeGrant(ctx, pool, client, form);
      break;
    case 'refresh_token':
      body = refreshGrant(ctx, pool, client, form);
      break;
    case 'client_credentials': {
      if (!client.clientSecret || !client.oauthFlows.includes('client_credentials')) throw new OAuthFailure('unauthorized_client');
      const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
      body = machineToken(ctx, pool, client, clientCredentialScopes(pool, client, asked));
      break;
    }
    default:
      throw new OAuthFailure('unsupported_grant_type');
  }
  sendJson(res, 200, body);
}

const SCOPE_CLAIMS: Record<string, string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

/** GET or POST /oauth2/userInfo with `Authorization: Bearer <access token>`. */
export function userInfo(ctx: FakeContext, pool: PoolState, req: IncomingMessage, res: ServerResponse) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!bearer) {
    throw new OAuthFailure('invalid_request', 400, undefined, {
      'www-authenticate': 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"',
    });
  }
  const invalid = () =>
    new OAuthFailure('invalid_token', 401, undefined, {
      'www-authenticate':
        'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
    });
  let verified;
  try {
    verified = verifyAccessToken(ctx, bearer[1]);
  } catch (err) {
    if (err instanceof CognitoError) throw invalid();
    throw err;
  }
  if (verified.pool.id !== pool.id) throw invalid();
  const scopes = String(verified.claims.scope ?? '').split(' ');
  const admin = scopes.includes('aws.cognito.signin.user.admin');
  if (!admin && !scopes.includes('openid')) throw invalid();
  const attributes = verified.user.attributes;
  const claims: Record<string, string> = { sub: verified.user.sub };
  for (const [name, value] of Object.entries(attributes)) {
    const byScope = Object.entries(SCOPE_CLAIMS).find(([, names]) => names.includes(name))?.[0];
    const allowed = admin || (byScope ? scopes.includes(byScope) : scopes.includes('profile'));
    if (allowed && name !== 'sub') claims[name] = value;
  }
  claims.username = verified.user.username;
  sendJson(res, 200, claims);
}

/** POST /oauth2/revoke */
export function revoke(ctx: FakeContext, pool: PoolState, req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
  const token = form.get('token');
  if (!token) throw new OAuthFailure('invalid_request');
  const client = authenticateClient(pool, req, form, 401);
  if (!client.tokenRevocation) throw new OAuthFailure('invalid_request');
  const record = ctx.refreshTokens.get(token);
  if (!record) {
    if (token.split('.').length === 3) throw new OAuthFailure('unsupported_token_type');
    return sendJson(res, 200, undefined);
  }
  if (record.clientId === client.clientId) {
    record.revoked = true;
    ctx.revokedOrigins.add(record.originJti);
  }
  sendJson(res, 200, undefined);
}

export { readForm };
