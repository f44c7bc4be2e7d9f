// u = H(A | B) = 0 cannot be produced honestly (it needs a SHA-256 preimage), so the hash is
// forced to zero here to prove the guard exists. Separate file: the mock is module-wide.
import { describe, expect, it, vi } from 'vitest';

const forced = vi.hoisted(() => ({ zeroDigests: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const createHash: typeof actual.createHash = (algorithm, options) => {
    const hash = actual.createHash(algorithm, options);
    if (forced.zeroDigests > 0) {
      forced.zeroDigests--;
      const digest = hash.digest.bind(hash);
      hash.digest = ((...args: unknown[]) => {
        (digest as (...a: unknown[]) => unknown)(...args);
        return Buffer.alloc(32);
      }) as typeof hash.digest;
    }
    return hash;
  };
  return { ...actual, default: { ...actual, createHash }, createHash };
});

const { passwordClaim, startSrp } = await import('../../../src/auth/srp.js');

describe('passwordClaim with u = 0', () => {
  it('refuses to continue', () => {
    const state = startSrp(() => Buffer.alloc(128, 0x42));
    const input = {
      state,
      poolId: 'us-east-1_Pool',
      userIdForSrp: 'user',
      password: 'pw',
      salt: 'abcdef',
      secretBlock: 'AAAA',
      srpB: 'abc123',
    };
    expect(() => passwordClaim(input)).not.toThrow();
    forced.zeroDigests = 1; // the first hash after parsing B is u = H(A | B)
    expect(() => passwordClaim(input)).toThrow(/u = H\(A \| B\) is zero/);
  });
});
