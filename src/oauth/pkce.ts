// Proof Key for Code Exchange (RFC 7636) with the S256 method, and the `state` value that ties
// a callback to the request that asked for it. Only node:crypto.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Pkce {
  /** 43 characters of base64url from 32 random bytes (RFC 7636 §4.1 recommends exactly this). */
  verifier: string;
  /** BASE64URL(SHA256(ASCII(verifier))). */
  challenge: string;
  method: 'S256';
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function s256Challenge(verifier: string): string {
  if (!VERIFIER.test(verifier)) throw new Error('a PKCE verifier is 43 to 128 unreserved characters');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkce(random: (size: number) => Buffer = randomBytes): Pkce {
  const verifier = random(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}

/** An unguessable `state` (256 bits). */
export function createState(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

/** Constant-time comparison, so the time taken says nothing about how much of a guess was right. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
