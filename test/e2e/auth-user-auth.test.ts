// Choice-based sign-in (USER_AUTH) and refresh-token rotation end to end: the built binary against
// the fake Cognito, which sends one-time codes to an outbox this test reads, verifies SRP, and
// rotates refresh tokens with a grace period after which the old one fails.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { base32Encode, type PoolState } from '../support/fake-cognito/index.js';
import { fakeCognitoForFile } from '../support/fake-cognito-file.js';
import { emulatorEnv, emulatorSdk, runBin } from '../support/e2e.js';
import { spawnBin, waitFor } from '../support/background-bin.js';
import { runCli } from '../support/cli.js';
import type { Prompter } from '../../src/io/prompter.js';

const PASSWORD = 'Corr3ct-Horse!battery';
const server = fakeCognitoForFile({ region: 'us-east-1' });
let pool: PoolState;
let clientId: string;

beforeAll(async () => {
  pool = server.createPool({ mfa: 'OPTIONAL' });
  server.features.userAuth(pool.id, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']);
  clientId = server.createClient(pool.id, { flows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }).clientId;
});

type Env = Record<string, string | undefined>;
const envFor = (extra: Env = {}) => emulatorEnv(server.url, extra);
const target = () => ['--pool', pool.id, '--client', clientId];
const sessionFile = (env: Env, name: string) =>
  JSON.parse(readFileSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions', `default--${name}.json`), 'utf8'));

describe('auth login --flow user-auth', () => {
  it('--prefer email-otp: the code sent to the outbox is read from stdin (--otp-code -) only when it arrives; no password is asked', async () => {
    server.addUser(pool.id, { username: 'olga', password: PASSWORD, attributes: { email: 'olga@example.com' } });
    const run = spawnBin(['auth', 'login', 'olga', ...target(), '--flow', 'user-auth', '--prefer', 'email-otp', '--otp-code', '-', '-o', 'json'], envFor());
    const code = await waitFor(() => server.lastCode('email', 'olga'), 'the email code');
    run.write(code);
    run.end();
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Cognito sent a sign-in code to o\*\*\*@e\*\*\*\./);
    expect(JSON.parse(result.stdout).AccessToken).toBeTruthy();
    const initiate = server.callsTo('InitiateAuth').at(-1)!.body;
    expect(initiate).toMatchObject({ AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'olga', PREFERRED_CHALLENGE: 'EMAIL_OTP' } });
    expect(server.callsTo('RespondToAuthChallenge').at(-1)!.body).toMatchObject({ ChallengeName: 'EMAIL_OTP', ChallengeResponses: { EMAIL_OTP_CODE: code } });
  });

  it('SELECT_CHALLENGE answered from --prefer sms-otp, the code from COGNITO_OTP_CODE is refused when wrong (exit 4)', async () => {
    server.addUser(pool.id, { username: 'sid', password: PASSWORD, attributes: { phone_number: '+447700900555' } });
    const wrong = await runBin(['auth', 'login', 'sid', ...target(), '--flow', 'user-auth', '--prefer', 'sms-otp'], { env: envFor({ COGNITO_OTP_CODE: '000000x' }) });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/CodeMismatchException/);
    expect(server.lastCode('sms', 'sid')).toMatch(/^\d{6}$/);
  });

  it('--prefer password-srp: PASSWORD_SRP through our SRP (PREFERRED_CHALLENGE with SRP_A, then PASSWORD_VERIFIER)', async () => {
    server.addUser(pool.id, { username: 'pat', password: PASSWORD });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const result = await runBin(['auth', 'login', 'pat', ...target(), '--flow', 'user-auth', '--prefer', 'password-srp', '-o', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const initiate = server.callsTo('InitiateAuth').at(-1)!.body;
    expect(initiate.AuthParameters).toMatchObject({ PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(initiate.AuthParameters.PASSWORD).toBeUndefined();
    expect(server.callsTo('RespondToAuthChallenge').at(-1)!.body.ChallengeName).toBe('PASSWORD_VERIFIER');
  });

  it('--prefer password, then MFA after the password as in the other flows (TOTP from COGNITO_TOTP_SECRET)', async () => {
    const secret = randomBytes(20);
    server.addUser(pool.id, { username: 'tia', password: PASSWORD, mfa: { totpSecret: secret, preferred: 'SOFTWARE_TOKEN_MFA' } });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_TOTP_SECRET: base32Encode(secret) });
    const result = await runBin(['auth', 'login', 'tia', ...target(), '--flow', 'user-auth', '--prefer', 'password', '-o', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.callsTo('RespondToAuthChallenge').at(-1)!.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(sessionFile(env, 'tia').refreshToken).toBeTruthy();
  });

  it('without --prefer and without a terminal: exit 2 listing the choices Cognito offered', async () => {
    server.addUser(pool.id, { username: 'nia', password: PASSWORD, attributes: { email: 'nia@example.com' } });
    const result = await runBin(['auth', 'login', 'nia', ...target(), '--flow', 'user-auth'], { env: envFor() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: choose how to sign in: Cognito offers password, password-srp, email-otp$/m);
    expect(result.stderr).toMatch(/^hint: pass --prefer password\|password-srp\|email-otp$/m);
  });

  it('on a terminal: a picker of the offered factors, then the password prompt for the one picked', async () => {
    server.addUser(pool.id, { username: 'pia', password: PASSWORD, attributes: { email: 'pia@example.com' } });
    const asked: string[] = [];
    const prompter: Prompter = {
      canPrompt: true,
      password: async (message) => (asked.push(message), PASSWORD),
      input: async () => {
        throw new Error('no input expected');
      },
      confirm: async () => false,
      search: async (message, choices) => {
        asked.push(`${message}: ${choices.map((c) => c.name).join(',')}`);
        return choices.find((c) => c.name === 'password')!.value as never;
      },
    };
    const result = await runCli(['auth', 'login', 'pia', ...target(), '--flow', 'user-auth', '--endpoint', server.url, '-o', 'json'], {
      env: envFor({ AWS_ENDPOINT_URL: undefined }),
      tty: true,
      prompter,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(asked).toEqual(['Sign in with: password,password-srp,email-otp', 'Password for pia']);
    expect(server.callsTo('RespondToAuthChallenge').at(-1)!.body).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE', ChallengeResponses: { ANSWER: 'PASSWORD' } });
  });

  it('a passkey-only choice is explained and points to --browser (exit 2)', async () => {
    server.addUser(pool.id, { username: 'kay' });
    server.features.addPasskey(pool.id, 'kay', { name: 'Laptop' });
    const result = await runBin(['auth', 'login', 'kay', ...target(), '--flow', 'user-auth'], { env: envFor() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/passkey/);
    expect(result.stderr).toMatch(/auth login --browser/);
  });

  it('admin-user-auth: AdminInitiateAuth USER_AUTH with --prefer password', async () => {
    server.addUser(pool.id, { username: 'ada', password: PASSWORD });
    const adminClient = server.createClient(pool.id, { flows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }).clientId;
    const result = await runBin(['auth', 'login', 'ada', '--pool', pool.id, '--client', adminClient, '--flow', 'admin-user-auth', '--prefer', 'password', '-o', 'json'], {
      env: envFor({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(server.callsTo('AdminInitiateAuth').at(-1)!.body).toMatchObject({ AuthFlow: 'USER_AUTH', UserPoolId: pool.id, AuthParameters: { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } });
  });

  it('--prefer with another flow is a usage error before any call', async () => {
    const since = server.calls.length;
    const result = await runBin(['auth', 'login', 'ann', ...target(), '--prefer', 'password'], { env: envFor({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--prefer goes with --flow user-auth/);
    expect(server.calls.slice(since)).toEqual([]);
  });
});

describe('refresh-token rotation (GetTokensFromRefreshToken)', () => {
  it('stores the rotated refresh token; the old one works within the grace period and fails after it', async () => {
    const rotating = server.createClient(pool.id, { secret: true, flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    server.features.refreshRotation(rotating.clientId, { graceSeconds: 60 });
    server.addUser(pool.id, { username: 'rot', password: PASSWORD });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_CLIENT_SECRET: rotating.clientSecret });
    const login = await runBin(['auth', 'login', 'rot', '--pool', pool.id, '--client', rotating.clientId, '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    const first = sessionFile(env, 'rot').refreshToken as string;

    const refreshed = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const second = sessionFile(env, 'rot').refreshToken as string;
    expect(second).not.toBe(first);
    expect(JSON.parse(refreshed.stdout).RefreshToken).toBe(second);
    const call = server.callsTo('GetTokensFromRefreshToken').at(-1)!.body;
    expect(call).toEqual({ ClientId: rotating.clientId, RefreshToken: first, ClientSecret: rotating.clientSecret });
    // No temporary file is left beside the session.
    expect(readdirSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const sdk = await emulatorSdk(server.url);
    const again = await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: first, ClientSecret: rotating.clientSecret }));
    expect(again.AuthenticationResult?.AccessToken).toBeTruthy();
    server.advanceTime(61);
    await expect(
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: first, ClientSecret: rotating.clientSecret })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    // The saved (rotated) token still refreshes.
    const later = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(later.code, later.stderr).toBe(0);
  });

  it('a refresh killed after Cognito rotated the token but before the file was written loses nothing: the old token still refreshes', async () => {
    const rotating = server.createClient(pool.id, { flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    let killRun: (() => void) | undefined;
    server.features.refreshRotation(rotating.clientId, {
      graceSeconds: 60,
      beforeReply: async () => killRun?.(),
    });
    server.addUser(pool.id, { username: 'crash', password: PASSWORD });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    expect((await runBin(['auth', 'login', 'crash', '--pool', pool.id, '--client', rotating.clientId], { env })).code).toBe(0);
    const old = sessionFile(env, 'crash').refreshToken as string;

    const run = spawnBin(['auth', 'refresh', '-o', 'json'], env);
    killRun = () => run.kill('SIGKILL');
    const killed = await run.result;
    killRun = undefined;
    expect(killed.code).not.toBe(0);
    expect(server.callsTo('GetTokensFromRefreshToken').at(-1)!.body.RefreshToken).toBe(old);
    // The session file still holds the old token, whole, and no half-written file is left.
    expect(sessionFile(env, 'crash').refreshToken).toBe(old);
    expect(readdirSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const again = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(again.code, again.stderr).toBe(0);
    const rotated = sessionFile(env, 'crash').refreshToken;
    expect(rotated).not.toBe(old);
    expect(JSON.parse(again.stdout).RefreshToken).toBe(rotated);
  });

  it('a client without rotation keeps its refresh token', async () => {
    server.addUser(pool.id, { username: 'keep', password: PASSWORD });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    expect((await runBin(['auth', 'login', 'keep', ...target(), '-o', 'json'], { env })).code).toBe(0);
    const before = sessionFile(env, 'keep').refreshToken;
    const refreshed = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(sessionFile(env, 'keep').refreshToken).toBe(before);
    expect(server.callsTo('GetTokensFromRefreshToken').at(-1)!.body).toEqual({ ClientId: clientId, RefreshToken: before });
  });
});
