// Sessions from a browser sign-in (auth login --browser) live on the pool's OAuth2 domain: they
// are refreshed at its /oauth2/token and revoked at its /oauth2/revoke, with the client secret
// when the client has one.
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { OAuthError, requestToken, revokeToken, type Endpoint } from '../../oauth/endpoints.js';
import type { SavedSession } from '../../auth/session-store.js';
import { saveSession } from './active-session.js';

export function oauthEndpoint(ctx: Context, baseUrl: string): Endpoint {
  return { baseUrl, timeoutMs: ctx.settings.requestTimeoutMs, debug: ctx.settings.debug ? ctx.debug : undefined };
}

async function clientOf(ctx: Context, session: SavedSession) {
  ctx.usePoolIfUnset(session.poolId);
  ctx.useClientIfUnset(session.clientId);
  const clientSecret = await ctx.clientSecret();
  registerSecret(clientSecret);
  return { clientId: session.clientId, clientSecret };
}

export async function refreshAtTokenEndpoint(ctx: Context, session: SavedSession, domain: string): Promise<SavedSession> {
  let tokens;
  try {
    tokens = await requestToken(
      oauthEndpoint(ctx, domain),
      await clientOf(ctx, session),
      { grant_type: 'refresh_token', refresh_token: session.refreshToken },
      'refreshing the session',
    );
  } catch (err) {
    if (err instanceof OAuthError && err.error === 'invalid_grant') {
      throw new AuthError(`the session of ${session.username} can no longer be refreshed (revoked or expired)`, {
        code: 'invalid_grant',
        hint: 'sign in again: `cognito-admin auth login --browser`',
      });
    }
    throw err;
  }
  return saveSession(ctx, {
    username: session.username,
    poolId: session.poolId,
    clientId: session.clientId,
    result: { IdToken: tokens.id_token, AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, ExpiresIn: tokens.expires_in },
    previous: session,
  });
}

/** Revokes the session's refresh token (and the access tokens issued with it); false when the client does not allow revocation. */
export async function revokeAtDomain(ctx: Context, session: SavedSession, domain: string, refreshToken: string): Promise<boolean> {
  try {
    await revokeToken(oauthEndpoint(ctx, domain), await clientOf(ctx, session), refreshToken);
    return true;
  } catch (err) {
    // Cognito answers invalid_request when the app client has token revocation turned off.
    if (err instanceof OAuthError && err.error === 'invalid_request') return false;
    throw err;
  }
}
