// Both modPow routes against a plain square-and-multiply written here, and against each other.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigIntModPow, bigIntToBytes, bytesToBigInt, nativeModPowFor } from '../../../src/auth/modpow.js';
import { SRP_N, srpModPowRoute } from '../../../src/auth/srp.js';

/** Textbook right-to-left binary exponentiation: slow, obviously right. */
function reference(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n % modulus;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const randomBig = (bytes: number) => bytesToBigInt(randomBytes(bytes));

describe('byte conversions', () => {
  it('round-trips and ignores leading zero bytes', () => {
    expect(bigIntToBytes(0n)).toEqual(Buffer.from([0]));
    expect(bigIntToBytes(0xabcn)).toEqual(Buffer.from([0x0a, 0xbc]));
    expect(bytesToBigInt(Buffer.from([0, 0, 0x0a, 0xbc]))).toBe(0xabcn);
    expect(bytesToBigInt(Buffer.alloc(0))).toBe(0n);
    expect(bytesToBigInt(new Uint8Array([1, 2, 3]).subarray(1))).toBe(0x0203n);
    for (let i = 0; i < 50; i++) {
      const v = randomBig(randomInt(1, 64));
      expect(bytesToBigInt(bigIntToBytes(v))).toBe(v);
    }
    expect(() => bigIntToBytes(-1n)).toThrow(RangeError);
  });
});

describe('bigIntModPow', () => {
  it('agrees with textbook exponentiation on small and odd moduli', () => {
    for (let i = 0; i < 500; i++) {
      const m = BigInt(randomInt(1, 1_000_000));
      const b = BigInt(randomInt(-1_000_000, 1_000_000));
      const e = BigInt(randomInt(0, 1_000_000));
      expect(bigIntModPow(b, e, m)).toBe(reference(b, e, m));
    }
  });

  it('agrees with textbook exponentiation modulo N for every window shape', () => {
    const exponents = [0n, 1n, 2n, 31n, 32n, 33n, 0b1000001n, (1n << 200n) - 1n, 1n << 200n, randomBig(128), randomBig(140)];
    for (const e of exponents) {
      const b = randomBig(384);
      expect(bigIntModPow(b, e, SRP_N)).toBe(reference(b, e, SRP_N));
    }
  });

  it('handles trivial bases and rejects bad arguments', () => {
    expect(bigIntModPow(0n, 5n, 7n)).toBe(0n);
    expect(bigIntModPow(0n, 0n, 7n)).toBe(1n);
    expect(bigIntModPow(5n, 3n, 1n)).toBe(0n);
    expect(() => bigIntModPow(2n, -1n, 7n)).toThrow(RangeError);
    expect(() => bigIntModPow(2n, 1n, 0n)).toThrow(RangeError);
  });
});

describe('nativeModPowFor (OpenSSL through node:crypto Diffie-Hellman)', () => {
  const native = nativeModPowFor(SRP_N, 2n);

  it('is what SRP runs on with this Node', () => {
    // Node 20 ships OpenSSL 3.0, which passes the self-test; elsewhere BigInt is an honest fallback.
    expect(srpModPowRoute()).toBe(native ? 'native' : 'bigint');
  });

  it.runIf(native)('agrees with BigInt on random 3072-bit bases and exponents of every size', () => {
    for (let i = 0; i < 80; i++) {
      const b = randomBig(384) % SRP_N;
      const e = randomBig(randomInt(1, 160));
      const got = native!(b, e);
      expect(got).toBe(bigIntModPow(b, e, SRP_N));
    }
  });

  it.runIf(native)('finds results with leading zero bytes', () => {
    // OpenSSL pads (or, in older Node, strips) results below 2^3064; find a few such powers.
    let found = 0;
    for (let e = 1n; found < 3 && e < 20_000n; e++) {
      const expected = bigIntModPow(5n, e + (1n << 64n), SRP_N);
      if (expected < 1n << 3064n) {
        expect(native!(5n, e + (1n << 64n))).toBe(expected);
        found++;
      }
    }
    expect(found).toBe(3);
  });

  it.runIf(native)('covers the values OpenSSL would refuse', () => {
    const minusOne = SRP_N - 1n;
    expect(native!(0n, 5n)).toBe(0n);
    expect(native!(SRP_N, 5n)).toBe(0n);
    expect(native!(1n, randomBig(128))).toBe(1n);
    expect(native!(minusOne, 4n)).toBe(1n);
    expect(native!(minusOne, 5n)).toBe(minusOne);
    expect(native!(-1n, 5n)).toBe(minusOne);
    expect(native!(-2n, 3n)).toBe(reference(-2n, 3n, SRP_N));
    expect(native!(12345n, 0n)).toBe(1n);
    expect(native!(SRP_N + 2n, 10n)).toBe(1024n);
    expect(() => native!(2n, -1n)).toThrow(RangeError);
  });

  it('declines a modulus that is not a safe prime', () => {
    expect(nativeModPowFor(4n)).toBeUndefined();
    expect(nativeModPowFor(15n)).toBeUndefined();
  });
});
