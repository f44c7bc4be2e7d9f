import { describe, expect, it } from 'vitest';
import { base32Encode } from '../../../src/auth/base32.js';
import {
  formatSecretGroups,
  hotp,
  secondsLeft,
  timeStep,
  totp,
  totpFromBase32,
  verifyTotp,
  type TotpAlgorithm,
} from '../../../src/auth/totp.js';

// RFC 6238 appendix B uses a different ASCII seed per algorithm (the HMAC key length).
const SEEDS: Record<TotpAlgorithm, Buffer> = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

// RFC 6238 appendix B: time (s), then the 8-digit TOTP for SHA1, SHA256, SHA512.
const RFC6238: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

// RFC 4226 appendix D: counter, truncated 31-bit value (decimal), 6-digit HOTP.
const RFC4226: [number, string, string][] = [
  [0, '1284755224', '755224'],
  [1, '1094287082', '287082'],
  [2, '137359152', '359152'],
  [3, '1726969429', '969429'],
  [4, '1640338314', '338314'],
  [5, '868254676', '254676'],
  [6, '1918287922', '287922'],
  [7, '82162583', '162583'],
  [8, '673399871', '399871'],
  [9, '645520489', '520489'],
];

describe('hotp (RFC 4226 appendix D)', () => {
  const secret = Buffer.from('12345678901234567890');
  it.each(RFC4226)('counter %i', (counter, truncated, code) => {
    expect(hotp(secret, counter)).toBe(code);
    // With 10 digits nothing is cut off: the whole dynamically truncated value shows.
    expect(hotp(secret, counter, { digits: 10 })).toBe(truncated.padStart(10, '0'));
    expect(hotp(secret, BigInt(counter))).toBe(code);
  });

  it('rejects counters outside 0 … 2^64-1', () => {
    expect(() => hotp(secret, -1)).toThrow(/counter out of range/);
    expect(() => hotp(secret, 1n << 64n)).toThrow(/counter out of range/);
    expect(hotp(secret, (1n << 64n) - 1n)).toMatch(/^\d{6}$/);
  });
});

describe('totp (RFC 6238 appendix B)', () => {
  for (const [seconds, sha1, sha256, sha512] of RFC6238) {
    it(`T = ${seconds}s`, () => {
      const time = seconds * 1000;
      expect(totp(SEEDS.SHA1, { time, digits: 8 })).toBe(sha1);
      expect(totp(SEEDS.SHA1, { time, digits: 8, algorithm: 'SHA1' })).toBe(sha1);
      expect(totp(SEEDS.SHA256, { time, digits: 8, algorithm: 'SHA256' })).toBe(sha256);
      expect(totp(SEEDS.SHA512, { time, digits: 8, algorithm: 'SHA512' })).toBe(sha512);
      // The 6-digit code is the same value modulo 10^6.
      expect(totp(SEEDS.SHA1, { time })).toBe(sha1.slice(2));
    });
  }

  it('reads the secret from base32 as authenticator apps do', () => {
    const b32 = base32Encode(SEEDS.SHA512);
    expect(totpFromBase32(b32, { time: 59_000, digits: 8, algorithm: 'SHA512' })).toBe('90693936');
    expect(totpFromBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', { time: 59_000, digits: 8 })).toBe('94287082');
  });

  it('keeps a code for the whole 30-second step and uses the given period', () => {
    expect(totp(SEEDS.SHA1, { time: 30_000 })).toBe(totp(SEEDS.SHA1, { time: 59_999 }));
    expect(totp(SEEDS.SHA1, { time: 59_999 })).not.toBe(totp(SEEDS.SHA1, { time: 60_000 }));
    // A 60 s period at T = 118 s is step 1: HOTP counter 1.
    expect(totp(SEEDS.SHA1, { time: 118_000, period: 60 })).toBe('287082');
    expect(timeStep(1111111109_000)).toBe(0x23523ec);
  });

  it('uses the current time by default', () => {
    const now = Date.now();
    const code = totp(SEEDS.SHA1);
    const expected = [totp(SEEDS.SHA1, { time: now }), totp(SEEDS.SHA1, { time: Date.now() })];
    expect(expected).toContain(code);
  });

  it.each([
    [{ digits: 5 }, /digits must be a whole number from 6 to 10, not 5/],
    [{ digits: 11 }, /digits/],
    [{ digits: 6.5 }, /digits/],
    [{ period: 0 }, /period must be a whole number of seconds/],
    [{ period: 1.5 }, /period/],
    [{ algorithm: 'MD5' as TotpAlgorithm }, /algorithm must be one of SHA1, SHA256, SHA512, not MD5/],
  ])('rejects %j', (opts, message) => {
    expect(() => totp(SEEDS.SHA1, { time: 0, ...opts })).toThrow(message);
  });
});

describe('secondsLeft', () => {
  it('counts down from the period to 1 within each step', () => {
    expect(secondsLeft(0)).toBe(30);
    expect(secondsLeft(999)).toBe(30);
    expect(secondsLeft(1_000)).toBe(29);
    expect(secondsLeft(29_999)).toBe(1);
    expect(secondsLeft(30_000)).toBe(30);
    expect(secondsLeft(1111111109_000)).toBe(1);
    expect(secondsLeft(61_000, 60)).toBe(59);
  });
  it('rejects a bad period', () => {
    expect(() => secondsLeft(0, 0)).toThrow(/period/);
  });
});

describe('verifyTotp', () => {
  const secret = SEEDS.SHA1;
  const time = 1111111111_000; // step 0x23523ED
  const at = (steps: number) => totp(secret, { time: time + steps * 30_000 });

  it('accepts the current code and the neighbours inside the window', () => {
    expect(verifyTotp(secret, '050471', { time })).toBe(true);
    expect(verifyTotp(secret, at(-1), { time })).toBe(true);
    expect(verifyTotp(secret, at(1), { time })).toBe(true);
    expect(verifyTotp(secret, at(-2), { time })).toBe(false);
    expect(verifyTotp(secret, at(2), { time })).toBe(false);
    expect(verifyTotp(secret, at(2), { time, window: 2 })).toBe(true);
    expect(verifyTotp(secret, at(-1), { time, window: 0 })).toBe(false);
    expect(verifyTotp(secret, at(0), { time, window: 0 })).toBe(true);
  });

  it('honours algorithm, digits and period', () => {
    expect(verifyTotp(SEEDS.SHA256, '68084774', { time: 1111111109_000, algorithm: 'SHA256', digits: 8 })).toBe(true);
    expect(verifyTotp(SEEDS.SHA256, '68084774', { time: 1111111109_000, digits: 8 })).toBe(false);
    const code = totp(secret, { time, period: 60 });
    expect(verifyTotp(secret, code, { time: time + 60_000, period: 60 })).toBe(true);
  });

  it('tolerates spaces typed into the code, and rejects anything that is not the right digits', () => {
    expect(verifyTotp(secret, '050 471', { time })).toBe(true);
    expect(verifyTotp(secret, '50471', { time })).toBe(false);
    expect(verifyTotp(secret, '0504710', { time })).toBe(false);
    expect(verifyTotp(secret, '05047a', { time })).toBe(false);
    expect(verifyTotp(secret, '', { time })).toBe(false);
    expect(verifyTotp(secret, '٠٥٠٤٧١', { time })).toBe(false); // Arabic-Indic digits
  });

  it('does not look before step 0', () => {
    expect(verifyTotp(secret, hotp(secret, 0), { time: 0 })).toBe(true);
    expect(verifyTotp(secret, hotp(secret, 1), { time: 0 })).toBe(true);
  });

  it('rejects a bad window', () => {
    expect(() => verifyTotp(secret, '123456', { window: -1 })).toThrow(/window/);
  });
});

describe('formatSecretGroups', () => {
  it('splits into groups of four', () => {
    expect(formatSecretGroups('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(formatSecretGroups('JBSWY3DPEHPK3PX')).toBe('JBSW Y3DP EHPK 3PX');
    expect(formatSecretGroups('AB')).toBe('AB');
    expect(formatSecretGroups('')).toBe('');
    expect(formatSecretGroups(' JBSW Y3DP\nEHPK3PXP ')).toBe('JBSW Y3DP EHPK 3PXP');
  });
});
