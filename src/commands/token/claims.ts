// A token's claims as people read them: times as ISO dates with "expires in 42 min" or
// "3 h ago", groups and scopes as lists. Shared by `token decode` and `token verify`.
import type { Context } from '../../context.js';
import { describeExpiry } from '../../auth/jwt.js';

const TIME_CLAIMS = ['exp', 'iat', 'auth_time', 'nbf'];

/** "3 h ago" / "in 2 min" for a past or future time in seconds. */
export function relative(seconds: number, nowMs: number): string {
  const text = describeExpiry(seconds, nowMs);
  if (text.startsWith('expires in ')) return `in ${text.slice('expires in '.length)}`;
  if (text === 'expired just now') return 'just now';
  return text.replace(/^expired /, '');
}

export function timeText(claim: string, value: unknown, nowMs: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const iso = new Date(value * 1000).toISOString();
  return `${iso} (${claim === 'exp' ? describeExpiry(value, nowMs) : relative(value, nowMs)})`;
}

export function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value) return value.split(' ');
  return [];
}

/** What -o json prints about a token besides its raw header and claims. */
export function tokenFacts(payload: Record<string, unknown>, nowMs: number) {
  const exp = typeof payload.exp === 'number' ? payload.exp : undefined;
  return {
    tokenUse: typeof payload.token_use === 'string' ? payload.token_use : undefined,
    expires: exp !== undefined ? new Date(exp * 1000).toISOString() : undefined,
    expiry: exp !== undefined ? describeExpiry(exp, nowMs) : undefined,
    expired: exp !== undefined ? exp * 1000 <= nowMs : undefined,
    issuedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000).toISOString() : undefined,
    groups: listClaim(payload['cognito:groups']),
    scopes: listClaim(payload.scope),
  };
}

/** Prints the claims as a key/value table (or text/csv), times and lists made readable. */
export function printClaims(ctx: Context, payload: Record<string, unknown>): void {
  const now = ctx.now();
  const columns = Object.keys(payload).map((claim) => ({
    header: claim === 'cognito:groups' ? 'cognito:groups (groups)' : claim === 'scope' ? 'scope (scopes)' : claim,
    get: (p: Record<string, unknown>) => {
      const value = p[claim];
      if (TIME_CLAIMS.includes(claim)) return timeText(claim, value, now) ?? value;
      if (claim === 'cognito:groups' || claim === 'scope') return listClaim(value).join(', ');
      return value;
    },
  }));
  ctx.out.record(payload, columns);
}
