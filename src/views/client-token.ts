// How a machine-to-machine access token is shown: JSON carries the token (what a script asked
// for); tables show what it is good for and until when, never the token itself.
import type { Column } from '../io/output.js';
import { scopesOf } from '../oauth/token-scopes.js';
import type { CachedToken } from '../oauth/token-cache.js';

export interface ClientTokenView {
  accessToken: string;
  tokenType: string;
  /** Seconds left. */
  expiresIn: number;
  expiresAt: string;
  /** The scopes granted (the token's `scope` claim), which may be more than were asked for. */
  scopes: string[];
  clientId: string;
  poolId: string;
  /** True when the token came from the local cache and no request was made. */
  cached: boolean;
  via: string;
}


export function clientTokenView(token: CachedToken, cached: boolean, nowMs: number): ClientTokenView {
  return {
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    expiresIn: Math.max(0, Math.floor((token.expiresAt - nowMs) / 1000)),
    expiresAt: new Date(token.expiresAt).toISOString(),
    // Not a JWT we can read: say what was asked for.
    scopes: scopesOf(token.accessToken) ?? token.scopes,
    clientId: token.clientId,
    poolId: token.poolId,
    cached,
    via: token.via,
  };
}

export const CLIENT_TOKEN_COLUMNS: Column<ClientTokenView>[] = [
  { header: 'client', get: (t) => t.clientId },
  { header: 'pool', get: (t) => t.poolId },
  { header: 'scopes', get: (t) => (t.scopes.length ? t.scopes.join(' ') : '(none)') },
  { header: 'expires', get: (t) => `${t.expiresAt} (in ${Math.round(t.expiresIn / 60)} min)` },
  { header: 'from', get: (t) => (t.cached ? 'cache (no request made)' : t.via) },
];
