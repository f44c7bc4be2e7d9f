// otpauth:// URIs (the Key Uri Format that authenticator apps scan from a QR code):
//   otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>[&algorithm=&digits=&period=]
// The issuer appears twice on purpose: older apps read the label prefix, newer ones the parameter.

import { base32Decode } from './base32.js';
import { MAX_DIGITS, MIN_DIGITS, TOTP_ALGORITHMS, TOTP_DEFAULTS, type TotpAlgorithm } from './totp.js';

export interface OtpauthParams {
  /** Shown by the app above the code, e.g. the pool or product name; may be empty. */
  issuer: string;
  /** Usually the username or email. */
  account: string;
  /** Base32 secret; spaces, lower case and padding are normalised away. */
  secret: string;
  algorithm?: TotpAlgorithm;
  digits?: number;
  period?: number;
}

export interface ParsedOtpauth {
  type: 'totp';
  /** From the issuer parameter, else the label prefix; undefined when neither is present. */
  issuer: string | undefined;
  account: string;
  /** Upper case, without spaces or padding. */
  secret: string;
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

/** Upper case, no whitespace, no "=" padding (which the Key Uri Format says to omit). */
function normaliseSecret(secret: string, where: string): string {
  const clean = secret.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  if (clean === '') throw new Error(`${where}: the secret is empty`);
  try {
    base32Decode(clean);
  } catch (err) {
    throw new Error(`${where}: the secret is not valid base32 (${(err as Error).message})`);
  }
  return clean;
}

export function buildOtpauthUri(params: OtpauthParams): string {
  const secret = normaliseSecret(params.secret, 'otpauth URI');
  if (params.account === '') throw new Error('otpauth URI: the account name is empty');
  // encodeURIComponent also encodes ":" inside issuer or account, so the one separating them
  // stays unambiguous.
  const label = params.issuer
    ? `${encodeURIComponent(params.issuer)}:${encodeURIComponent(params.account)}`
    : encodeURIComponent(params.account);
  let query = `secret=${secret}`;
  if (params.issuer) query += `&issuer=${encodeURIComponent(params.issuer)}`;
  if (params.algorithm !== undefined) query += `&algorithm=${parseAlgorithm(params.algorithm)}`;
  if (params.digits !== undefined) query += `&digits=${parseDigits(String(params.digits))}`;
  if (params.period !== undefined) query += `&period=${parsePeriod(String(params.period))}`;
  return `otpauth://totp/${label}?${query}`;
}

function parseAlgorithm(value: string): TotpAlgorithm {
  const upper = value.toUpperCase();
  if (!(TOTP_ALGORITHMS as readonly string[]).includes(upper)) {
    throw new Error(`otpauth URI: unsupported algorithm "${value}" (use ${TOTP_ALGORITHMS.join(', ')})`);
  }
  return upper as TotpAlgorithm;
}

function parseDigits(value: string): number {
  const digits = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(digits >= MIN_DIGITS && digits <= MAX_DIGITS)) {
    throw new Error(`otpauth URI: digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS}, not "${value}"`);
  }
  return digits;
}

function parsePeriod(value: string): number {
  const period = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(period >= 1 && Number.isSafeInteger(period))) {
    throw new Error(`otpauth URI: period must be a whole number of seconds (at least 1), not "${value}"`);
  }
  return period;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`otpauth URI: bad percent-encoding in "${part}"`);
  }
}

export function parseOtpauthUri(uri: string): ParsedOtpauth {
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    throw new Error('not an otpauth URI (expected otpauth://totp/<issuer>:<account>?secret=…)');
  }
  if (url.protocol !== 'otpauth:') {
    throw new Error(`not an otpauth URI: it starts with ${url.protocol}// instead of otpauth://`);
  }
  const type = url.hostname.toLowerCase();
  if (type === 'hotp') {
    throw new Error('otpauth URI is for HOTP (counter-based codes); only TOTP (time-based) is supported');
  }
  if (type !== 'totp') {
    throw new Error(`otpauth URI has unknown type "${url.hostname}" (expected totp)`);
  }

  // The label is "issuer:account" or just "account". A literal colon is the separator (an
  // encoded one inside the issuer is part of its name); some writers encode the separator too,
  // so without a literal colon the first %3A is taken.
  const rawLabel = url.pathname.replace(/^\//, '');
  let labelIssuer: string | undefined;
  let account: string;
  const literal = rawLabel.indexOf(':');
  const encoded = rawLabel.search(/%3A/i);
  if (literal >= 0) {
    labelIssuer = decode(rawLabel.slice(0, literal));
    account = decode(rawLabel.slice(literal + 1));
  } else if (encoded >= 0) {
    labelIssuer = decode(rawLabel.slice(0, encoded));
    account = decode(rawLabel.slice(encoded + 3));
  } else {
    account = decode(rawLabel);
  }
  // The format allows spaces after the colon ("Acme Co: alice").
  account = account.trim();

  const query = url.searchParams;
  const rawSecret = query.get('secret');
  if (rawSecret === null || rawSecret.trim() === '') throw new Error('otpauth URI has no secret parameter');
  const issuerParam = query.get('issuer');

  return {
    type: 'totp',
    issuer: issuerParam ?? labelIssuer,
    account,
    secret: normaliseSecret(rawSecret, 'otpauth URI'),
    algorithm: query.has('algorithm') ? parseAlgorithm(query.get('algorithm')!) : TOTP_DEFAULTS.algorithm,
    digits: query.has('digits') ? parseDigits(query.get('digits')!) : TOTP_DEFAULTS.digits,
    period: query.has('period') ? parsePeriod(query.get('period')!) : TOTP_DEFAULTS.period,
  };
}
