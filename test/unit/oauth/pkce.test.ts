import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkce, createState, s256Challenge, sameSecret } from '../../../src/oauth/pkce.js';

describe('PKCE S256', () => {
  it("matches RFC 7636 appendix B's example", () => {
    // The verifier comes from the octets listed in appendix B; both values are the RFC's.
    const octets = Buffer.from([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5,
      88, 83, 132, 141, 121,
    ]);
    const verifier = octets.toString('base64url');
    expect(verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(s256Challenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a 43-character verifier from 32 random bytes, and its challenge', () => {
    const pkce = createPkce();
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkce.challenge).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
    expect(pkce.method).toBe('S256');
    expect(createPkce().verifier).not.toBe(pkce.verifier);
  });

  it('refuses a verifier outside RFC 7636 §4.1 (length 43-128, unreserved characters)', () => {
    expect(() => s256Challenge('short')).toThrow(/43 to 128/);
    expect(() => s256Challenge('a'.repeat(129))).toThrow();
    expect(() => s256Challenge(`${'a'.repeat(42)}+`)).toThrow();
    expect(s256Challenge('a'.repeat(128))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('state is 256 random bits; comparison is by value', () => {
    const state = createState();
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sameSecret(state, `${state}`)).toBe(true);
    expect(sameSecret(state, createState())).toBe(false);
    expect(sameSecret(state, state.slice(1))).toBe(false);
  });
});
