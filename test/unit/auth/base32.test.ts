import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../src/auth/base32.js';

// RFC 4648 section 10.
const RFC4648 = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
] as const;

describe('base32 (RFC 4648)', () => {
  it.each(RFC4648)('encodes %j as %j', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
  });

  it.each(RFC4648)('decodes %j from %j', (plain, encoded) => {
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('decodes the RFC 6238 seed as authenticator apps see it', () => {
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString()).toBe('12345678901234567890');
  });

  it('tolerates lower case, spaces, line breaks and missing padding', () => {
    expect(base32Decode('mzxw6ytboi').toString()).toBe('foobar');
    expect(base32Decode('MZXW 6YTB OI').toString()).toBe('foobar');
    expect(base32Decode(' mzxw\t6ytb\noi===== ').toString()).toBe('foobar');
    expect(base32Decode('MZXQ').toString()).toBe('fo');
  });

  it('round-trips random bytes of every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = randomBytes(n);
      const text = base32Encode(bytes);
      expect(text.length % 8).toBe(0);
      expect(base32Decode(text)).toEqual(bytes);
      expect(base32Decode(text.toLowerCase().replace(/=/g, ''))).toEqual(bytes);
    }
  });

  it.each([
    ['MZXW1YTB', /character "1" at position 5/],
    ['MZXW8YTB', /character "8" at position 5/],
    ['MZ-XW', /character "-" at position 3/],
    ['MZXW6YTBÖ', /character "Ö"/],
    ['ıııııııı', /character "ı" at position 1/],
    ['MZ=XW6YTB', /"=" padding before the end at position 3/],
    ['M', /1 characters cannot encode whole bytes/],
    ['MZX', /3 characters cannot encode whole bytes/],
    ['MZXW6Y', /6 characters cannot encode whole bytes/],
  ])('rejects %j', (text, message) => {
    expect(() => base32Decode(text)).toThrow(message);
  });
});
