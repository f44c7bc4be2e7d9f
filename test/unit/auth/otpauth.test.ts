import { describe, expect, it } from 'vitest';
import { buildOtpauthUri, parseOtpauthUri } from '../../../src/auth/otpauth.js';
import { totpFromBase32 } from '../../../src/auth/totp.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('buildOtpauthUri', () => {
  it('percent-encodes issuer and account, keeping the separating colon literal', () => {
    expect(buildOtpauthUri({ issuer: 'Acme Co', account: 'alice@example.com', secret: SECRET })).toBe(
      `otpauth://totp/Acme%20Co:alice%40example.com?secret=${SECRET}&issuer=Acme%20Co`,
    );
  });

  it('encodes colons, ampersands and non-ASCII inside the parts', () => {
    const uri = buildOtpauthUri({ issuer: 'A:B & Söhne', account: 'zoë+1@x.io', secret: SECRET });
    expect(uri).toBe(
      `otpauth://totp/A%3AB%20%26%20S%C3%B6hne:zo%C3%AB%2B1%40x.io?secret=${SECRET}&issuer=A%3AB%20%26%20S%C3%B6hne`,
    );
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'A:B & Söhne', account: 'zoë+1@x.io' });
  });

  it('normalises the secret and adds algorithm, digits and period only when given', () => {
    expect(buildOtpauthUri({ issuer: 'Acme', account: 'bob', secret: 'jbsw y3dp ehpk 3pxp====' })).toBe(
      'otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
    );
    expect(
      buildOtpauthUri({ issuer: 'Acme', account: 'bob', secret: SECRET, algorithm: 'SHA256', digits: 8, period: 60 }),
    ).toBe(`otpauth://totp/Acme:bob?secret=${SECRET}&issuer=Acme&algorithm=SHA256&digits=8&period=60`);
  });

  it('leaves the issuer out when it is empty', () => {
    expect(buildOtpauthUri({ issuer: '', account: 'bob', secret: SECRET })).toBe(`otpauth://totp/bob?secret=${SECRET}`);
  });

  it.each([
    [{ secret: 'not base32!' }, /secret is not valid base32/],
    [{ secret: '  ' }, /secret is empty/],
    [{ account: '' }, /account name is empty/],
    [{ digits: 4 }, /digits must be a whole number/],
    [{ period: 0 }, /period must be/],
  ])('rejects %j', (override, message) => {
    expect(() => buildOtpauthUri({ issuer: 'Acme', account: 'bob', secret: SECRET, ...override })).toThrow(message);
  });
});

describe('parseOtpauthUri', () => {
  it('round-trips what buildOtpauthUri writes', () => {
    const params = { issuer: 'Acme Co', account: 'alice@example.com', secret: SECRET, algorithm: 'SHA512', digits: 8, period: 45 } as const;
    expect(parseOtpauthUri(buildOtpauthUri(params))).toEqual({ type: 'totp', ...params });
  });

  it('fills in the RFC defaults', () => {
    expect(parseOtpauthUri(`otpauth://totp/Acme%20Co:alice%40example.com?secret=${SECRET}&issuer=Acme%20Co`)).toEqual({
      type: 'totp',
      issuer: 'Acme Co',
      account: 'alice@example.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('reads the hand-written forms apps accept', () => {
    // Google's Key Uri Format example; raw spaces, %3A separator, a space after the colon,
    // lower-case parameters and padding, "+" for space in the query.
    expect(parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example')).toMatchObject({
      issuer: 'Example',
      account: 'alice@google.com',
      secret: 'JBSWY3DPEHPK3PXP',
    });
    expect(parseOtpauthUri('OTPAUTH://TOTP/Acme%3Abob?secret=jbswy3dpehpk3pxp%3D%3D%3D%3D&algorithm=sha256')).toMatchObject({
      issuer: 'Acme',
      account: 'bob',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA256',
    });
    expect(parseOtpauthUri('otpauth://totp/Acme%20Co:%20%20bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme+Co')).toMatchObject({
      issuer: 'Acme Co',
      account: 'bob',
    });
  });

  it('takes the issuer from the label when the parameter is missing, and allows none', () => {
    expect(parseOtpauthUri(`otpauth://totp/Acme:bob?secret=${SECRET}`).issuer).toBe('Acme');
    expect(parseOtpauthUri(`otpauth://totp/bob?secret=${SECRET}`)).toMatchObject({ issuer: undefined, account: 'bob' });
  });

  it('gives codes that match the secret', () => {
    const parsed = parseOtpauthUri(`otpauth://totp/Acme:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8`);
    expect(totpFromBase32(parsed.secret, { time: 59_000, digits: parsed.digits, period: parsed.period })).toBe('94287082');
  });

  it.each([
    ['https://example.com/totp?secret=ABC', /not an otpauth URI: it starts with https:\/\//],
    ['JBSWY3DPEHPK3PXP', /not an otpauth URI/],
    ['', /not an otpauth URI/],
    ['otpauth://hotp/Acme:bob?secret=JBSWY3DPEHPK3PXP&counter=1', /HOTP .*only TOTP/],
    ['otpauth://motp/Acme:bob?secret=JBSWY3DPEHPK3PXP', /unknown type "motp"/],
    ['otpauth://totp/Acme:bob', /no secret parameter/],
    ['otpauth://totp/Acme:bob?secret=', /no secret parameter/],
    ['otpauth://totp/Acme:bob?secret=JBSW1', /secret is not valid base32/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', /unsupported algorithm "MD5"/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&digits=five', /digits must be a whole number from 6 to 10, not "five"/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&digits=4', /digits/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&digits=', /digits/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&period=0', /period must be a whole number of seconds/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&period=-30', /period/],
    ['otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&period=1e3', /period/],
    ['otpauth://totp/Acme%E0:bob?secret=JBSWY3DPEHPK3PXP', /bad percent-encoding/],
  ])('rejects %s', (uri, message) => {
    expect(() => parseOtpauthUri(uri)).toThrow(message);
  });
});
