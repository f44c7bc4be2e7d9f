// How a signed-in user is shown: who (username, sub, email), the groups and when the tokens
// expire — never the tokens themselves, except as the JSON a script asked for with -o json.
import type { Context } from '../../context.js';
import type { Column } from '../../io/output.js';
import { decodeJwt, describeExpiry } from '../../auth/jwt.js';

export interface Tokens {
  IdToken?: string;
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  TokenType?: string;
}

export interface SignedIn {
  signedInAs: string;
  username?: string;
  sub?: string;
  email?: string;
  groups: string[];
  accessTokenExpires?: string;
  idTokenExpires?: string;
  refreshToken: boolean;
  session: string;
}

function claims(token: string | undefined): Record<string, unknown> {
  if (!token) return {};
  try {
    return decodeJwt(token).payload;
  } catch {
    return {};
  }
}

/** "2025-01-01T10:00:00.000Z (expires in 60 min)" for a JWT's exp. */
export function expiryText(exp: unknown, nowMs: number): string | undefined {
  if (typeof exp !== 'number') return undefined;
  return `${new Date(exp * 1000).toISOString()} (${describeExpiry(exp, nowMs)})`;
}

export function groupsOf(payload: Record<string, unknown>): string[] {
  const groups = payload['cognito:groups'];
  return Array.isArray(groups) ? groups.map(String) : [];
}

export function signedIn(ctx: Context, typed: string, tokens: Tokens, session: string): SignedIn {
  const id = claims(tokens.IdToken);
  const access = claims(tokens.AccessToken);
  const now = ctx.now();
  const internal = (id['cognito:username'] ?? access.username) as string | undefined;
  return {
    signedInAs: typed,
    username: internal !== typed ? internal : undefined,
    sub: (id.sub ?? access.sub) as string | undefined,
    email: id.email as string | undefined,
    groups: groupsOf(Object.keys(id).length ? id : access),
    accessTokenExpires: expiryText(access.exp, now),
    idTokenExpires: expiryText(id.exp, now),
    refreshToken: Boolean(tokens.RefreshToken),
    session,
  };
}

const COLUMNS: Column<SignedIn>[] = [
  { header: 'signed in as', get: (s) => s.signedInAs },
  { header: 'username', get: (s) => s.username },
  { header: 'sub', get: (s) => s.sub },
  { header: 'email', get: (s) => s.email },
  { header: 'groups', get: (s) => (s.groups.length ? s.groups.join(', ') : '(none)') },
  { header: 'access token', get: (s) => s.accessTokenExpires },
  { header: 'id token', get: (s) => s.idTokenExpires },
  { header: 'refresh token', get: (s) => (s.refreshToken ? 'yes' : 'no') },
  { header: 'session', get: (s) => s.session },
];

/**
 * -o json/ndjson: exactly the tokens, as Cognito's AuthenticationResult names them (what a script
 * pipes into jq). Other formats: who signed in and until when.
 */
export function printSignIn(ctx: Context, typed: string, tokens: Tokens, session: string): void {
  if (ctx.out.structured) {
    // Some emulators leave ExpiresIn out; the access token's exp says the same.
    const exp = claims(tokens.AccessToken).exp;
    const expiresIn = tokens.ExpiresIn ?? (typeof exp === 'number' ? Math.max(0, exp - Math.floor(ctx.now() / 1000)) : undefined);
    ctx.out.record({
      IdToken: tokens.IdToken,
      AccessToken: tokens.AccessToken,
      RefreshToken: tokens.RefreshToken,
      ExpiresIn: expiresIn,
      TokenType: tokens.TokenType ?? 'Bearer',
    });
    return;
  }
  ctx.out.record(signedIn(ctx, typed, tokens, session), COLUMNS);
}
