// The signed-in user's tokens for commands that act as that user: the saved session, refreshed
// (refresh.ts) when the access token has (nearly) expired. A rotated refresh token replaces the
// old one in one atomic write: until the new file is on disk the old token stays in the old file,
// and Cognito accepts the old token again within the client's grace period.
import { join } from 'node:path';
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { AuthError } from '../errors.js';
import { stateDir } from '../config/paths.js';
import { registerSecret } from '../aws/redact.js';
import { decodeJwt } from './jwt.js';
import { NO_PROFILE, SessionStore, type SavedSession } from './session-store.js';

/** Refresh this long before expiry, so a token does not expire between check and use. */
const EARLY_REFRESH_MS = 60_000;

export function sessionStore(ctx: Context): SessionStore {
  return new SessionStore(join(stateDir(ctx.env), 'sessions'));
}

export function sessionProfile(ctx: Context): string {
  return ctx.settings.profileName?.value ?? NO_PROFILE;
}

/** Cognito's own username from the tokens: cognito:username, else the access token's username, else sub. */
export function internalUsernameOf(idToken: string | undefined, accessToken: string | undefined): string | undefined {
  for (const [token, claim] of [
    [idToken, 'cognito:username'],
    [accessToken, 'username'],
    [idToken, 'sub'],
  ] as const) {
    if (!token) continue;
    try {
      const value = decodeJwt(token).payload[claim];
      if (typeof value === 'string' && value) return value;
    } catch {
      // not a JWT we can read: try the next
    }
  }
  return undefined;
}

export function expiryOf(accessToken: string, fallbackMs: number): number {
  try {
    const exp = decodeJwt(accessToken).payload.exp;
    if (typeof exp === 'number') return exp * 1000;
  } catch {
    // fall through
  }
  return fallbackMs;
}

/** Builds and saves the session of a completed sign-in. */
export function saveSession(
  ctx: Context,
  input: {
    username: string;
    poolId: string;
    clientId: string;
    result: AuthenticationResultType;
    previous?: SavedSession;
    oauth?: SavedSession['oauth'];
  },
): SavedSession {
  const { result, previous } = input;
  const now = ctx.now();
  const idToken = result.IdToken ?? previous?.idToken ?? '';
  const accessToken = result.AccessToken ?? previous?.accessToken ?? '';
  const session: SavedSession = {
    version: 1,
    profile: sessionProfile(ctx),
    username: input.username,
    internalUsername: internalUsernameOf(idToken, accessToken) ?? previous?.internalUsername ?? input.username,
    poolId: input.poolId,
    clientId: input.clientId,
    region: ctx.region()?.value,
    endpoint: ctx.settings.endpoint?.value,
    idToken,
    accessToken,
    // Cognito returns a new refresh token only when rotation is on; otherwise keep the old one.
    refreshToken: result.RefreshToken ?? previous?.refreshToken,
    expiresAt: expiryOf(accessToken, now + (result.ExpiresIn ?? 3600) * 1000),
    obtainedAt: now,
    oauth: input.oauth ?? previous?.oauth,
  };
  sessionStore(ctx).save(session);
  return session;
}

/**
 * The saved session (of `username`, else the profile's current user), refreshed when needed.
 * The session's pool and client become the Context's unless others were given.
 */
export async function activeSession(ctx: Context, username?: string): Promise<SavedSession> {
  const session = sessionStore(ctx).load(sessionProfile(ctx), username);
  if (!session) {
    throw new AuthError(username ? `no saved session for ${username}` : 'no saved session', {
      hint: `sign in first: \`cognito-admin auth login ${username ?? '<username>'}\``,
    });
  }
  for (const token of [session.idToken, session.accessToken, session.refreshToken]) registerSecret(token);
  ctx.usePoolIfUnset(session.poolId);
  ctx.useClientIfUnset(session.clientId);
  if (session.expiresAt - EARLY_REFRESH_MS > ctx.now()) return session;
  return refreshSession(ctx, session);
}

export async function refreshSession(ctx: Context, session: SavedSession): Promise<SavedSession> {
  if (!session.refreshToken) {
    throw new AuthError(`the session of ${session.username} has expired and holds no refresh token`, {
      hint: `sign in again: \`cognito-admin auth login ${session.username}\``,
    });
  }
  if (session.oauth) {
    // A browser sign-in's tokens are refreshed where they were issued: the pool's token endpoint.
    const { refreshAtTokenEndpoint } = await import('./browser-session.js');
    return refreshAtTokenEndpoint(ctx, session, session.oauth.domain);
  }
  const { refreshTokens } = await import('./refresh.js');
  ctx.usePoolIfUnset(session.poolId);
  ctx.useClientIfUnset(session.clientId);
  const secret = await ctx.clientSecret();
  registerSecret(secret);
  const device = sessionStore(ctx).loadDevice(session.profile, session.username, session.poolId);
  let result: AuthenticationResultType | undefined;
  try {
    result = await refreshTokens(
      await ctx.idp(),
      {
        clientId: session.clientId,
        refreshToken: session.refreshToken,
        clientSecret: secret,
        internalUsername: session.internalUsername,
        deviceKey: device?.key,
      },
      (text) => ctx.debug(text),
    );
  } catch (err) {
    if ((err as Error).name === 'NotAuthorizedException') {
      throw new AuthError(`the session of ${session.username} can no longer be refreshed: ${(err as Error).message}`, {
        code: 'NotAuthorizedException',
        hint: `sign in again: \`cognito-admin auth login ${session.username}\``,
      });
    }
    throw err;
  }
  if (!result?.AccessToken) throw new AuthError('the refresh returned no tokens');
  return saveSession(ctx, {
    username: session.username,
    poolId: session.poolId,
    clientId: session.clientId,
    result,
    previous: session,
  });
}
