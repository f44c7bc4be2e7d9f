// The server half of Cognito's SRP-6a variant, written from the protocol (not from any client):
// RFC 5054 3072-bit group, g = 2, k = H(N | g), u = H(A | B), x = H(salt | H(poolName user ":" pw)),
// HKDF-SHA256 with info "Caldera Derived Key" to a 16-byte key, and the PASSWORD_CLAIM_SIGNATURE
// HMAC over poolName | userIdForSrp | secretBlock | timestamp. Every value hashed as bytes goes
// through Cognito's padded hex: even length, and a leading 00 when the first hex digit is 8-f.
import { createDiffieHellman, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 3526 / RFC 5054 3072-bit MODP prime. */
export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

export function padHex(value: bigint): string {
  if (value < 0n) throw new Error('padHex takes non-negative values');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    e >>= 1n;
    b = (b * b) % modulus;
  }
  return result;
}

const toBuffer = (value: bigint) => Buffer.from(padHex(value), 'hex');
let dh: ReturnType<typeof createDiffieHellman> | undefined;

/**
 * base^exponent mod N. OpenSSL's modular exponentiation (reached through a Diffie-Hellman object
 * over N, whose computeSecret(y) is y^private mod N) is ten times faster than BigInt here; the
 * BigInt modPow above is the fallback for the values OpenSSL refuses as public keys (0, 1, N-1).
 */
export function modPowN(base: bigint, exponent: bigint): bigint {
  const b = ((base % N) + N) % N;
  if (exponent > 0n && b > 1n && b < N - 1n) {
    try {
      dh ??= createDiffieHellman(toBuffer(N));
      dh.setPrivateKey(toBuffer(exponent));
      return BigInt(`0x${dh.computeSecret(toBuffer(b)).toString('hex')}`);
    } catch {
      // fall through to BigInt
    }
  }
  return modPow(b, exponent, N);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
/** SHA-256 over the bytes a hex string spells, as a bigint. */
const hashHexToBig = (hex: string) => BigInt(`0x${sha256(Buffer.from(hex, 'hex')).toString('hex')}`);

export const k = hashHexToBig(padHex(N) + padHex(g));

/** The private key x from the password; Cognito's pool name is the part of the pool id after `_`. */
export function privateKey(poolName: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  const inner = sha256(`${poolName}${userIdForSrp}:${password}`).toString('hex');
  return hashHexToBig(padHex(BigInt(`0x${saltHex}`)) + inner);
}

export function verifier(poolName: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  return modPowN(g, privateKey(poolName, userIdForSrp, password, saltHex));
}

export interface ServerEphemeral {
  b: bigint;
  B: bigint;
}

export function serverEphemeral(v: bigint): ServerEphemeral {
  for (;;) {
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`) % N;
    if (b === 0n) continue;
    const B = (k * v + modPowN(g, b)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** The 16-byte key both sides derive: HKDF-SHA256(ikm = S, salt = u, info = "Caldera Derived Key"). */
export function sessionKey(A: bigint, B: bigint, b: bigint, v: bigint): Buffer | undefined {
  if (A % N === 0n) return undefined;
  const u = hashHexToBig(padHex(A) + padHex(B));
  if (u === 0n) return undefined;
  const S = modPowN((A * modPowN(v, u)) % N, b);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);
  return createHmac('sha256', prk).update(info).digest().subarray(0, 16);
}

export function claimSignature(key: Buffer, poolName: string, userIdForSrp: string, secretBlock: string, timestamp: string): Buffer {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userIdForSrp, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest();
}

export function signatureMatches(expected: Buffer, givenBase64: string): boolean {
  const given = Buffer.from(givenBase64, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;

/** Cognito's `EEE MMM d HH:mm:ss UTC yyyy`: day of month not padded, hours/minutes/seconds padded. */
export function formatTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(
    date.getUTCMinutes(),
  )}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/**
 * Reads a TIMESTAMP leniently (a padded day parses too) into a date. The server then verifies the
 * signature over its own canonical formatting of that date, which is how a client that pads the day
 * or names the wrong weekday ends up with "Incorrect username or password." on the 1st to 9th.
 */
export function parseTimestamp(text: string): Date | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!);
  if (!DAYS.includes(m[1]!) || month < 0) return undefined;
  const date = new Date(Date.UTC(Number(m[7]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  if (date.getUTCDate() !== Number(m[3]) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  return date;
}
