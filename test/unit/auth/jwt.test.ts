import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt, describeExpiry } from '../../../src/auth/jwt.js';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

// The example token of RFC 7519 section 3.1, byte for byte (its header JSON has a CRLF).
const RFC7519_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('decodeJwt', () => {
  it('decodes the RFC 7519 example', () => {
    expect(decodeJwt(RFC7519_TOKEN)).toEqual({
      header: { typ: 'JWT', alg: 'HS256' },
      payload: { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true },
      signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    });
  });

  it('decodes a Cognito-shaped id token with UTF-8 claims, and tolerates surrounding whitespace', () => {
    const header = { kid: 'abc=', alg: 'RS256' };
    const payload = {
      sub: '8a3c1f9e-4b2d-4e6f-9a1b-2c3d4e5f6a7b',
      'cognito:groups': ['admins', 'ops'],
      name: 'Zoë 用户 🙂',
      token_use: 'id',
      exp: 1_800_000_000,
    };
    const unsigned = `${b64url(header)}.${b64url(payload)}`;
    const signature = createHmac('sha256', 'k').update(unsigned).digest('base64url');
    const decoded = decodeJwt(`  ${unsigned}.${signature}\n`);
    expect(decoded).toEqual({ header, payload, signature });
  });

  it('accepts an unsigned token (alg none) for decoding; verification is a separate step', () => {
    expect(decodeJwt(`${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`).signature).toBe('');
  });

  it.each([
    ['', /three dot-separated parts .* found 1/],
    ['abc', /found 1/],
    ['a.b', /found 2/],
    ['a.b.c.d', /found 4/],
    ['a.b.c.d.e', /encrypted token \(JWE\)/],
    [`Bearer ${RFC7519_TOKEN}`, /remove the "Bearer " prefix/],
    [`.${b64url({})}.sig`, /the header is empty/],
    [`${b64url({})}..sig`, /the payload is empty/],
    [`${b64url({ alg: 'HS256' }).slice(0, -2)}+/.${b64url({})}.sig`, /the header is not base64url/],
    [`${b64url({ alg: 'HS256' })}.abcde.sig`, /the payload is not base64url/],
    [`${b64url({})}.${b64url({})}.s!g`, /the signature is not base64url/],
    [`${b64url('not json')}.${b64url({})}.sig`, /the header is not JSON/],
    [`${b64url({})}.${b64url('{"a":')}.sig`, /the payload is not JSON/],
    [`${b64url([1, 2])}.${b64url({})}.sig`, /the header is not a JSON object/],
    [`${b64url({})}.${b64url('null')}.sig`, /the payload is not a JSON object/],
    [`${b64url({})}.${b64url('"text"')}.sig`, /the payload is not a JSON object/],
    [`${b64url({})}.${b64url('42')}.sig`, /the payload is not a JSON object/],
  ])('rejects %j', (token, message) => {
    expect(() => decodeJwt(token)).toThrow(message);
  });
});

describe('describeExpiry', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const exp = (offsetMs: number) => (now + offsetMs) / 1000;

  it.each([
    [42 * 60_000, 'expires in 42 min'],
    [-3 * 3_600_000, 'expired 3 h ago'],
    [500, 'expires in under 1 s'],
    [1_000, 'expires in 1 s'],
    [89_999, 'expires in 89 s'],
    [90_000, 'expires in 1 min'],
    [60 * 60_000, 'expires in 60 min'],
    [60 * 60_000 - 1_000, 'expires in 59 min'],
    [90 * 60_000, 'expires in 1 h'],
    [24 * 3_600_000, 'expires in 24 h'],
    [48 * 3_600_000, 'expires in 2 d'],
    [30 * 86_400_000, 'expires in 30 d'],
    [0, 'expired just now'],
    [-999, 'expired just now'],
    [-1_000, 'expired 1 s ago'],
    [-5 * 60_000, 'expired 5 min ago'],
    [-400 * 86_400_000, 'expired 400 d ago'],
  ])('%i ms from now → %s', (offset, text) => {
    expect(describeExpiry(exp(offset), now)).toBe(text);
  });

  it('rejects non-numbers', () => {
    expect(() => describeExpiry(Number.NaN, now)).toThrow(/finite/);
    expect(() => describeExpiry(1, Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});
