// Reading a JWT without verifying it, for `token decode`: the caller must say so ("signature not
// verified"); `token verify` is the command that checks signatures. Errors name the part that is
// wrong, because the usual causes are a truncated copy-paste or a pasted "Bearer " prefix.

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The third segment as it was (base64url); empty for an unsigned token. */
  signature: string;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeSegment(segment: string, name: 'header' | 'payload'): Record<string, unknown> {
  if (segment === '') throw new Error(`malformed JWT: the ${name} is empty`);
  // Unpadded base64url only: "+" or "/" means ordinary base64, and a length of 4n+1 can never
  // come from whole bytes (usually a truncated paste).
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) {
    throw new Error(`malformed JWT: the ${name} is not base64url`);
  }
  const text = Buffer.from(segment, 'base64url').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`malformed JWT: the ${name} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`malformed JWT: the ${name} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function decodeJwt(token: string): DecodedJwt {
  const trimmed = token.trim();
  if (/^bearer\s/i.test(trimmed)) {
    throw new Error('malformed JWT: remove the "Bearer " prefix');
  }
  const parts = trimmed.split('.');
  if (parts.length === 5) {
    throw new Error('malformed JWT: this has five parts, an encrypted token (JWE), which cannot be decoded without its key');
  }
  if (parts.length !== 3) {
    throw new Error(`malformed JWT: expected three dot-separated parts (header.payload.signature), found ${parts.length}`);
  }
  const [header, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(signature)) throw new Error('malformed JWT: the signature is not base64url');
  return { header: decodeSegment(header, 'header'), payload: decodeSegment(payload, 'payload'), signature };
}

// Each unit is used until the count would reach 90 of it, so the usual Cognito lifetimes read
// naturally: a 1-hour token is "60 min", a 1-day one "24 h", a 30-day refresh token "30 d".
const UNITS = [
  { name: 's', ms: 1_000, upTo: 90 * 1_000 },
  { name: 'min', ms: 60_000, upTo: 90 * 60_000 },
  { name: 'h', ms: 3_600_000, upTo: 48 * 3_600_000 },
  { name: 'd', ms: 86_400_000, upTo: Infinity },
] as const;

function span(ms: number): string {
  const unit = UNITS.find((u) => ms < u.upTo)!;
  // Rounded down: never claim more time left (or elapsed) than there is.
  return `${Math.floor(ms / unit.ms)} ${unit.name}`;
}

/**
 * "expires in 42 min" / "expired 3 h ago" for a JWT `exp` (seconds) seen at `nowMs`.
 * A token is expired from its `exp` second on (RFC 7519 4.1.4).
 */
export function describeExpiry(expSeconds: number, nowMs: number): string {
  if (!Number.isFinite(expSeconds) || !Number.isFinite(nowMs)) {
    throw new Error('describeExpiry: exp and now must be finite numbers');
  }
  const left = expSeconds * 1000 - nowMs;
  if (left > 0) return left < 1000 ? 'expires in under 1 s' : `expires in ${span(left)}`;
  return -left < 1000 ? 'expired just now' : `expired ${span(-left)} ago`;
}
