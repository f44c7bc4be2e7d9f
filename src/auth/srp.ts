// Client side of Cognito's SRP-6a variant (USER_SRP_AUTH → PASSWORD_VERIFIER).
//
// Cognito departs from textbook SRP-6a in ways that all have to match bit for bit, or the
// server answers a plain "Incorrect username or password":
// - every number is hashed through its Java BigInteger.toByteArray() form ("padded hex"): even
//   length, plus a leading 00 byte when the top bit is set;
// - x hashes the pool name (the part of the pool id after "_") with USER_ID_FOR_SRP, not the
//   alias the user typed;
// - the session key is HKDF-SHA256(salt = u, ikm = S, info = "Caldera Derived Key"), 16 bytes;
// - the claim signs poolName | userId | secret block | a timestamp with an unpadded day.

import { createHash, createHmac, hkdfSync, randomBytes as cryptoRandomBytes } from 'node:crypto';
import { bigIntModPow, bytesToBigInt, nativeModPowFor, type ModPow } from './modpow.js';
import { cognitoTimestamp } from './cognito-timestamp.js';

export { cognitoTimestamp };

/** RFC 5054 3072-bit group (the same prime as RFC 3526 MODP group 15), g = 2. */
export const SRP_N = BigInt(
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
export const SRP_G = 2n;

const HKDF_INFO = Buffer.from('Caldera Derived Key', 'utf8');
/** Bytes of the private value a, as Cognito's own SDKs draw it. */
const SMALL_A_BYTES = 128;
const MAX_DRAWS = 16;

/**
 * Cognito's "padded hex" of a non-negative integer: the hex of Java's BigInteger.toByteArray().
 * Even length, and a leading "00" when the first hex digit is 8 or above (so the value is not
 * read back as negative).
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError('padHex only encodes non-negative integers');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

function sha256(...parts: (Buffer | string)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** H over the concatenated padded-hex forms, read back as an integer. */
function hashPadded(...values: bigint[]): bigint {
  return bytesToBigInt(sha256(Buffer.from(values.map(padHex).join(''), 'hex')));
}

/** The multiplier k = H(N | g), fixed for the group. */
export const SRP_K = hashPadded(SRP_N, SRP_G);

// Chosen on first use, so that importing this module costs nothing for commands that never sign
// in; see modpow.ts for why there are two routes.
let powN: ModPow | undefined;
let powRoute: 'native' | 'bigint' | undefined;
export function modPowN(base: bigint, exponent: bigint): bigint {
  if (!powN) {
    const native = nativeModPowFor(SRP_N, SRP_G);
    powRoute = native ? 'native' : 'bigint';
    powN = native ?? ((b, e) => bigIntModPow(b, e, SRP_N));
  }
  return powN(base, exponent);
}

/** Which modPow implementation SRP runs on in this process (for the benchmark and --debug). */
export function srpModPowRoute(): 'native' | 'bigint' {
  modPowN(SRP_G, 1n);
  return powRoute!;
}

/** "eu-west-1_AbC123" → "AbC123": the pool name that Cognito mixes into x and the signature. */
export function poolNameOf(poolId: string): string {
  const underscore = poolId.indexOf('_');
  if (underscore <= 0 || underscore === poolId.length - 1) {
    throw new Error(`"${poolId}" is not a user pool id (expected <region>_<id>, e.g. eu-west-1_AbC123)`);
  }
  return poolId.slice(underscore + 1);
}

function realmOf(input: { poolId: string; realm?: string }): string {
  return input.realm ?? poolNameOf(input.poolId);
}

/** x = H(salt | H(realm user ":" password)): what a verifier g^x is made of. */
export function srpPrivateKey(realm: string, user: string, password: string, salt: bigint): bigint {
  return bytesToBigInt(sha256(Buffer.from(padHex(salt), 'hex'), sha256(`${realm}${user}:${password}`)));
}

function parseHexParameter(name: string, hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) {
    throw new Error(`SRP: ${name} from the server is not a hexadecimal number`);
  }
  return BigInt(`0x${hex}`);
}

export interface SrpClientState {
  /** The private value; never leaves the process. */
  a: bigint;
  /** The public value g^a mod N. */
  A: bigint;
  /** A in hex, for the SRP_A auth parameter (unpadded, as Cognito's own SDKs send it). */
  srpA: string;
}

/** Draws the private value a and computes A = g^a mod N for InitiateAuth. */
export function startSrp(randomBytes: (n: number) => Buffer = cryptoRandomBytes): SrpClientState {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const bytes = randomBytes(SMALL_A_BYTES);
    if (bytes.length !== SMALL_A_BYTES) {
      throw new Error(`SRP: random source returned ${bytes.length} bytes, expected ${SMALL_A_BYTES}`);
    }
    const a = bytesToBigInt(bytes) % SRP_N;
    // a = 0 would make A = 1 and S independent of the password; A ≡ 0 is what the protocol
    // forbids outright. Both are astronomically unlikely with a real random source.
    if (a === 0n) continue;
    const A = modPowN(SRP_G, a);
    if (A % SRP_N === 0n) continue;
    return { a, A, srpA: A.toString(16) };
  }
  throw new Error('SRP: the random source keeps producing unusable values for a');
}

export interface PasswordKeyInput {
  state: SrpClientState;
  poolId: string;
  /**
   * The name mixed into x and the signature in place of the pool name: a remembered device's
   * group key, for Cognito's device variant (DEVICE_PASSWORD_VERIFIER).
   */
  realm?: string;
  /** USER_ID_FOR_SRP from the challenge (the internal username, not the alias typed). */
  userIdForSrp: string;
  password: string;
  /** SRP_B from the challenge, hex. */
  srpB: string;
  /** SALT from the challenge, hex. */
  salt: string;
}

/** The 16-byte HKDF key that signs the password claim. */
export function passwordAuthenticationKey(input: PasswordKeyInput): Buffer {
  const { state } = input;
  const B = parseHexParameter('SRP_B', input.srpB);
  const salt = parseHexParameter('SALT', input.salt);
  if (B % SRP_N === 0n) {
    throw new Error('SRP: the server sent B ≡ 0 (mod N); refusing to continue the sign-in');
  }
  const u = hashPadded(state.A, B);
  if (u === 0n) {
    throw new Error('SRP: the scrambling parameter u = H(A | B) is zero; refusing to continue the sign-in');
  }

  const x = srpPrivateKey(realmOf(input), input.userIdForSrp, input.password, salt);

  // S = (B - k·g^x)^(a + u·x) mod N; the base is reduced into [0, N) first.
  let base = (B - SRP_K * modPowN(SRP_G, x)) % SRP_N;
  if (base < 0n) base += SRP_N;
  const S = modPowN(base, state.a + u * x);

  const key = hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), HKDF_INFO, 16);
  return Buffer.from(key);
}

export interface PasswordClaimInput extends PasswordKeyInput {
  /** SECRET_BLOCK from the challenge, base64; signed as its decoded bytes. */
  secretBlock: string;
  /** Clock for the TIMESTAMP; defaults to now. */
  now?: Date;
}

/** PASSWORD_CLAIM_SIGNATURE and TIMESTAMP for the PASSWORD_VERIFIER challenge response. */
export function passwordClaim(input: PasswordClaimInput): { signature: string; timestamp: string } {
  const key = passwordAuthenticationKey(input);
  const timestamp = cognitoTimestamp(input.now ?? new Date());
  const signature = createHmac('sha256', key)
    .update(realmOf(input), 'utf8')
    .update(input.userIdForSrp, 'utf8')
    .update(Buffer.from(input.secretBlock, 'base64'))
    .update(timestamp, 'utf8')
    .digest('base64');
  return { signature, timestamp };
}
