// HOTP (RFC 4226) and TOTP (RFC 6238): what an authenticator app computes from the secret that
// AssociateSoftwareToken returns. Cognito itself uses SHA-1, 6 digits and 30-second steps; the
// other parameters exist for otpauth URIs that ask for them.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32Decode } from './base32.js';

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
export const TOTP_ALGORITHMS: readonly TotpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const TOTP_DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** RFC 4226 asks for at least 6; the 31-bit truncated value has at most 10 digits. */
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 10;

export interface HotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: number;
}

export interface TotpOptions extends HotpOptions {
  /** Unix time in milliseconds; defaults to now. */
  time?: number;
  /** Seconds per step. */
  period?: number;
}

const HMAC_NAMES: Record<TotpAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new Error(`TOTP digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS}, not ${digits}`);
  }
  return digits;
}

function checkPeriod(period: number): number {
  if (!Number.isInteger(period) || period < 1) {
    throw new Error(`TOTP period must be a whole number of seconds (at least 1), not ${period}`);
  }
  return period;
}

function checkAlgorithm(algorithm: string): TotpAlgorithm {
  if (!(TOTP_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new Error(`TOTP algorithm must be one of ${TOTP_ALGORITHMS.join(', ')}, not ${algorithm}`);
  }
  return algorithm as TotpAlgorithm;
}

/** RFC 4226 HOTP value for one counter. */
export function hotp(secret: Uint8Array, counter: number | bigint, opts: HotpOptions = {}): string {
  const algorithm = checkAlgorithm(opts.algorithm ?? TOTP_DEFAULTS.algorithm);
  const digits = checkDigits(opts.digits ?? TOTP_DEFAULTS.digits);
  const c = BigInt(counter);
  if (c < 0n || c >= 1n << 64n) throw new Error(`HOTP counter out of range: ${counter}`);

  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(c);
  const mac = createHmac(HMAC_NAMES[algorithm], secret).update(message).digest();
  // Dynamic truncation: 31 bits read at the offset given by the low nibble of the last byte.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step (counter) for a time in milliseconds. */
export function timeStep(time: number, period: number = TOTP_DEFAULTS.period): number {
  return Math.floor(time / 1000 / checkPeriod(period));
}

/** RFC 6238 TOTP value. */
export function totp(secret: Buffer, opts: TotpOptions = {}): string {
  return hotp(secret, timeStep(opts.time ?? Date.now(), opts.period ?? TOTP_DEFAULTS.period), opts);
}

/** TOTP from a base32 secret as Cognito's AssociateSoftwareToken returns it. */
export function totpFromBase32(secret: string, opts: TotpOptions = {}): string {
  return totp(base32Decode(secret), opts);
}

/** Seconds until the current code changes (1 … period). */
export function secondsLeft(time: number = Date.now(), period: number = TOTP_DEFAULTS.period): number {
  checkPeriod(period);
  return period - (Math.floor(time / 1000) % period);
}

export interface VerifyOptions extends TotpOptions {
  /** How many steps before and after the current one are accepted (clock drift); default 1. */
  window?: number;
}

/**
 * True when `code` is the TOTP of the current step or of one within ±window steps. Every
 * candidate is compared, in constant time, so the answer's timing does not say which one matched.
 */
export function verifyTotp(secret: Buffer, code: string, opts: VerifyOptions = {}): boolean {
  const window = opts.window ?? 1;
  if (!Number.isInteger(window) || window < 0) {
    throw new Error(`TOTP window must be a whole number of steps (0 or more), not ${window}`);
  }
  const digits = checkDigits(opts.digits ?? TOTP_DEFAULTS.digits);
  const given = Buffer.from(code.replace(/\s+/g, ''), 'utf8');
  if (given.length !== digits || !/^[0-9]+$/.test(given.toString())) return false;

  const step = timeStep(opts.time ?? Date.now(), opts.period ?? TOTP_DEFAULTS.period);
  let matched = false;
  for (let delta = -window; delta <= window; delta++) {
    if (step + delta < 0) continue;
    const expected = Buffer.from(hotp(secret, step + delta, { algorithm: opts.algorithm, digits }), 'utf8');
    matched = timingSafeEqual(expected, given) || matched;
  }
  return matched;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", for typing a secret into an app by hand. */
export function formatSecretGroups(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
