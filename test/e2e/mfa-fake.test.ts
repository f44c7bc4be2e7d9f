// TOTP enrolment end to end against the fake Cognito server, which checks codes as real TOTP and
// refuses a code used once: the built binary with the JSON/stdin handshake, --self-verify, the
// interactive prompt in a real pseudo-terminal (QR decoded back), enrolment inside MFA_SETUP, and
// the later sign-ins that meet SOFTWARE_TOKEN_MFA.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { base32Encode, startFakeCognito, type FakeCognito } from '../support/fake-cognito/index.js';
import { BIN, runBin } from '../support/e2e.js';
import { spawnBin } from '../support/background-bin.js';
import { isolatedEnv } from '../support/cli.js';
import { ptyAvailable, qrFromHalfBlocks, spawnPty, stripAnsi } from '../support/pty.js';
import { Context } from '../../src/context.js';
import { saveSession } from '../../src/commands/auth/active-session.js';
import { enrollTotp } from '../../src/mfa/enroll-totp.js';
import { buildOtpauthUri, parseOtpauthUri } from '../../src/auth/otpauth.js';
import { timeStep, totpFromBase32 } from '../../src/auth/totp.js';
import { moduleTrace } from '../support/module-trace.js';

const PASSWORD = 'Correct-horse-1';
let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = await startFakeCognito({ region: 'eu-west-1' });
  sdk = new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret-key-for-emulators-only' },
  });
});
afterAll(async () => {
  sdk?.destroy();
  await server?.close();
});

/** A pool named "Acme Shop" with an app client that allows SRP and USER_PASSWORD_AUTH, and one user. */
function poolWithUser(username: string, mfa: 'OPTIONAL' | 'ON' = 'OPTIONAL') {
  const pool = server.createPool({ name: 'Acme Shop', mfa });
  const { clientId } = server.createClient(pool.id, {
    flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  server.addUser(pool.id, { username, password: PASSWORD });
  return { poolId: pool.id, clientId };
}

function passwordSignIn(clientId: string, username: string) {
  return sdk.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD } }),
  );
}

function quietContext(env: Record<string, string | undefined>, stdin = new PassThrough().end()) {
  const streams = { stdin, stdout: new PassThrough(), stderr: new PassThrough() };
  return new Context({}, { env, streams });
}

/** Signs in with the SDK (as `auth login` would) and saves the session file the CLI reads. */
async function signedInEnv(poolId: string, clientId: string, username: string) {
  const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url, AWS_REGION: 'eu-west-1' });
  const signIn = await passwordSignIn(clientId, username);
  expect(signIn.AuthenticationResult?.AccessToken).toBeDefined();
  saveSession(quietContext(env), { username, poolId, clientId, result: signIn.AuthenticationResult! });
  return env;
}

/** A later sign-in with password and TOTP code: SOFTWARE_TOKEN_MFA must be asked and accept `code`. */
async function signInWithTotp(clientId: string, username: string, code: string): Promise<AuthenticationResultType> {
  const first = await passwordSignIn(clientId, username);
  expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const answer = await sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: first.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
    }),
  );
  expect(answer.AuthenticationResult?.AccessToken).toBeDefined();
  return answer.AuthenticationResult!;
}

/** `mfa code --next` through the binary: the code a sign-in can use right after enrolment. */
async function nextCode(env: Record<string, string | undefined>, uri: string): Promise<string> {
  const result = await runBin(['mfa', 'code', '--uri', '-', '--next', '-o', 'json'], { env, stdin: `${uri}\n` });
  expect(result.code, result.stderr).toBe(0);
  const { code, secondsLeft, period } = JSON.parse(result.stdout);
  expect(period).toBe(30);
  expect(secondsLeft).toBeGreaterThan(30);
  return code;
}

function expectEnrolled(poolId: string, username: string, deviceName?: string) {
  const user = server.user(poolId, username)!;
  expect(user.mfa.totpSecret).toBeDefined();
  expect(user.mfa.totpEnabled).toBe(true);
  expect(user.mfa.preferred).toBe('SOFTWARE_TOKEN_MFA');
  if (deviceName) expect(user.mfa.totpDeviceName).toBe(deviceName);
}

describe('mfa enroll, the built binary against the fake server', () => {
  it('-o json: {"secret","uri"} on stdout, a wrong code then the right one on stdin; TOTP enabled and preferred', async () => {
    const { poolId, clientId } = poolWithUser('ann');
    const env = await signedInEnv(poolId, clientId, 'ann');

    const run = spawnBin(['mfa', 'enroll', 'ann', '-o', 'json', '--device-name', "Ann's phone"], env);
    const { secret, uri } = JSON.parse(await run.firstStdoutLine());
    // Nothing is verified before the script has answered.
    expect(server.callsTo('VerifySoftwareToken')).toHaveLength(0);
    expect(uri).toBe(buildOtpauthUri({ issuer: 'Acme Shop', account: 'ann', secret }));
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'Acme Shop', account: 'ann', secret });

    const now = Date.now();
    const code = totpFromBase32(secret, { time: now });
    // A code one step further than the server accepts: certainly wrong.
    const wrong = totpFromBase32(secret, { time: now + 5 * 30_000 });
    run.write(wrong);
    await run.stderrIncludes('not accepted');
    run.end(code);
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);

    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`✓ TOTP MFA enabled and preferred for ann (device "Ann's phone")`);
    expectEnrolled(poolId, 'ann', "Ann's phone");

    // A later sign-in meets SOFTWARE_TOKEN_MFA. The code used to enrol is spent; the next one works.
    const spent = totpFromBase32(secret, { time: timeStep(now) * 30_000 });
    await expect(signInWithTotp(clientId, 'ann', spent)).rejects.toThrow(/already been used|Invalid code/);
    await signInWithTotp(clientId, 'ann', await nextCode(env, uri));
  });

  it('--self-verify -o json: enrols with no input; a sign-in right after works with `mfa code --next`', async () => {
    const { poolId, clientId } = poolWithUser('ci-bot');
    const env = await signedInEnv(poolId, clientId, 'ci-bot');
    const result = await runBin(['mfa', 'enroll', '--self-verify', '-o', 'json', '--issuer', 'CI'], { env });
    expect(result.code, result.stderr).toBe(0);
    const { secret, uri } = JSON.parse(result.stdout);
    expect(uri).toBe(buildOtpauthUri({ issuer: 'CI', account: 'ci-bot', secret }));
    expect(result.stderr).toContain('mfa code --next');
    expectEnrolled(poolId, 'ci-bot');

    // The CLI's own sign-in, with the code `mfa code --next` gives: no wait for a new window.
    const code = await runBin(['mfa', 'code', '--next', '-o', 'text'], { env: { ...env, COGNITO_TOTP_SECRET: secret } });
    expect(code.stdout).toMatch(/^\d{6}\n$/);
    const login = await runBin(['auth', 'login', 'ci-bot', '--flow', 'password', '--mfa-code', code.stdout.trim(), '-o', 'json'], {
      env: { ...env, COGNITO_PASSWORD: PASSWORD, COGNITO_USER_POOL_ID: poolId, COGNITO_CLIENT_ID: clientId },
    });
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout).AccessToken).toBeDefined();
    expect(server.callsTo('RespondToAuthChallenge').at(-1)!.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('with no saved session and COGNITO_PASSWORD, signs in first (SRP), saves the session, then enrols', async () => {
    const { poolId, clientId } = poolWithUser('frank');
    const env = isolatedEnv({
      AWS_ENDPOINT_URL: server.url,
      COGNITO_USER_POOL_ID: poolId,
      COGNITO_CLIENT_ID: clientId,
      COGNITO_PASSWORD: PASSWORD,
    });
    const result = await runBin(['mfa', 'enroll', 'frank', '--self-verify', '-o', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('No saved session for frank: signing in first');
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['secret', 'uri']);
    expectEnrolled(poolId, 'frank');
    // The session is saved: the next command needs no password.
    const status = await runBin(['mfa', 'enroll', '--self-verify', '-o', 'json'], { env: { ...env, COGNITO_PASSWORD: undefined } });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).not.toContain('signing in first');
  });

  it("with no saved session in a pool that requires MFA, the sign-in's MFA_SETUP is the enrolment (once)", async () => {
    const { poolId, clientId } = poolWithUser('gina', 'ON');
    const env = isolatedEnv({
      AWS_ENDPOINT_URL: server.url,
      COGNITO_USER_POOL_ID: poolId,
      COGNITO_CLIENT_ID: clientId,
      COGNITO_PASSWORD: PASSWORD,
    });
    const before = server.callsTo('AssociateSoftwareToken').length;
    const result = await runBin(['mfa', 'enroll', 'gina', '--self-verify', '-o', 'json', '--device-name', 'ci'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.callsTo('AssociateSoftwareToken').length - before).toBe(1);
    expect(server.callsTo('AssociateSoftwareToken').at(-1)!.body.Session).toBeDefined();
    expect(result.stderr).toContain("TOTP was set up during the sign-in and is now gina's preferred MFA");
    expectEnrolled(poolId, 'gina', 'ci');
  });

  it('--debug logs every request with the TOTP secret and codes masked', async () => {
    const { poolId, clientId } = poolWithUser('ida');
    const env = await signedInEnv(poolId, clientId, 'ida');
    const result = await runBin(['mfa', 'enroll', '--self-verify', '-o', 'json', '--debug'], { env });
    expect(result.code, result.stderr).toBe(0);
    const { secret } = JSON.parse(result.stdout);
    const code = server.callsTo('VerifySoftwareToken').at(-1)!.body.UserCode as string;
    expect(result.stderr).toMatch(/AssociateSoftwareToken/);
    expect(result.stderr).toMatch(/VerifySoftwareToken/);
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).not.toContain(code);
  });

  it('--self-verify in table output prints the secret once on stderr and nothing on stdout', async () => {
    const { poolId, clientId } = poolWithUser('svc');
    const env = await signedInEnv(poolId, clientId, 'svc');
    const result = await runBin(['mfa', 'enroll', 'svc', '--self-verify', '-o', 'table'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const secret = /TOTP secret of svc \(shown once, keep it safe\): ([A-Z2-7]+)/.exec(result.stderr)![1]!;
    expect(result.stderr.split(secret)).toHaveLength(2);
    expectEnrolled(poolId, 'svc');
  });

  it('without a saved session says to sign in first (exit 4)', async () => {
    const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url });
    const result = await runBin(['mfa', 'enroll', 'nobody', '-o', 'json'], { env });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: mfa enroll acts as a signed-in user, and there is no saved session for nobody');
    expect(result.stderr).toContain('hint: sign in first with `cognito-admin auth login nobody`');
  });

  it('mfa status and mfa disable read and change the server state', async () => {
    const { poolId, clientId } = poolWithUser('dan');
    const env = await signedInEnv(poolId, clientId, 'dan');
    expect((await runBin(['mfa', 'enroll', '--self-verify'], { env })).code).toBe(0);

    const status = await runBin(['mfa', 'status', 'dan', '--pool', poolId, '-o', 'json'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({
      username: 'dan',
      methods: ['SOFTWARE_TOKEN_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
      mfaOptions: [],
    });

    const refused = await runBin(['mfa', 'disable', 'dan', '--pool', poolId], { env });
    expect(refused.code).toBe(2);
    expect(server.user(poolId, 'dan')!.mfa.totpEnabled).toBe(true);

    const disabled = await runBin(['mfa', 'disable', 'dan', '--pool', poolId, '--yes', '-o', 'json'], { env });
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(JSON.parse(disabled.stdout)).toEqual({ username: 'dan', disabled: ['SOFTWARE_TOKEN_MFA'] });
    expect(server.user(poolId, 'dan')!.mfa.totpEnabled).toBe(false);
    expect(server.user(poolId, 'dan')!.mfa.preferred).toBeUndefined();
    // With MFA off, the pool (MFA optional) signs dan in on the password alone.
    expect((await passwordSignIn(clientId, 'dan')).AuthenticationResult?.AccessToken).toBeDefined();
  });
});

describe('enrolment inside sign-in (MFA_SETUP), on the challenge Session', () => {
  it('a pool that requires MFA: MFA_SETUP, enrolTotp with a wrong then a right code, then the tokens; later SOFTWARE_TOKEN_MFA', async () => {
    const { poolId, clientId } = poolWithUser('carol', 'ON');
    const first = await passwordSignIn(clientId, 'carol');
    expect(first.ChallengeName).toBe('MFA_SETUP');

    // The challenge loop's side: an enrolment on the Session, answered on stdin as a script would.
    const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url, COGNITO_CLIENT_ID: clientId });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const ctx = new Context({ output: 'json' }, { env, streams: { stdin, stdout, stderr } });
    let secret = '';
    const enrolled = enrollTotp(ctx, { username: 'carol', session: first.Session }, { totpSecretOut: (s) => (secret = s) });
    await vi.waitFor(() => expect(out).toContain('\n'), { interval: 5 });
    expect(JSON.parse(out).secret).toBe(secret);
    stdin.write(`${totpFromBase32(secret, { time: Date.now() + 5 * 30_000 })}\n`);
    stdin.end(`${totpFromBase32(secret)}\n`);
    const { session } = await enrolled;
    expect(session).toBeDefined();
    expect(session).not.toBe(first.Session);
    // Cognito's issuer is unknown here (no pool, no profile): the URI says "Cognito".
    expect(JSON.parse(out).uri).toBe(buildOtpauthUri({ issuer: 'Cognito', account: 'carol', secret }));

    const done = await sdk.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: session, ChallengeResponses: { USERNAME: 'carol' } }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    expectEnrolled(poolId, 'carol');

    await signInWithTotp(clientId, 'carol', totpFromBase32(secret, { time: Date.now() + 30_000 }));
  });
});

describe('auth login meeting MFA_SETUP, the built binary', () => {
  it('-o json: the enrolment handshake ({"secret","uri"}, code on stdin) inside the sign-in, then the tokens', async () => {
    const { poolId, clientId } = poolWithUser('hank', 'ON');
    const env = isolatedEnv({
      AWS_ENDPOINT_URL: server.url,
      COGNITO_USER_POOL_ID: poolId,
      COGNITO_CLIENT_ID: clientId,
      COGNITO_PASSWORD: PASSWORD,
    });
    const run = spawnBin(['auth', 'login', 'hank', '--flow', 'password', '-o', 'json'], env);
    const { secret, uri } = JSON.parse(await run.firstStdoutLine());
    expect(uri).toBe(buildOtpauthUri({ issuer: 'Acme Shop', account: 'hank', secret }));
    run.end(totpFromBase32(secret));
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);
    const tokens = JSON.parse(result.stdout.slice(result.stdout.indexOf('\n') + 1));
    expect(tokens.AccessToken).toBeDefined();
    expectEnrolled(poolId, 'hank');
    await signInWithTotp(clientId, 'hank', totpFromBase32(secret, { time: Date.now() + 30_000 }));
  });
});

describe.skipIf(!ptyAvailable())('mfa enroll at a real terminal (pseudo-terminal, 80×24)', () => {
  it('draws the QR code of the URI, asks again after a wrong code, and accepts the right one', async () => {
    const { poolId, clientId } = poolWithUser('erin@example.com');
    const env = await signedInEnv(poolId, clientId, 'erin@example.com');
    const term = spawnPty([process.execPath, BIN, 'mfa', 'enroll', '--device-name', 'terminal test'], { env, rows: 24, cols: 80 });
    try {
      let at = await term.waitFor('Code from the app:');
      // The screen as it stands at the first prompt: QR code, key and prompt on one 80×24 screen.
      const screen = stripAnsi(term.output);
      const lines = screen.split('\n');
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
      expect(lines.length).toBeLessThanOrEqual(24);

      // The key beside the code, in groups of four, is the secret the server handed out.
      const base32 = base32Encode(server.user(poolId, 'erin@example.com')!.mfa.pendingTotpSecret!);
      for (const row of base32.match(/.{1,16}/g)!) expect(screen).toContain(row.match(/.{1,4}/g)!.join(' '));

      // The drawing is made of half blocks and decodes back to the QR matrix of the otpauth URI.
      const uri = buildOtpauthUri({ issuer: 'Acme Shop', account: 'erin@example.com', secret: base32 });
      const qr = qrFromHalfBlocks(term.output);
      expect(qr, screen).toBeDefined();
      expect(qr!.modules).toEqual(qrMatrix(uri));
      expect(qr!.width).toBeLessThanOrEqual(80);
      expect(qr!.height).toBeLessThanOrEqual(23);

      const now = Date.now();
      term.write(`${totpFromBase32(base32, { time: now + 5 * 30_000 })}\r`);
      at = await term.waitFor('not accepted', { from: at });
      at = await term.waitFor('Code from the app (try again):', { from: at });
      expect(server.user(poolId, 'erin@example.com')!.mfa.totpEnabled).toBe(false);
      term.write(`${totpFromBase32(base32)}\r`);
      await term.waitFor('TOTP MFA enabled and preferred for erin@example.com (device "terminal test")', { from: at });
      expect(await term.exited).toBe(0);
      expectEnrolled(poolId, 'erin@example.com', 'terminal test');
    } finally {
      term.kill();
    }
  });
});

describe('mfa code start-up', () => {
  it('loads neither the AWS SDK, nor prompts, nor the QR library', async () => {
    const trace = moduleTrace();
    const env = isolatedEnv({ COGNITO_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' });
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [...trace.nodeArgs, BIN, 'mfa', 'code', '-o', 'json'], {
        env: env as NodeJS.ProcessEnv,
      });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).code).toMatch(/^\d{6}$/);
    const loaded = trace.loaded();
    expect(loaded).toContain('/dist/cli/cli.js');
    expect(loaded).not.toMatch(/@aws-sdk|@smithy|@inquirer|qrcode-terminal|cli-table3/);
  });
});

function qrMatrix(text: string): boolean[][] {
  const require = createRequire(import.meta.url);
  const QRCode = require('qrcode-terminal/vendor/QRCode');
  const { L } = require('qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel');
  const qr = new QRCode(-1, L);
  qr.addData(text);
  qr.make();
  return qr.modules;
}

