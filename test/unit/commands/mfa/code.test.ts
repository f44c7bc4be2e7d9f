// mfa code: sources of the secret (flag, stdin, environment, prompt), the URI's parameters, and
// the output shapes. No AWS call is possible here: the strict mock fails any.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { strictIdpMock } from '../../../support/sdk-mock.js';
import { base32Decode } from '../../../../src/auth/base32.js';
import { totp, totpFromBase32 } from '../../../../src/auth/totp.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
// 12:00:10 UTC: 20 s left in a 30 s window, 50 s in a 60 s one.
const NOW = Date.UTC(2026, 0, 1, 12, 0, 10);
const at = (offsetMs = 0) => ({ time: NOW + offsetMs });

strictIdpMock();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('mfa code', () => {
  it('prints {code, secondsLeft, period} for a base32 secret (RFC 6238 defaults)', async () => {
    const result = await runCli(['mfa', 'code', '--secret', SECRET, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ code: totpFromBase32(SECRET, at()), secondsLeft: 20, period: 30 });
  });

  it("honours the URI's algorithm, digits and period", async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      const uri = `otpauth://totp/Acme:ann?secret=${secret}&issuer=Acme&algorithm=${algorithm}&digits=8&period=60`;
      const result = await runCli(['mfa', 'code', '--uri', uri, '-o', 'json']);
      expect(result.code, result.stderr).toBe(0);
      const expected = totp(base32Decode(secret), { algorithm, digits: 8, period: 60, time: NOW });
      expect(JSON.parse(result.stdout)).toEqual({ code: expected, secondsLeft: 50, period: 60 });
      expect(expected).toHaveLength(8);
    }
  });

  it('--next: the following window’s code, valid until that window ends', async () => {
    const result = await runCli(['mfa', 'code', '--secret', SECRET, '--next', '-o', 'json']);
    expect(JSON.parse(result.stdout)).toEqual({ code: totpFromBase32(SECRET, at(30_000)), secondsLeft: 50, period: 30 });
    expect(JSON.parse(result.stdout).code).not.toBe(totpFromBase32(SECRET, at()));
  });

  it('-o text prints the code alone on stdout (for $(…)) and the time left on stderr', async () => {
    const result = await runCli(['mfa', 'code', '--secret', SECRET, '-o', 'text']);
    expect(result.stdout).toBe(`${totpFromBase32(SECRET, at())}\n`);
    expect(result.stderr).toBe('valid for 20 s more (30-second windows)\n');
  });

  it('reads the secret or the URI from stdin with "-"', async () => {
    const bySecret = await runCli(['mfa', 'code', '--secret', '-', '-o', 'json'], { stdin: `${SECRET}\n` });
    expect(JSON.parse(bySecret.stdout).code).toBe(totpFromBase32(SECRET, at()));
    const byUri = await runCli(['mfa', 'code', '--uri', '-', '-o', 'json'], {
      stdin: `otpauth://totp/A:b?secret=${SECRET}&digits=7\n`,
    });
    expect(JSON.parse(byUri.stdout).code).toBe(totpFromBase32(SECRET, { ...at(), digits: 7 }));
    const empty = await runCli(['mfa', 'code', '--secret', '-'], { stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('error: --secret -: stdin was empty');
  });

  it('takes COGNITO_TOTP_SECRET, as a secret or an otpauth URI, spaces and lower case allowed', async () => {
    const plain = await runCli(['mfa', 'code', '-o', 'json'], { env: isolatedEnv({ COGNITO_TOTP_SECRET: 'jbsw y3dp ehpk 3pxp' }) });
    expect(JSON.parse(plain.stdout).code).toBe(totpFromBase32(SECRET, at()));
    const uri = await runCli(['mfa', 'code', '-o', 'json'], {
      env: isolatedEnv({ COGNITO_TOTP_SECRET: `otpauth://totp/A:b?secret=${SECRET}&period=60` }),
    });
    expect(JSON.parse(uri.stdout)).toMatchObject({ code: totpFromBase32(SECRET, { ...at(), period: 60 }), period: 60 });
  });

  it('asks for the secret (masked) on a terminal when none is given', async () => {
    const prompter = scriptedPrompter([SECRET]);
    const result = await runCli(['mfa', 'code', '-o', 'json'], { tty: true, prompter });
    expect(prompter.asked).toEqual(['TOTP secret (base32) or otpauth:// URI:']);
    expect(JSON.parse(result.stdout).code).toBe(totpFromBase32(SECRET, at()));
  });

  it('usage errors (exit 2): no secret without a terminal, both flags, bad base32, a bad URI', async () => {
    const none = await runCli(['mfa', 'code']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error: a TOTP secret is required: pass --secret <base32>, --uri <otpauth-uri> or COGNITO_TOTP_SECRET');

    const both = await runCli(['mfa', 'code', '--secret', SECRET, '--uri', `otpauth://totp/a?secret=${SECRET}`]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either --secret or --uri, not both');

    const bad = await runCli(['mfa', 'code', '--secret', 'JBSWY3DPEHPK3PX1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: --secret: not a base32 TOTP secret: invalid base32: character "1"/);
    expect(bad.stderr).not.toContain('JBSWY3DPEHPK3PX1');

    const sha = await runCli(['mfa', 'code', '--uri', `otpauth://totp/a?secret=${SECRET}&algorithm=MD5`]);
    expect(sha.code).toBe(2);
    expect(sha.stderr).toContain('unsupported algorithm "MD5"');

    const hotp = await runCli(['mfa', 'code', '--uri', `otpauth://hotp/a?secret=${SECRET}&counter=1`]);
    expect(hotp.code).toBe(2);
    expect(hotp.stderr).toContain('only TOTP');
  });
});
