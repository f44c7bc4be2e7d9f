// Modular exponentiation for SRP. Two routes compute the same numbers:
//
// - bigIntModPow: portable BigInt square-and-multiply with a small sliding window. Always correct,
//   but a 3072-bit modulus with a 1024-bit exponent costs ~25 ms of CPU in V8.
// - nativeModPowFor: OpenSSL's constant-time modexp reached through node:crypto's
//   Diffie-Hellman object, which computes `peer^privateKey mod p` for any exponent we set as
//   the private key. ~6-8× faster than BigInt, and it does not leak the secret exponent through
//   timing the way BigInt arithmetic does.
//
// The native route leans on OpenSSL behaviour (it only range-checks the "peer key", it does not
// insist on the prime-order subgroup), so it is self-tested once before use, falls back to BigInt
// for values OpenSSL refuses, and falls back entirely when the self-test disagrees.

import { constants, createDiffieHellman, type DiffieHellman } from 'node:crypto';

export type ModPow = (base: bigint, exponent: bigint) => bigint;

/** Unsigned big-endian bytes of a non-negative integer (no sign byte, at least one byte). */
export function bigIntToBytes(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('bigIntToBytes needs a non-negative integer');
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
}

/** Unsigned big-endian bytes to an integer; leading zero bytes are irrelevant. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return hex.length === 0 ? 0n : BigInt(`0x${hex}`);
}

function mod(value: bigint, modulus: bigint): bigint {
  const r = value % modulus;
  return r < 0n ? r + modulus : r;
}

const WINDOW_BITS = 5;

/** base^exponent mod modulus with BigInt only (left-to-right, sliding window of 5 bits). */
export function bigIntModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus <= 0n) throw new RangeError('modulus must be positive');
  if (exponent < 0n) throw new RangeError('exponent must be non-negative');
  if (modulus === 1n) return 0n;
  const b = mod(base, modulus);
  if (exponent === 0n) return 1n;
  if (b === 0n || b === 1n) return b;

  // Odd powers b^1, b^3, …, b^(2^w - 1): every window is cut to end on a 1 bit, so only odd
  // multipliers are ever needed and the table stays half the size.
  const odd: bigint[] = [b];
  const b2 = (b * b) % modulus;
  for (let i = 1; i < 1 << (WINDOW_BITS - 1); i++) odd.push((odd[i - 1]! * b2) % modulus);

  const bits = exponent.toString(2);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === '0') {
      result = (result * result) % modulus;
      i++;
      continue;
    }
    let end = Math.min(i + WINDOW_BITS, bits.length);
    while (bits[end - 1] === '0') end--;
    const window = parseInt(bits.slice(i, end), 2);
    for (let k = i; k < end; k++) result = (result * result) % modulus;
    result = (result * odd[(window - 1) >> 1]!) % modulus;
    i = end;
  }
  return result;
}

/**
 * A modPow bound to one prime, running on OpenSSL, or undefined when this Node/OpenSSL cannot be
 * trusted to do it (self-test mismatch, or the prime is refused).
 *
 * Only use it with well-known safe primes such as the RFC 3526/5054 groups with generator 2:
 * OpenSSL recognises those and skips its primality check, which for an unknown prime costs
 * seconds of CPU when the DiffieHellman object is created.
 */
export function nativeModPowFor(prime: bigint, generator = 2n): ModPow | undefined {
  let dh: DiffieHellman;
  try {
    dh = createDiffieHellman(bigIntToBytes(prime), bigIntToBytes(generator));
  } catch {
    return undefined;
  }
  // OpenSSL tells us when the modulus is not a (safe) prime; its arithmetic would still be
  // right, but nothing here was meant for such moduli.
  if (dh.verifyError & (constants.DH_CHECK_P_NOT_PRIME | constants.DH_CHECK_P_NOT_SAFE_PRIME)) {
    return undefined;
  }
  const minusOne = prime - 1n;

  // Raw OpenSSL route: base in [2, p-2], exponent > 0. Throws when OpenSSL refuses the input.
  const nativePow: ModPow = (base, exponent) => {
    dh.setPrivateKey(bigIntToBytes(exponent));
    // computeSecret zero-pads (or, in older Node, strips) leading zeros; bytesToBigInt reads
    // the number either way.
    return bytesToBigInt(dh.computeSecret(bigIntToBytes(base)));
  };

  const pow: ModPow = (base, exponent) => {
    if (exponent < 0n) throw new RangeError('exponent must be non-negative');
    const b = mod(base, prime);
    // OpenSSL rejects peer keys outside [2, p-2] and a zero private key; these have trivial
    // answers anyway.
    if (exponent === 0n) return 1n;
    if (b === 0n || b === 1n) return b;
    if (b === minusOne) return exponent % 2n === 0n ? 1n : minusOne;
    try {
      return nativePow(b, exponent);
    } catch {
      // A stricter OpenSSL (e.g. one that demands the prime-order subgroup) may refuse some
      // bases: those still get the right answer, just slower.
      return bigIntModPow(b, exponent, prime);
    }
  };

  // Self-test of the raw route with a base that is not a quadratic residue (p - 2 for a safe
  // prime p ≡ 7 mod 8, as the RFC 3526 primes are), and an exponent wider than one machine word,
  // against the BigInt route. A refusal or a mismatch means this OpenSSL does something we did
  // not expect, and the caller stays on BigInt.
  const probeBase = prime - 2n;
  const probeExponent = 0x1_0000_0001_0000_0003n;
  try {
    if (nativePow(probeBase, probeExponent) !== bigIntModPow(probeBase, probeExponent, prime)) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return pow;
}
