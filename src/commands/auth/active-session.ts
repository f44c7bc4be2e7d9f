// The signed-in user's tokens for commands that act as that user: the saved session, refreshed
// (src/auth/refresh.ts) when the access token has (nearly) expired. A rotated refresh token
// replaces the old one in one atomic write: until the new file is on disk the old token stays in
// the old file, and Cognito accepts the old token again within the client's grace period.
import { join } from 'node:path';
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { stateDir } from '../../config/paths.js';
import { registerSecret } from '../../aws/redact.js';
import { buildSession, isFresh, type SessionTokens } from '../../auth/session.js';
import { NO_PROFILE, SessionStore, type SavedSession } from '../../auth/session-store.js';

export function sessionStore(ctx: Context): SessionStore {
  return new SessionStore(join(stateDir(ctx.env), 'sessions'));
}

export function sessionProfile(ctx: Context): string {
  return ctx.settings.profileName?.value ?? NO_PROFILE;
}

/** Builds and saves the session of a completed sign-in. */
export function saveSession(ctx: Context, input: SessionTokens): SavedSession {
  const session = buildSession(input, {
    profile: sessionProfile(ctx),
    region: ctx.region()?.value,
    endpoint: ctx.settings.endpoint?.value,
    now: ctx.now(),
  });
  sessionStore(ctx).save(session);
  return session;
}

/** The saved session of `username` (or the profile's current user), as saved: not refreshed. */
export function savedSession(ctx: Context, username?: string): SavedSession {
  const session = sessionStore(ctx).load(sessionProfile(ctx), username);
  if (!session) {
    throw new AuthError(username ? `no saved session for ${username}` : 'no saved session', {
      hint: `sign in first: \`cognito-admin auth login ${username ?? '<username>'}\``,
    });
  }
  for (const token of [session.idToken, session.accessToken, session.refreshToken]) registerSecret(token);
  return session;
}

/**
 * The saved session (of `username`, else the profile's current user), refreshed when needed.
 * The session's pool and client become the Context's unless others were given.
 */
export async function activeSession(ctx: Context, username?: string): Promise<SavedSession> {
  const session = savedSession(ctx, username);
  ctx.usePoolIfUnset(session.poolId);
  ctx.useClientIfUnset(session.clientId);
  if (isFresh(session, ctx.now())) return session;
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
  const { refreshTokens } = await import('../../auth/refresh.js');
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
