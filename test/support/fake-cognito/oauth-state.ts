// What the fake's OAuth2 endpoints remember between requests: authorization codes (single use,
// five minutes, bound to client, redirect URI, scopes and PKCE challenge) and the scopes behind
// each refresh token a code grant issued. Kept beside the FakeContext, not in it.
import type { FakeContext } from './context.js';

export interface AuthorizationCode {
  code: string;
  poolId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** Internal username. */
  username: string;
  codeChallenge?: string;
  nonce?: string;
  expiresAt: number;
  used: boolean;
}

export interface OAuthState {
  codes: Map<string, AuthorizationCode>;
  /** Refresh token → the scopes of the grant that issued it. */
  refreshScopes: Map<string, string[]>;
  /** Every code issued, newest last: tests look for them in logs. */
  issuedCodes: string[];
}

const states = new WeakMap<FakeContext, OAuthState>();

export function oauthState(ctx: FakeContext): OAuthState {
  let state = states.get(ctx);
  if (!state) {
    state = { codes: new Map(), refreshScopes: new Map(), issuedCodes: [] };
    states.set(ctx, state);
  }
  return state;
}

/** The scopes Cognito defines itself; the others belong to resource servers. */
export const RESERVED_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

export const CODE_LIFETIME_MS = 5 * 60_000;
