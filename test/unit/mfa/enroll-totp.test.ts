// enrollTotp against a strict SDK mock: both targets (access token, MFA_SETUP session), the
// prompt with retries, the JSON/stdin handshake, self-verify, issuer choice, and the QR drawing.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { PassThrough, Writable } from 'node:stream';
import {
  AssociateSoftwareTokenCommand,
  DescribeUserPoolCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Context } from '../../../src/context.js';
import { ProfileStore } from '../../../src/config/profiles.js';
import { enrollTotp, renderQr, resolveIssuer } from '../../../src/mfa/enroll-totp.js';
import { buildOtpauthUri } from '../../../src/auth/otpauth.js';
import { totpFromBase32 } from '../../../src/auth/totp.js';
import { scrub } from '../../../src/aws/redact.js';
import { CliError } from '../../../src/errors.js';
import type { GlobalFlags } from '../../../src/config/settings.js';
import { isolatedEnv, scriptedPrompter } from '../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../support/sdk-mock.js';
import { qrFromHalfBlocks, stripAnsi } from '../../support/pty.js';

const POOL = 'eu-west-1_Enrol1';
// What AssociateSoftwareToken returns: 32 random bytes as 52 base32 characters.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 10);
const CODE = totpFromBase32(SECRET, { time: NOW });
const WRONG = String((Number(CODE) + 1) % 1_000_000).padStart(6, '0');

const mock = useStrictIdpMock();

class Sink extends Writable {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 80,
    readonly rows = 24,
  ) {
    super();
  }
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

interface Setup {
  flags?: GlobalFlags;
  env?: Record<string, string | undefined>;
  prompter?: ReturnType<typeof scriptedPrompter>;
  tty?: boolean;
  stdin?: PassThrough & { isTTY?: boolean };
}

function setup(s: Setup = {}) {
  const stdout = new Sink(s.tty);
  const stderr = new Sink(s.tty);
  const stdin = s.stdin ?? new PassThrough();
  if (!s.stdin) stdin.end();
  const ctx = new Context(s.flags ?? { output: 'table', pool: POOL }, {
    env: s.env ?? isolatedEnv(),
    streams: { stdin, stdout, stderr },
    prompter: s.prompter,
    now: () => NOW,
  });
  return { ctx, stdout, stderr };
}

function stubAccessTokenEnrolment() {
  mock.on(AssociateSoftwareTokenCommand, { AccessToken: 'access-token' }).resolves({ SecretCode: SECRET });
  mock.on(DescribeUserPoolCommand, { UserPoolId: POOL }).resolves({ UserPool: { Id: POOL, Name: 'Acme Shop' } });
  mock.on(VerifySoftwareTokenCommand).callsFake((input) => {
    if (input.UserCode !== CODE) throw awsError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
    return { Status: 'SUCCESS' };
  });
  mock.on(SetUserMFAPreferenceCommand).resolves({});
}

const expectedUri = (issuer = 'Acme Shop', account = 'ann') => buildOtpauthUri({ issuer, account, secret: SECRET });

/** The matrix qrcode-terminal's own QR encoder makes for a text, to compare with what was drawn. */
function expectedModules(text: string): boolean[][] {
  const require = createRequire(import.meta.url);
  const QRCode = require('qrcode-terminal/vendor/QRCode');
  const { L } = require('qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel');
  const qr = new QRCode(-1, L);
  qr.addData(text);
  qr.make();
  return qr.modules;
}

describe('enrollTotp with an access token (mfa enroll)', () => {
  it('associates, draws the QR and key on stderr, asks for the code, verifies, and prefers TOTP', async () => {
    stubAccessTokenEnrolment();
    const prompter = scriptedPrompter([CODE]);
    const { ctx, stdout, stderr } = setup({ prompter, tty: true });

    const result = await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, { deviceName: 'Pixel 8' });

    expect(result).toEqual({});
    expect(stdout.text).toBe('');
    expect(prompter.asked).toEqual(['Code from the app:']);
    expect(mock.commandCalls(VerifySoftwareTokenCommand)[0]!.args[0].input).toEqual({
      AccessToken: 'access-token',
      UserCode: CODE,
      FriendlyDeviceName: 'Pixel 8',
    });
    expect(mock.commandCalls(SetUserMFAPreferenceCommand)[0]!.args[0].input).toEqual({
      AccessToken: 'access-token',
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });

    // The drawing is the QR code of the otpauth URI, module for module.
    const qr = qrFromHalfBlocks(stderr.text);
    expect(qr).toBeDefined();
    expect(qr!.modules).toEqual(expectedModules(expectedUri()));
    // Key in groups of four beside it; everything fits an 80×24 terminal with the prompt below.
    const screen = stripAnsi(stderr.text).split('\n').filter(Boolean);
    expect(screen.join('\n')).toContain('GEZD GNBV GY3T QOJQ');
    expect(screen.join('\n')).toContain('issuer:  Acme Shop');
    expect(Math.max(...screen.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(screen.length + 1).toBeLessThanOrEqual(24);
    expect(screen.at(-1)).toBe('✓ TOTP MFA enabled and preferred for ann (device "Pixel 8")');
    // White on black, so a light terminal theme does not invert the code.
    expect(stderr.text).toContain('\u001b[97;40m');
  });

  it('says so on a wrong code and asks again, then accepts the right one', async () => {
    stubAccessTokenEnrolment();
    const prompter = scriptedPrompter([WRONG, CODE]);
    const { ctx, stderr } = setup({ prompter, tty: true });
    await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {});
    expect(prompter.asked).toEqual(['Code from the app:', 'Code from the app (try again):']);
    expect(stripAnsi(stderr.text)).toContain('✗ that code was not accepted: enter the code the app shows now for ann (try 2 of 3)');
    expect(mock.commandCalls(VerifySoftwareTokenCommand)).toHaveLength(2);
    expect(mock.commandCalls(SetUserMFAPreferenceCommand)).toHaveLength(1);
  });

  it('gives up after three wrong codes without enabling anything', async () => {
    stubAccessTokenEnrolment();
    const prompter = scriptedPrompter([WRONG, WRONG, WRONG]);
    const { ctx } = setup({ prompter, tty: true });
    const error = await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {}).catch((e) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe('that code was not accepted; gave up after 3 tries');
    expect(error.code).toBe('EnableSoftwareTokenMFAException');
    expect(mock.commandCalls(SetUserMFAPreferenceCommand)).toHaveLength(0);
  });

  it('stacks the code and the key when the terminal is too narrow to put them side by side', async () => {
    stubAccessTokenEnrolment();
    const { ctx, stderr } = setup({ prompter: scriptedPrompter([CODE]), flags: { output: 'table', pool: POOL, color: false } });
    await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {});
    expect(stderr.text).not.toContain('\u001b[');
    expect(stderr.text).toContain(`Scan it with an authenticator app, or type the key: ${SECRET.match(/.{1,4}/g)!.join(' ')}\n`);
    expect(qrFromHalfBlocks(stderr.text)!.modules).toEqual(expectedModules(expectedUri()));
  });

  it('registers the secret and codes so that no log line or error shows them', async () => {
    stubAccessTokenEnrolment();
    const { ctx } = setup({ prompter: scriptedPrompter([CODE]), tty: true });
    await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {});
    expect(scrub(`secret ${SECRET} code ${CODE}`)).toBe('secret **** code ****');
  });
});

describe('enrollTotp during sign-in (MFA_SETUP)', () => {
  it('works on the challenge Session, returns the new one, and leaves preferences to the challenge', async () => {
    mock.on(AssociateSoftwareTokenCommand, { Session: 'setup-1' }).resolves({ SecretCode: SECRET, Session: 'setup-2' });
    mock.on(VerifySoftwareTokenCommand).callsFake((input) => {
      expect(input.Session).toBe('setup-2');
      if (input.UserCode !== CODE) throw awsError('CodeMismatchException', 'Invalid code received for user');
      return { Status: 'SUCCESS', Session: 'setup-3' };
    });
    const seen: string[] = [];
    const prompter = scriptedPrompter([WRONG, CODE]);
    // No pool is known during sign-in (only the app client): no DescribeUserPool, issuer "Cognito".
    const { ctx, stderr } = setup({ prompter, tty: true, flags: { output: 'table' } });
    const result = await enrollTotp(ctx, { username: 'carol', session: 'setup-1' }, { totpSecretOut: (s) => seen.push(s) });
    expect(result).toEqual({ session: 'setup-3' });
    expect(seen).toEqual([SECRET]);
    expect(qrFromHalfBlocks(stderr.text)!.modules).toEqual(expectedModules(expectedUri('Cognito', 'carol')));
    expect(stripAnsi(stderr.text)).toContain('✓ TOTP MFA verified for carol');
  });
});

describe('enrollTotp for scripts', () => {
  it('-o json: prints {"secret","uri"} as one line on stdout before it reads the code from stdin', async () => {
    stubAccessTokenEnrolment();
    const stdin = new PassThrough();
    const { ctx, stdout, stderr } = setup({ stdin, flags: { output: 'json', pool: POOL } });
    const enrolled = enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {});
    // Nothing can be answered before the secret is out: wait for the line, then answer.
    await vitestWaitFor(() => stdout.text.endsWith('\n'));
    expect(JSON.parse(stdout.text)).toEqual({ secret: SECRET, uri: expectedUri() });
    expect(mock.commandCalls(VerifySoftwareTokenCommand)).toHaveLength(0);
    stdin.write(`${WRONG}\n`);
    await vitestWaitFor(() => stderr.text.includes('not accepted'));
    stdin.end(`${CODE}\n`);
    await enrolled;
    expect(stdout.text.split('\n')).toHaveLength(2); // one line and its newline: nothing else on stdout
    expect(qrFromHalfBlocks(stderr.text)).toBeUndefined();
    expect(stderr.text).toContain('TOTP MFA enabled and preferred for ann');
  });

  it('-o json: a stdin that ends before a code is a usage error naming the ways out', async () => {
    stubAccessTokenEnrolment();
    const { ctx } = setup({ flags: { output: 'json', pool: POOL } });
    const error = await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {}).catch((e) => e);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toContain('--self-verify');
  });

  it('no terminal and table output: reads the code from stdin too, and counts a malformed one as a try', async () => {
    stubAccessTokenEnrolment();
    const stdin = new PassThrough();
    stdin.end(`12 34\nabcdef\n${CODE}\n`);
    const { ctx, stderr } = setup({ stdin });
    await enrollTotp(ctx, { username: 'ann', accessToken: 'access-token' }, {});
    expect(stderr.text).toContain('✗ a code is 6 digits');
    expect(mock.commandCalls(VerifySoftwareTokenCommand).map((c) => c.args[0].input.UserCode)).toEqual([CODE]);
  });

  it('--self-verify -o json: computes the first code itself, prints the secret once on stdout, reads nothing', async () => {
    stubAccessTokenEnrolment();
    const stdin = new PassThrough(); // never ended: reading it would hang the test
    const { ctx, stdout, stderr } = setup({ stdin, flags: { output: 'json', pool: POOL } });
    await enrollTotp(ctx, { username: 'svc', accessToken: 'access-token' }, { selfVerify: true });
    expect(JSON.parse(stdout.text)).toEqual({ secret: SECRET, uri: expectedUri('Acme Shop', 'svc') });
    expect(mock.commandCalls(VerifySoftwareTokenCommand)[0]!.args[0].input.UserCode).toBe(CODE);
    // The code is spent: the note says how to sign in now without waiting.
    expect(stderr.text).toContain('`cognito-admin mfa code --next`) or wait 20 s');
    expect(stderr.text).not.toContain(SECRET);
  });

  it('--self-verify in table output: the secret once on stderr, no QR, nothing on stdout', async () => {
    stubAccessTokenEnrolment();
    const { ctx, stdout, stderr } = setup({ tty: true });
    await enrollTotp(ctx, { username: 'svc', accessToken: 'access-token' }, { selfVerify: true });
    expect(stdout.text).toBe('');
    expect(stderr.text.split(SECRET)).toHaveLength(2);
    expect(qrFromHalfBlocks(stderr.text)).toBeUndefined();
  });

  it('--self-verify: a refused computed code points at the clock', async () => {
    mock.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: SECRET });
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Name: 'p' } });
    mock.on(VerifySoftwareTokenCommand).rejects(awsError('EnableSoftwareTokenMFAException'));
    const { ctx } = setup({ flags: { output: 'json', pool: POOL } });
    const error = await enrollTotp(ctx, { username: 'svc', accessToken: 'access-token' }, { selfVerify: true }).catch((e) => e);
    expect(error.exitCode).toBe(1);
    expect(error.hint).toMatch(/clock/);
  });
});

describe('the issuer in the otpauth URI', () => {
  it('is --issuer, else the profile, else the pool name, else "Cognito"', async () => {
    const env = isolatedEnv();
    const { ctx } = setup({ env });
    expect(await resolveIssuer(ctx, ' Given ')).toBe('Given');

    new ProfileStore(env.COGNITO_ADMIN_CONFIG!).update('shop', { issuer: 'Shop Profile', userPoolId: POOL });
    const withProfile = setup({ env, flags: { output: 'table', profile: 'shop' } }).ctx;
    expect(await resolveIssuer(withProfile)).toBe('Shop Profile');

    mock.on(DescribeUserPoolCommand, { UserPoolId: POOL }).resolvesOnce({ UserPool: { Name: 'Acme Shop' } });
    expect(await resolveIssuer(setup().ctx)).toBe('Acme Shop');

    mock.on(DescribeUserPoolCommand).rejects(awsError('AccessDeniedException'));
    expect(await resolveIssuer(setup().ctx)).toBe('Cognito');
    expect(await resolveIssuer(setup({ flags: { output: 'table' } }).ctx)).toBe('Cognito');
  });
});

describe('renderQr', () => {
  it('draws a Cognito otpauth URI in half blocks that fit 80×24', () => {
    const uri = buildOtpauthUri({ issuer: 'Acme Shop', account: 'ann@example.com', secret: SECRET });
    const qr = renderQr(uri, { color: false });
    expect(qr.lines.join('')).toMatch(/^[▀▄█ ]+$/);
    expect(qr.width).toBeLessThanOrEqual(80);
    expect(qr.lines.length).toBeLessThanOrEqual(23);
    expect(qrFromHalfBlocks(qr.lines.join('\n'))!.modules).toEqual(expectedModules(uri));
  });
});

async function vitestWaitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
