// A signed-in user's session as it is saved: built from a sign-in's or a refresh's tokens, and
// when it needs refreshing. Loading, saving and refreshing the active session through a
// Context is the command layer's (src/commands/auth/active-session.ts).
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from './jwt.js';
import type { SavedSession } from './session-store.js';

/** Refresh this long before expiry, so a token does not expire between check and use. */
const EARLY_REFRESH_MS = 60_000;

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

/** What a completed sign-in or refresh knows of the session it starts or renews. */
export interface SessionTokens {
  username: string;
  poolId: string;
  clientId: string;
  result: AuthenticationResultType;
  /** The session renewed: what the result lacks (a refresh token without rotation) is kept. */
  previous?: SavedSession;
  oauth?: SavedSession['oauth'];
}

/** Where the session was obtained: the profile it belongs to and the endpoint settings of the time. */
export interface SessionOrigin {
  profile: string;
  region?: string;
  endpoint?: string;
  now: number;
}

export function buildSession(input: SessionTokens, origin: SessionOrigin): SavedSession {
  const { result, previous } = input;
  const idToken = result.IdToken ?? previous?.idToken ?? '';
  const accessToken = result.AccessToken ?? previous?.accessToken ?? '';
  return {
    version: 1,
    profile: origin.profile,
    username: input.username,
    internalUsername: internalUsernameOf(idToken, accessToken) ?? previous?.internalUsername ?? input.username,
    poolId: input.poolId,
    clientId: input.clientId,
    region: origin.region,
    endpoint: origin.endpoint,
    idToken,
    accessToken,
    // Cognito returns a new refresh token only when rotation is on; otherwise keep the old one.
    refreshToken: result.RefreshToken ?? previous?.refreshToken,
    expiresAt: expiryOf(accessToken, origin.now + (result.ExpiresIn ?? 3600) * 1000),
    obtainedAt: origin.now,
    oauth: input.oauth ?? previous?.oauth,
  };
}

/** True while the access token is good for a while yet (no refresh needed). */
export function isFresh(session: SavedSession, now: number): boolean {
  return session.expiresAt - EARLY_REFRESH_MS > now;
}
