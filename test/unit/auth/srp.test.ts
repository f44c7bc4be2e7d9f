// Our SRP client against amazon-cognito-identity-js (AWS's own SDK) as the oracle: same a, B,
// salt, secret block and clock must give the same A, HKDF key and claim signature.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SRP_K,
  SRP_N,
  cognitoTimestamp,
  padHex,
  passwordAuthenticationKey,
  passwordClaim,
  poolNameOf,
  startSrp,
  type SrpClientState,
} from '../../../src/auth/srp.js';
import { oracleSignIn, oracleTimestamp } from './oracle/cognito-oracle.mjs';
import { CASE_KINDS, buildSrpCase, seededBytes, type SrpCase } from './oracle/srp-cases.mjs';

interface StoredVector {
  index: number;
  kind: string;
  srpASha256: string;
  key: string;
  signature: string;
  timestamp: string;
}
const vectors = JSON.parse(readFileSync(new URL('./oracle/srp-vectors.json', import.meta.url), 'utf8')) as {
  generator: string;
  seed: string;
  cases: StoredVector[];
};

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** Our side of one sign-in with the case's fixed a. */
function ours(c: SrpCase) {
  const state = startSrp(() => Buffer.from(c.aHex, 'hex'));
  const key = passwordAuthenticationKey({ ...c, state });
  const claim = passwordClaim({ ...c, state });
  return { srpA: state.srpA, key: key.toString('hex'), ...claim };
}

describe('padHex (Java BigInteger.toByteArray in hex)', () => {
  it.each([
    [0n, '00'],
    [0x14n, '14'],
    [0x7fn, '7f'],
    [0x80n, '0080'],
    [0xecn, '00ec'],
    [0xabcn, '0abc'],
    [0x8abcn, '008abc'],
    [0x0102n, '0102'],
  ])('%s → %s', (value, hex) => {
    expect(padHex(value)).toBe(hex);
  });

  it('prefixes N (which starts with 0xFF) with a zero byte', () => {
    expect(padHex(SRP_N).slice(0, 6)).toBe('00ffff');
    expect(padHex(SRP_N)).toHaveLength(2 + 768);
  });

  it('refuses negative numbers', () => {
    expect(() => padHex(-1n)).toThrow(/non-negative/);
  });
});

describe('group constants', () => {
  it('N is the 3072-bit RFC 5054 prime and k = H(padHex(N) | padHex(g))', () => {
    expect(SRP_N.toString(2)).toHaveLength(3072);
    const k = createHash('sha256').update(Buffer.from(`00${SRP_N.toString(16)}02`, 'hex')).digest('hex');
    expect(SRP_K).toBe(BigInt(`0x${k}`));
  });
});

describe('cognitoTimestamp', () => {
  it('writes the day without a leading zero, everything else padded, in UTC', () => {
    expect(cognitoTimestamp(new Date(Date.UTC(2025, 10, 2, 9, 5, 7)))).toBe('Sun Nov 2 09:05:07 UTC 2025');
    expect(cognitoTimestamp(new Date('2026-01-01T00:00:00Z'))).toBe('Thu Jan 1 00:00:00 UTC 2026');
    expect(cognitoTimestamp(new Date('2024-02-29T23:59:59.999Z'))).toBe('Thu Feb 29 23:59:59 UTC 2024');
    expect(cognitoTimestamp(new Date('2025-12-31T12:34:56+02:00'))).toBe('Wed Dec 31 10:34:56 UTC 2025');
  });

  it("matches the SDK's DateHelper on every day of a year, at single-digit hours", () => {
    for (let day = 0; day < 366; day++) {
      const d = new Date(Date.UTC(2024, 0, 1 + day, day % 10, day % 7, day % 9));
      expect(cognitoTimestamp(d)).toBe(oracleTimestamp(d));
    }
  });

  it('refuses an invalid date', () => {
    expect(() => cognitoTimestamp(new Date('nope'))).toThrow(/invalid date/);
  });
});

describe('poolNameOf', () => {
  it('takes the part after the underscore', () => {
    expect(poolNameOf('eu-west-1_AbC123')).toBe('AbC123');
  });
  it.each(['AbC123', '_AbC', 'eu-west-1_'])('rejects %j', (id) => {
    expect(() => poolNameOf(id)).toThrow(/not a user pool id/);
  });
});

describe('a fixed known vector (values from amazon-cognito-identity-js 6.3.21)', () => {
  const b = seededBytes('fixed SRP_B')(384);
  b[0] = 0x9c; // top bit set: B is hashed as 00 9c …
  const input = {
    aHex: Buffer.from(Array.from({ length: 128 }, (_, i) => (i * 37 + 11) & 0xff)).toString('hex'),
    poolId: 'eu-west-1_AbC123xyz',
    userIdForSrp: '8a3c1f9e-4b2d-4e6f-9a1b-2c3d4e5f6a7b',
    password: 'Correct-Horse-Battery-9!',
    srpB: b.toString('hex'),
    salt: 'e2a1f0c3b4d5968778695a4b3c2d1e0f',
    secretBlock: Buffer.from('secret block '.repeat(12)).toString('base64'),
    now: new Date(Date.UTC(2025, 10, 2, 9, 5, 7)),
  };

  it('gives the recorded A, key, signature and timestamp', () => {
    const state = startSrp(() => Buffer.from(input.aHex, 'hex'));
    expect(state.srpA.slice(0, 40)).toBe('562d809279d9b37ac8273afc5019486ac88b1a5b');
    expect(sha256Hex(state.srpA)).toBe('42eca45a8c75b5644845bcf97ac9601364a3be17f26ac3648a6285c8e775a646');
    expect(passwordAuthenticationKey({ ...input, state }).toString('hex')).toBe('c7da80fa5ac31bda8d07661293f59d40');
    expect(passwordClaim({ ...input, state })).toEqual({
      signature: 'ODX8O2Zb8nmIJPT/wHsJkPHxQjOGZkYaGOu01OF3mOE=',
      timestamp: 'Sun Nov 2 09:05:07 UTC 2025',
    });
  });

  it('is case-insensitive about the hex it is given', () => {
    const state = startSrp(() => Buffer.from(input.aHex, 'hex'));
    const upper = { ...input, srpB: input.srpB.toUpperCase(), salt: input.salt.toUpperCase(), state };
    expect(passwordClaim(upper).signature).toBe('ODX8O2Zb8nmIJPT/wHsJkPHxQjOGZkYaGOu01OF3mOE=');
  });
});

describe(`stored vectors from ${vectors.generator}`, () => {
  // srp-vectors.json holds what the SDK sent for each seeded case (see generate-srp-vectors.mjs);
  // rebuilding the same inputs here only needs the seed.
  const bytes = seededBytes(vectors.seed);
  const cases = vectors.cases.map((v) => ({ vector: v, input: buildSrpCase(bytes, v.index) }));

  it('has at least 200 cases covering every kind several times', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const kind of CASE_KINDS) {
      expect(cases.filter((c) => c.input.kind === kind).length).toBeGreaterThanOrEqual(20);
    }
    cases.forEach((c, i) => {
      expect(c.vector.index).toBe(i);
      expect(c.input.kind).toBe(c.vector.kind);
    });
  });

  it('covers the padded-hex corners for salt and B', () => {
    const inputs = cases.map((c) => c.input);
    const highBit = (hex: string) => hex.length % 2 === 0 && /^[89a-f]/i.test(hex);
    expect(inputs.filter((c) => highBit(c.salt)).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => highBit(c.srpB)).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => c.salt.length % 2 === 1).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => c.srpB.length % 2 === 1).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => c.salt.startsWith('0000')).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => c.srpB.startsWith('0000')).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => BigInt(`0x${c.srpB}`) >= SRP_N).length).toBeGreaterThan(20);
    expect(inputs.filter((c) => c.now.getUTCDate() < 10).length).toBeGreaterThan(50);
  });

  it('gives the same A, HKDF key, signature and timestamp as the SDK for every case', () => {
    let aHighBit = 0;
    for (const { vector, input } of cases) {
      const got = ours(input);
      if (/^[89a-f]/.test(got.srpA) && got.srpA.length % 2 === 0) aHighBit++;
      expect({ index: vector.index, srpA: sha256Hex(got.srpA), key: got.key, signature: got.signature, timestamp: got.timestamp }).toEqual({
        index: vector.index,
        srpA: vector.srpASha256,
        key: vector.key,
        signature: vector.signature,
        timestamp: vector.timestamp,
      });
    }
    // About half of all A values hash with a 00 prefix; make sure that path was exercised.
    expect(aHighBit).toBeGreaterThan(50);
  });
});

describe('live comparison with the SDK on fresh random inputs', () => {
  // The SDK's pure-JS arithmetic costs ~0.4 s per sign-in, so a normal run checks one fresh case
  // of every kind; SRP_ORACLE_CASES=300 runs a long soak.
  const count = Number(process.env.SRP_ORACLE_CASES ?? CASE_KINDS.length);

  it(`agrees on ${count} random sign-ins`, { timeout: 60_000 + count * 2_000 }, () => {
    for (let i = 0; i < count; i++) {
      const input = buildSrpCase(randomBytes, i);
      const expected = oracleSignIn(input);
      const got = ours(input);
      expect({ kind: input.kind, ...got }).toEqual({
        kind: input.kind,
        srpA: expected.srpA,
        key: expected.key,
        signature: expected.signature,
        timestamp: expected.timestamp,
      });
      // The SDK answers as USER_ID_FOR_SRP, whatever alias was typed.
      expect(expected.username).toBe(input.userIdForSrp);
    }
  });
});

describe('startSrp', () => {
  it('draws 128 bytes and publishes A = g^a mod N in unpadded hex', () => {
    const asked: number[] = [];
    const state = startSrp((n) => {
      asked.push(n);
      return randomBytes(n);
    });
    expect(asked).toEqual([128]);
    expect(state.a).toBeGreaterThan(0n);
    expect(state.a).toBeLessThan(1n << 1024n);
    expect(state.A).toBeGreaterThan(1n);
    expect(state.A).toBeLessThan(SRP_N);
    expect(state.srpA).toBe(state.A.toString(16));
  });

  it('gives a different a on every call by default', () => {
    expect(startSrp().a).not.toBe(startSrp().a);
  });

  it('draws again when a would be zero', () => {
    const draws = [Buffer.alloc(128), Buffer.alloc(128, 7)];
    const state = startSrp(() => draws.shift()!);
    expect(draws).toHaveLength(0);
    expect(state.a).toBe(BigInt(`0x${'07'.repeat(128)}`));
  });

  it('gives up on a random source that never yields a usable a', () => {
    expect(() => startSrp(() => Buffer.alloc(128))).toThrow(/random source/);
  });

  it('refuses a random source that returns the wrong length', () => {
    expect(() => startSrp(() => Buffer.alloc(16, 1))).toThrow(/16 bytes, expected 128/);
  });
});

describe('passwordClaim refuses unsafe or malformed challenges', () => {
  const state: SrpClientState = startSrp(() => Buffer.alloc(128, 0x42));
  const base = {
    state,
    poolId: 'us-east-1_Pool',
    userIdForSrp: 'user',
    password: 'pw',
    salt: 'abcdef',
    secretBlock: 'AAAA',
    srpB: 'ff'.repeat(384),
  };

  it.each([
    ['0', 'B = 0'],
    [SRP_N.toString(16), 'B = N'],
    [(SRP_N * 3n).toString(16), 'B = 3N'],
  ])('B ≡ 0 mod N (%s…, %s)', (srpB) => {
    expect(() => passwordClaim({ ...base, srpB })).toThrow(/B ≡ 0 \(mod N\)/);
  });

  it.each([
    ['srpB', 'xyz', /SRP_B from the server is not a hexadecimal number/],
    ['srpB', '', /SRP_B from the server is not a hexadecimal number/],
    ['srpB', '0x12', /SRP_B from the server is not a hexadecimal number/],
    ['salt', 'ab cd', /SALT from the server is not a hexadecimal number/],
    ['poolId', 'Pool', /not a user pool id/],
  ])('%s = %j', (field, value, message) => {
    expect(() => passwordClaim({ ...base, [field]: value })).toThrow(message);
  });

  it('signs with the current time when none is given', () => {
    const before = Date.now();
    const { timestamp } = passwordClaim(base);
    const parsed = Date.parse(timestamp);
    expect(parsed).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(parsed).toBeLessThanOrEqual(Date.now());
  });
});
