import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../../src/auth/secret-hash.js';

/** HMAC-SHA256 built from SHA-256 by the RFC 2104 construction, independent of createHmac. */
function handHmacSha256(key: Buffer, message: Buffer): Buffer {
  const block = 64;
  let k = key.length > block ? createHash('sha256').update(key).digest() : key;
  k = Buffer.concat([k, Buffer.alloc(block - k.length)]);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  const inner = createHash('sha256').update(ipad).update(message).digest();
  return createHash('sha256').update(opad).update(inner).digest();
}

const clientId = '4fq2d1hcpv7s3fm0ah31b2bs1u';
const clientSecret = 'kq9ksj2tq7vk4m1s0o1ad6oa8ilq3ot6u6n8h1h0b1k7d9s2t3l';

describe('secretHash', () => {
  it('matches values computed with `openssl dgst -sha256 -hmac`', () => {
    // printf '%s' "$username$clientId" | openssl dgst -sha256 -hmac "$clientSecret" -binary | base64
    expect(secretHash('alice@example.com', clientId, clientSecret)).toBe('2R3KShOrsVBy15P42QvzTwVep1yWemlNUW0JVlN22cQ=');
    expect(secretHash('8a3c1f9e-4b2d-4e6f-9a1b-2c3d4e5f6a7b', clientId, clientSecret)).toBe(
      'AiN70pTMZHG4clzkdm1mmENSkJY1PnepMTAe6x2bCkA=',
    );
  });

  it('matches a hand-built HMAC for UTF-8 usernames and long secrets', () => {
    const cases = [
      ['zoë', clientId, clientSecret],
      ['用户🙂', 'abc', 'short'],
      ['bob', clientId, 'x'.repeat(200)], // longer than the block: the key is hashed first
      ['', clientId, clientSecret],
    ] as const;
    for (const [user, id, secret] of cases) {
      const expected = handHmacSha256(Buffer.from(secret), Buffer.from(user + id)).toString('base64');
      expect(secretHash(user, id, secret)).toBe(expected);
    }
  });

  it('depends on which username is hashed (alias vs internal id)', () => {
    expect(secretHash('alice@example.com', clientId, clientSecret)).not.toBe(
      secretHash('8a3c1f9e-4b2d-4e6f-9a1b-2c3d4e5f6a7b', clientId, clientSecret),
    );
  });
});
