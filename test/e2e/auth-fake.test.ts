// Sign-in, sessions, self-service and tokens end to end: the built binary against the fake Cognito
// server (test/support/fake-cognito), which verifies SRP as Cognito does, checks SECRET_HASH over
// the internal username, implements every challenge and signs RS256 tokens with a JWKS.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, sign as cryptoSign } from 'node:crypto';
import { base32Encode, startFakeCognito, type FakeCognito, type PoolState } from '../support/fake-cognito/index.js';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { BIN, emulatorEnv, emulatorSdk, runBin } from '../support/e2e.js';
import { spawnBin, waitFor } from '../support/background-bin.js';
import { runCli, type CliResult } from '../support/cli.js';
import type { Prompter } from '../../src/io/prompter.js';
import { moduleTrace } from '../support/module-trace.js';

const PASSWORD = 'Corr3ct-Horse!battery';
const NEW_PASSWORD = 'N3w-Staple!horse-77';
const WRONG = 'Wr0ng-Passw0rd!zz';

let server: FakeCognito;

beforeAll(async () => {
  // us-east-1: the region emulatorEnv sets, so the pool ids' prefix agrees with it.
  server = await startFakeCognito({ region: 'us-east-1' });
});
afterAll(async () => {
  await server?.close();
});

type Env = Record<string, string | undefined>;
const envFor = (extra: Env = {}) => emulatorEnv(server.url, extra);
const target = (poolId: string, clientId: string) => ['--pool', poolId, '--client', clientId];
const sessionsIn = (env: Env) => {
  const dir = join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
};
const challengesAnswered = (since: number) =>
  server.calls.slice(since).filter((c) => c.operation === 'RespondToAuthChallenge' || c.operation === 'AdminRespondToAuthChallenge');
const totpSecret = () => randomBytes(20);

describe('auth login (SRP) against the fake Cognito', () => {
  let pool: PoolState;
  let clientId: string;

  beforeAll(() => {
    pool = server.createPool();
    clientId = server.createClient(pool.id).clientId;
    server.addUser(pool.id, { username: 'ann', password: PASSWORD, attributes: { email: 'ann@example.com' }, groups: ['staff'] });
  });

  it('signs a plain user in with SRP: -o json prints exactly the five token fields, and the session is saved 0600', async () => {
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const since = server.calls.length;
    const result = await runBin(['auth', 'login', 'ann', ...target(pool.id, clientId), '-o', 'json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const tokens = JSON.parse(result.stdout);
    expect(Object.keys(tokens)).toEqual(['IdToken', 'AccessToken', 'RefreshToken', 'ExpiresIn', 'TokenType']);
    expect(tokens).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });

    const initiate = server.calls.slice(since).find((c) => c.operation === 'InitiateAuth')!;
    expect(initiate.body.AuthFlow).toBe('USER_SRP_AUTH');
    expect(initiate.body.AuthParameters.PASSWORD).toBeUndefined();
    expect(challengesAnswered(since).map((c) => c.body.ChallengeName)).toEqual(['PASSWORD_VERIFIER']);
    expect(sessionsIn(env)).toEqual(['default--ann.json']);
  });

  it('table output shows who signed in, the groups and the expiry, never a token; --no-save keeps nothing', async () => {
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const result = await runBin(['auth', 'login', 'ann', ...target(pool.id, clientId), '-o', 'table', '--no-save'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/signed in as\s*│\s*ann/);
    expect(result.stdout).toMatch(/email\s*│\s*ann@example\.com/);
    expect(result.stdout).toMatch(/groups\s*│\s*staff/);
    expect(result.stdout).toMatch(/access token\s*│\s*\d{4}-\d\d-\d\dT[\d:.]+Z \(expires in (59|60) min\)/);
    expect(result.stdout).toMatch(/not saved \(--no-save\)/);
    expect(result.stdout + result.stderr).not.toMatch(/eyJ/);
    expect(sessionsIn(env)).toEqual([]);
  });

  it('a wrong password exits 4 with Cognito\'s message and never shows the password', async () => {
    const env = envFor({ COGNITO_PASSWORD: WRONG });
    const result = await runBin(['auth', 'login', 'ann', ...target(pool.id, clientId), '--debug'], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Incorrect username or password\. \(NotAuthorizedException\)$/m);
    expect(result.stdout + result.stderr).not.toContain(WRONG);
    expect(sessionsIn(env)).toEqual([]);
  });

  it('an unknown user exits 4 as well', async () => {
    const result = await runBin(['auth', 'login', 'nobody', ...target(pool.id, clientId)], { env: envFor({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/User does not exist\. \(UserNotFoundException\)/);
  });

  it('without a terminal or a password source, names --password-stdin and COGNITO_PASSWORD and calls nothing', async () => {
    const since = server.calls.length;
    const result = await runBin(['auth', 'login', 'ann', ...target(pool.id, clientId)], { env: envFor() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: the password is required: pass --password-stdin or COGNITO_PASSWORD/m);
    expect(server.calls.length).toBe(since);
  });
});

describe('alias sign-in and client secrets', () => {
  let pool: PoolState;
  let secretClient: { clientId: string; clientSecret?: string };
  let internal: string;

  beforeAll(() => {
    // Email as username: Cognito's own username is a uuid (the sub), never the email typed.
    pool = server.createPool({ usernameAttributes: ['email'] });
    secretClient = server.createClient(pool.id, {
      secret: true,
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    internal = server.addUser(pool.id, { username: 'bea@example.com', password: PASSWORD }).username;
  });

  it('SRP by email with COGNITO_CLIENT_SECRET: challenge answers name the internal username, SECRET_HASH over it', async () => {
    expect(internal).not.toBe('bea@example.com');
    const env = envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_CLIENT_SECRET: secretClient.clientSecret });
    const since = server.calls.length;
    const result = await runBin(['auth', 'login', 'bea@example.com', ...target(pool.id, secretClient.clientId), '-o', 'text'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('signed in as: bea@example.com');
    expect(result.stdout).toContain(`username: ${internal}`);

    const calls = server.calls.slice(since);
    expect(calls.map((c) => c.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(calls[0]!.body.AuthParameters.SECRET_HASH).toBe(server.secretHash(secretClient.clientId, 'bea@example.com'));
    const responses = calls[1]!.body.ChallengeResponses;
    expect(responses.USERNAME).toBe(internal);
    expect(responses.SECRET_HASH).toBe(server.secretHash(secretClient.clientId, internal));

    // The refresh (GetTokensFromRefreshToken) carries the client secret itself, not a hash.
    const before = server.calls.length;
    const refreshed = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(refreshed.code).toBe(0);
    const refresh = server.calls.slice(before).find((c) => c.operation === 'GetTokensFromRefreshToken')!;
    expect(refresh.body.ClientSecret).toBe(secretClient.clientSecret);
    expect(Object.keys(JSON.parse(refreshed.stdout))).toEqual(['IdToken', 'AccessToken', 'RefreshToken', 'ExpiresIn', 'TokenType']);
  });

  it('looks the client secret up with DescribeUserPoolClient when none is configured', async () => {
    const env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const since = server.calls.length;
    const result = await runBin(['auth', 'login', 'bea@example.com', ...target(pool.id, secretClient.clientId), '-o', 'json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(server.calls.slice(since).map((c) => c.operation)).toEqual(['DescribeUserPoolClient', 'InitiateAuth', 'RespondToAuthChallenge']);
  });

  it('USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH by email, with the secret hash', async () => {
    const env = envFor({ COGNITO_CLIENT_SECRET: secretClient.clientSecret });
    for (const [flow, operation, authFlow] of [
      ['password', 'InitiateAuth', 'USER_PASSWORD_AUTH'],
      ['admin', 'AdminInitiateAuth', 'ADMIN_USER_PASSWORD_AUTH'],
    ] as const) {
      const since = server.calls.length;
      const result = await runBin(
        ['auth', 'login', 'bea@example.com', '--flow', flow, '--password-stdin', ...target(pool.id, secretClient.clientId), '-o', 'json'],
        { env, stdin: `${PASSWORD}\n` },
      );
      expect(result.stderr, flow).toBe('');
      expect(result.code, flow).toBe(0);
      const call = server.calls.slice(since).find((c) => c.operation === operation)!;
      expect(call.body.AuthFlow).toBe(authFlow);
      expect(call.body.AuthParameters.SECRET_HASH).toBe(server.secretHash(secretClient.clientId, 'bea@example.com'));
      if (flow === 'admin') expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    }
  });

  it('a secret client without its secret fails with the hint to set COGNITO_CLIENT_SECRET', async () => {
    // The lookup finds nothing when the client cannot be described (here: a pool id that is not its own).
    const other = server.createPool({ usernameAttributes: ['email'] });
    const result = await runBin(['auth', 'login', 'bea@example.com', '--pool', other.id, '--client', secretClient.clientId], {
      env: envFor({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/SECRET_HASH was not received \(NotAuthorizedException\)/);
    expect(result.stderr).toMatch(/hint: the app client has a secret: set COGNITO_CLIENT_SECRET/);
  });
});

describe('every challenge, in one loop', () => {
  let pool: PoolState;
  let clientId: string;

  beforeAll(() => {
    pool = server.createPool({ mfa: 'OPTIONAL', requiredAttributes: ['name'], mfaTypes: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP'] });
    clientId = server.createClient(pool.id, {
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }).clientId;
  });
  const login = (username: string, extra: string[], options: { env?: Env; stdin?: string } = {}) =>
    runBin(['auth', 'login', username, ...target(pool.id, clientId), '-o', 'json', ...extra], {
      env: options.env ?? envFor({ COGNITO_PASSWORD: PASSWORD }),
      stdin: options.stdin,
    });

  it('NEW_PASSWORD_REQUIRED: new password from the second stdin line, the required attribute from --attr', async () => {
    server.addUser(pool.id, { username: 'nina', password: 'Temp-Passw0rd!1', status: 'FORCE_CHANGE_PASSWORD' });
    const since = server.calls.length;
    const result = await login('nina', ['--password-stdin', '--attr', 'name=Nina Example'], {
      env: envFor(),
      stdin: `Temp-Passw0rd!1\n${NEW_PASSWORD}\n`,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(challengesAnswered(since).map((c) => c.body.ChallengeName)).toEqual(['PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED']);
    const user = server.user(pool.id, 'nina')!;
    expect(user.password).toBe(NEW_PASSWORD);
    expect(user.status).toBe('CONFIRMED');
    expect(user.attributes.name).toBe('Nina Example');
  });

  it('NEW_PASSWORD_REQUIRED with COGNITO_NEW_PASSWORD; a missing required attribute names --attr without a terminal', async () => {
    server.addUser(pool.id, { username: 'ned', password: 'Temp-Passw0rd!2', status: 'FORCE_CHANGE_PASSWORD' });
    const missing = await login('ned', [], { env: envFor({ COGNITO_PASSWORD: 'Temp-Passw0rd!2', COGNITO_NEW_PASSWORD: NEW_PASSWORD }) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: the required attribute name is required: pass --attr name=<value>/m);

    const ok = await login('ned', ['--attr', 'name=Ned'], {
      env: envFor({ COGNITO_PASSWORD: 'Temp-Passw0rd!2', COGNITO_NEW_PASSWORD: NEW_PASSWORD }),
    });
    expect(ok.code).toBe(0);
    expect(server.user(pool.id, 'ned')!.password).toBe(NEW_PASSWORD);
  });

  it('SOFTWARE_TOKEN_MFA with the code computed from COGNITO_TOTP_SECRET, and from --totp-secret - on stdin', async () => {
    const secretA = totpSecret();
    const secretB = totpSecret();
    server.addUser(pool.id, { username: 'tom', password: PASSWORD, mfa: { totpSecret: secretA } });
    server.addUser(pool.id, { username: 'tim', password: PASSWORD, mfa: { totpSecret: secretB } });

    const since = server.calls.length;
    const fromEnv = await login('tom', [], { env: envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_TOTP_SECRET: base32Encode(secretA) }) });
    expect(fromEnv.stderr).toBe('');
    expect(fromEnv.code).toBe(0);
    expect(challengesAnswered(since).map((c) => c.body.ChallengeName)).toEqual(['PASSWORD_VERIFIER', 'SOFTWARE_TOKEN_MFA']);

    // Password first, then the secret: stdin lines are read in the order the sign-in needs them.
    const fromStdin = await login('tim', ['--password-stdin', '--totp-secret', '-'], {
      env: envFor(),
      stdin: `${PASSWORD}\n${base32Encode(secretB)}\n`,
    });
    expect(fromStdin.stderr).toBe('');
    expect(fromStdin.code).toBe(0);
  });

  it('SMS_MFA with --mfa-code -: the code is read from stdin only when the challenge arrives', async () => {
    server.addUser(pool.id, { username: 'sam', password: PASSWORD, attributes: { phone_number: '+447700900123' }, mfa: { sms: true } });
    const run = spawnBin(['auth', 'login', 'sam', ...target(pool.id, clientId), '--password-stdin', '--mfa-code', '-', '-o', 'json'], envFor());
    run.write(PASSWORD);
    const code = await waitFor(() => server.lastCode('sms', 'sam'), 'the SMS code');
    run.write(code);
    run.end();
    const result = await run.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Cognito sent a code to \+\*+0123\./);
    expect(JSON.parse(result.stdout).AccessToken).toBeTruthy();
  });

  it('EMAIL_OTP answered at a prompt on a terminal (in process, with a prompter that reads the code sent)', async () => {
    server.addUser(pool.id, { username: 'eve', password: PASSWORD, attributes: { email: 'eve@example.com' }, mfa: { email: true } });
    const asked: string[] = [];
    const prompter: Prompter = {
      canPrompt: true,
      password: async (message) => (asked.push(message), PASSWORD),
      input: async (message) => (asked.push(message), server.lastCode('email', 'eve')!),
      confirm: async () => false,
      search: async () => {
        throw new Error('no picker expected');
      },
    };
    const result = await runCli(['auth', 'login', 'eve', ...target(pool.id, clientId), '--endpoint', server.url, '-o', 'json'], {
      env: envFor({ AWS_ENDPOINT_URL: undefined }),
      tty: true,
      prompter,
    });
    expect(result.stderr).toMatch(/Cognito sent a code to e\*\*\*@e\*\*\*\./);
    expect(result.code).toBe(0);
    expect(asked).toEqual(['Password for eve', 'Code (sent to e***@e***)']);
  });

  it('SELECT_MFA_TYPE: --mfa-type picks the factor; a type the user lacks is a usage error', async () => {
    const secret = totpSecret();
    server.addUser(pool.id, {
      username: 'sel',
      password: PASSWORD,
      attributes: { phone_number: '+447700900999' },
      mfa: { totpSecret: secret, sms: true },
    });
    const env = envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_TOTP_SECRET: base32Encode(secret) });
    const since = server.calls.length;
    const result = await login('sel', ['--mfa-type', 'totp'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answered = challengesAnswered(since);
    expect(answered.map((c) => c.body.ChallengeName)).toEqual(['PASSWORD_VERIFIER', 'SELECT_MFA_TYPE', 'SOFTWARE_TOKEN_MFA']);
    expect(answered[1]!.body.ChallengeResponses.ANSWER).toBe('SOFTWARE_TOKEN_MFA');

    const wrong = await login('sel', ['--mfa-type', 'email'], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--mfa-type email: this user can choose only totp, sms/);
  });

  it('CUSTOM_CHALLENGE: the parameters are shown and --answer answers (custom and custom-srp flows)', async () => {
    const customPool = server.createPool();
    const customClient = server.createClient(customPool.id).clientId;
    server.addUser(customPool.id, { username: 'cat', password: PASSWORD });
    server.setCustomChallenge(customPool.id, (answer) => answer === 'forty-two', { parameters: { question: 'the answer?' } });
    for (const flow of ['custom', 'custom-srp']) {
      const since = server.calls.length;
      const result = await runBin(
        ['auth', 'login', 'cat', ...target(customPool.id, customClient), '--flow', flow, '--answer', 'wrong', '--answer', 'forty-two', '-o', 'json'],
        { env: envFor({ COGNITO_PASSWORD: PASSWORD }) },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('Custom challenge: question=the answer?');
      const names = challengesAnswered(since).map((c) => c.body.ChallengeName);
      expect(names).toEqual([...(flow === 'custom-srp' ? ['PASSWORD_VERIFIER'] : []), 'CUSTOM_CHALLENGE', 'CUSTOM_CHALLENGE']);
    }
  });

  it('MFA_SETUP: TOTP enrolment inline with --self-verify, then tokens', async () => {
    const required = server.createPool({ mfa: 'ON' });
    const client = server.createClient(required.id).clientId;
    server.addUser(required.id, { username: 'mia', password: PASSWORD });
    const since = server.calls.length;
    const result = await runBin(['auth', 'login', 'mia', ...target(required.id, client), '--self-verify', '--device-name', 'ci', '-o', 'table'], {
      env: envFor({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(server.calls.slice(since).map((c) => c.operation)).toEqual([
      'DescribeUserPoolClient',
      'InitiateAuth',
      'RespondToAuthChallenge',
      'AssociateSoftwareToken',
      // The enrolment names the pool in the authenticator app (the otpauth issuer).
      'DescribeUserPool',
      'VerifySoftwareToken',
      'RespondToAuthChallenge',
    ]);
    expect(challengesAnswered(since).map((c) => c.body.ChallengeName)).toEqual(['PASSWORD_VERIFIER', 'MFA_SETUP']);
    const user = server.user(required.id, 'mia')!;
    expect(user.mfa.totpEnabled).toBe(true);
    expect(user.mfa.totpDeviceName).toBe('ci');
    expect(result.stdout).toMatch(/signed in as\s*│\s*mia/);
  });
});

describe('saved sessions: refresh, whoami, logout', () => {
  let pool: PoolState;
  let client: { clientId: string; clientSecret?: string };

  beforeAll(() => {
    pool = server.createPool({ usernameAttributes: ['email'] });
    // Access tokens of 5 s: every use of the session needs a refresh first.
    client = server.createClient(pool.id, { secret: true, accessTokenSeconds: 5 });
    server.addUser(pool.id, { username: 'ray@example.com', password: PASSWORD, groups: ['ops'] });
  });
  const envWithSecret = () => envFor({ COGNITO_PASSWORD: PASSWORD, COGNITO_CLIENT_SECRET: client.clientSecret });

  it('whoami refreshes an expiring access token by itself (GetTokensFromRefreshToken with the client secret), then GetUser', async () => {
    const env = envWithSecret();
    expect((await runBin(['auth', 'login', 'ray@example.com', ...target(pool.id, client.clientId)], { env })).code).toBe(0);
    const internal = server.user(pool.id, 'ray@example.com')!.username;
    const since = server.calls.length;
    const result = await runBin(['auth', 'whoami', '-o', 'json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const calls = server.calls.slice(since);
    expect(calls.map((c) => c.operation)).toEqual(['GetTokensFromRefreshToken', 'GetUser']);
    expect(calls[0]!.body).toMatchObject({ ClientId: client.clientId, ClientSecret: client.clientSecret });
    const me = JSON.parse(result.stdout);
    expect(me).toMatchObject({ username: internal, signedInAs: 'ray@example.com', groups: ['ops'], poolId: pool.id, clientId: client.clientId });
    expect(me.attributes.email).toBe('ray@example.com');
  });

  it('logout revokes the refresh token with the client secret and removes the session; a second logout is a no-op', async () => {
    const env = envWithSecret();
    expect((await runBin(['auth', 'login', 'ray@example.com', ...target(pool.id, client.clientId)], { env })).code).toBe(0);
    const since = server.calls.length;
    const result = await runBin(['auth', 'logout', '-o', 'table'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/signed ray@example\.com out: the refresh token is revoked/);
    const revoke = server.calls.slice(since).find((c) => c.operation === 'RevokeToken')!;
    expect(revoke.body.ClientSecret).toBe(client.clientSecret);
    expect(sessionsIn(env)).toEqual([]);
    // Cognito refuses the revoked refresh token from now on.
    const internal = server.user(pool.id, 'ray@example.com')!.username;
    const sdk = await emulatorSdk(server.url);
    await expect(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: client.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: revoke.body.Token, SECRET_HASH: server.secretHash(client.clientId, internal) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });

    const again = await runBin(['auth', 'logout'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ username: null, signedOut: false });
    const whoami = await runBin(['auth', 'whoami'], { env });
    expect(whoami.code).toBe(4);
    expect(whoami.stderr).toMatch(/no saved session/);
  });

  it('logout --everywhere signs out with GlobalSignOut: a session saved elsewhere can no longer refresh', async () => {
    const here = envWithSecret();
    const elsewhere = envWithSecret();
    for (const env of [here, elsewhere]) {
      expect((await runBin(['auth', 'login', 'ray@example.com', ...target(pool.id, client.clientId)], { env })).code).toBe(0);
    }
    const result = await runBin(['auth', 'logout', '--everywhere'], { env: here });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ username: 'ray@example.com', signedOut: true, everywhere: true });
    expect(server.callsTo('GlobalSignOut').length).toBeGreaterThan(0);
    const other = await runBin(['auth', 'refresh'], { env: elsewhere });
    expect(other.code).toBe(4);
    expect(other.stderr).toMatch(/can no longer be refreshed: Refresh Token has been revoked/);
  });
});

describe('self-service flows', () => {
  let pool: PoolState;
  let client: { clientId: string; clientSecret?: string };

  beforeAll(() => {
    pool = server.createPool();
    client = server.createClient(pool.id, { secret: true });
  });
  const env = (extra: Env = {}) => envFor({ COGNITO_CLIENT_SECRET: client.clientSecret, ...extra });
  const run = (argv: string[], options: { env?: Env; stdin?: string } = {}) =>
    runBin([...argv, ...target(pool.id, client.clientId)], { env: options.env ?? env(), stdin: options.stdin });

  it('sign-up → confirm-sign-up → login, each call with the secret hash', async () => {
    const since = server.calls.length;
    const signUp = await run(['auth', 'sign-up', 'sue', '--email', 'sue@example.com', '--attr', 'name=Sue', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(signUp.code, signUp.stderr).toBe(0);
    expect(JSON.parse(signUp.stdout)).toMatchObject({
      username: 'sue',
      confirmed: false,
      codeDelivery: { destination: 's***@e***', medium: 'EMAIL', attribute: 'email' },
    });
    const code = server.lastCode('signup', 'sue')!;
    const confirm = await run(['auth', 'confirm-sign-up', 'sue', '--code', code, '-o', 'table']);
    expect(confirm.code, confirm.stderr).toBe(0);
    expect(confirm.stderr).toMatch(/confirmed sue: they can sign in now/);
    const login = await run(['auth', 'login', 'sue'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(login.code, login.stderr).toBe(0);
    for (const call of server.calls.slice(since).filter((c) => ['SignUp', 'ConfirmSignUp'].includes(c.operation))) {
      expect(call.body.SecretHash).toBe(server.secretHash(client.clientId, 'sue'));
    }
    expect(server.user(pool.id, 'sue')!.attributes).toMatchObject({ name: 'Sue', email_verified: 'true' });
  });

  it('resend-code sends a new code; a wrong code exits 1 with a hint', async () => {
    expect((await run(['auth', 'sign-up', 'sid', '--email', 'sid@example.com'], { env: env({ COGNITO_PASSWORD: PASSWORD }) })).code).toBe(0);
    const resend = await run(['auth', 'resend-code', 'sid']);
    expect(resend.code).toBe(0);
    expect(JSON.parse(resend.stdout).codeDelivery.destination).toBe('s***@e***');
    const code = server.lastCode('signup', 'sid')!;
    const wrong = await run(['auth', 'confirm-sign-up', 'sid', '--code', code === '000000' ? '111111' : '000000']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/\(CodeMismatchException\)\nhint: check the code and try again/);
    // The code from stdin.
    const ok = await run(['auth', 'confirm-sign-up', 'sid', '--code', '-'], { stdin: `${code}\n` });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('forgot-password → confirm-forgot-password with COGNITO_NEW_PASSWORD → login with the new password', async () => {
    server.addUser(pool.id, { username: 'fay', password: PASSWORD, attributes: { email: 'fay@example.com', email_verified: 'true' } });
    const forgot = await run(['auth', 'forgot-password', 'fay', '-o', 'table']);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stderr).toMatch(/sent a password reset code to f\*\*\*@e\*\*\* by email/);
    const code = server.lastCode('forgot', 'fay')!;
    const confirm = await run(['auth', 'confirm-forgot-password', 'fay', '--code', code], { env: env({ COGNITO_NEW_PASSWORD: NEW_PASSWORD }) });
    expect(confirm.code, confirm.stderr).toBe(0);
    expect(server.user(pool.id, 'fay')!.password).toBe(NEW_PASSWORD);
    const login = await run(['auth', 'login', 'fay', '--password-stdin'], { stdin: `${NEW_PASSWORD}\n` });
    expect(login.code, login.stderr).toBe(0);
  });

  it('change-password with the saved session: current and new password on stdin lines 1 and 2', async () => {
    server.addUser(pool.id, { username: 'cal', password: PASSWORD });
    const e = env({ COGNITO_PASSWORD: PASSWORD });
    expect((await run(['auth', 'login', 'cal'], { env: e })).code).toBe(0);
    const changed = await runBin(['auth', 'change-password', '--password-stdin'], { env: e, stdin: `${PASSWORD}\n${NEW_PASSWORD}\n` });
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({ username: 'cal', passwordChanged: true });
    expect(server.user(pool.id, 'cal')!.password).toBe(NEW_PASSWORD);
    const wrongOld = await runBin(['auth', 'change-password', '--password-stdin'], { env: e, stdin: `${WRONG}\n${PASSWORD}\n` });
    expect(wrongOld.code).toBe(4);
    expect(wrongOld.stdout + wrongOld.stderr).not.toContain(WRONG);
  });
});

describe('token decode and verify against the pool\'s JWKS', () => {
  let pool: PoolState;
  let clientId: string;
  let env: Env;
  let idToken: string;
  let accessToken: string;

  const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** A token signed with the pool's own key, as Cognito would sign it. */
  const signed = (payload: object, header: object = { kid: pool.key.kid, alg: 'RS256' }) => {
    const input = `${b64url(header)}.${b64url(payload)}`;
    return `${input}.${cryptoSign('sha256', Buffer.from(input), pool.key.privateKey).toString('base64url')}`;
  };
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

  beforeAll(async () => {
    pool = server.createPool();
    clientId = server.createClient(pool.id).clientId;
    server.addUser(pool.id, { username: 'tia', password: PASSWORD, groups: ['readers', 'writers'] });
    env = envFor({ COGNITO_PASSWORD: PASSWORD });
    const tokens = JSON.parse((await runBin(['auth', 'login', 'tia', ...target(pool.id, clientId), '-o', 'json'], { env })).stdout);
    idToken = tokens.IdToken;
    accessToken = tokens.AccessToken;
  });

  it('decode shows the saved id token (or --access) with readable times, groups, scopes and "signature not verified"', async () => {
    const id = await runBin(['token', 'decode', '-o', 'text'], { env });
    expect(id.code).toBe(0);
    expect(id.stderr).toMatch(/^warning: signature not verified/m);
    expect(id.stdout).toMatch(/^alg: RS256$/m);
    expect(id.stdout).toMatch(/^exp: \d{4}-\d\d-\d\dT[\d:.]+Z \(expires in (59|60) min\)$/m);
    expect(id.stdout).toMatch(/^iat: \d{4}-\d\d-\d\dT[\d:.]+Z \((\d+ s ago|just now)\)$/m);
    expect(id.stdout).toMatch(/^cognito:groups \(groups\): readers, writers$/m);

    const access = await runBin(['token', 'decode', '--access', '-o', 'json'], { env });
    const decoded = JSON.parse(access.stdout);
    expect(decoded).toMatchObject({ tokenUse: 'access', scopes: ['aws.cognito.signin.user.admin'], groups: ['readers', 'writers'], signatureVerified: false });
    expect(decoded.expiry).toMatch(/^expires in (59|60) min$/);

    const fromStdin = await runBin(['token', 'decode', '-', '-o', 'json'], { env: envFor(), stdin: `${idToken}\n` });
    expect(JSON.parse(fromStdin.stdout).claims['cognito:username']).toBe('tia');

    const expired = await runBin(['token', 'decode', signed({ exp: Math.floor(Date.now() / 1000) - 3 * 3600 - 60 }), '-o', 'json'], { env: envFor() });
    expect(JSON.parse(expired.stdout)).toMatchObject({ expired: true, expiry: 'expired 3 h ago' });
  });

  it('verify accepts the real id and access tokens (from the argument, stdin and the session) and caches the JWKS', async () => {
    const since = server.callsTo('GetJwks').length;
    const id = await runBin(['token', 'verify', idToken, '--token-use', 'id', ...target(pool.id, clientId), '-o', 'json'], { env });
    expect(id.code, id.stderr).toBe(0);
    const out = JSON.parse(id.stdout);
    expect(out).toMatchObject({ valid: true, tokenUse: 'id', jwksUri: server.jwksUrl(pool.id), groups: ['readers', 'writers'] });
    expect(out.claims.aud).toBe(clientId);

    const access = await runBin(['token', 'verify', '-', '--token-use', 'access', ...target(pool.id, clientId), '-o', 'table'], {
      env,
      stdin: `${accessToken}\n`,
    });
    expect(access.code, access.stderr).toBe(0);
    expect(access.stderr).toMatch(/✓ valid: signature, issuer, token_use access, client \S+, expiry/);
    expect(access.stdout).toMatch(/client_id\s*│\s*\S+/);

    // No argument: the saved session's token, checked against its own pool and client.
    const session = await runBin(['token', 'verify'], { env });
    expect(session.code, session.stderr).toBe(0);
    // One download: later runs read the keys from the cache under the state folder.
    expect(server.callsTo('GetJwks').length - since).toBe(1);
  });

  it('verify rejects tampered, unsigned, expired, wrong-client, wrong-use and foreign tokens with exit 1 and the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = claimsOf(idToken);
    const [h, , sig] = idToken.split('.');
    const cases: Array<[string, string, string[], RegExp]> = [
      ['tampered', `${h}.${b64url({ ...claims, 'cognito:groups': ['admins'] })}.${sig}`, [], /signature does not match the pool's key/],
      ['alg none', `${b64url({ alg: 'none' })}.${b64url(claims)}.`, [], /unsigned \(alg "none"\)/],
      ['HS256', `${b64url({ alg: 'HS256', kid: pool.key.kid })}.${b64url(claims)}.c2ln`, [], /signed with HS256/],
      ['expired', signed({ ...claims, exp: now - 7200, iat: now - 10800 }), [], /the token expired 2 h ago \(at .*Z\)/],
      ['wrong client', idToken, ['--client', 'someotherclient'], /issued to client \S+, not to someotherclient/],
      ['wrong use', idToken, ['--token-use', 'access'], /an id token, not an access token/],
      ['other issuer', signed({ ...claims, iss: 'https://evil.example.com/pool' }), [], /issued by https:\/\/evil\.example\.com\/pool, not by pool/],
    ];
    for (const [name, token, extra, reason] of cases) {
      const result = await runBin(['token', 'verify', token, ...target(pool.id, clientId), ...extra, '-o', 'json'], { env: envFor() });
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(new RegExp(`^error: the token is not valid: .*${reason.source}`, 'm'));
      expect(JSON.parse(result.stdout), name).toMatchObject({ valid: false });
      expect(result.stderr, name).not.toContain(token);
    }

    // A token of another pool: its key is not in this pool's JWKS.
    const other = server.createPool();
    const otherClient = server.createClient(other.id).clientId;
    server.addUser(other.id, { username: 'tia', password: PASSWORD });
    const foreign = JSON.parse(
      (await runBin(['auth', 'login', 'tia', ...target(other.id, otherClient), '--no-save', '-o', 'json'], { env })).stdout,
    ).IdToken;
    const result = await runBin(['token', 'verify', foreign, '--pool', pool.id], { env: envFor() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the token is not valid: the token was issued by \S+, not by pool|signed with a key \(kid\) that pool/);
  });
});

describe('secrets stay out of --debug output and error messages', () => {
  it('passwords, codes, the client secret, the TOTP secret and tokens never appear', async () => {
    const pool = server.createPool({ mfa: 'OPTIONAL', usernameAttributes: ['email'] });
    const client = server.createClient(pool.id, { secret: true, flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const secret = totpSecret();
    server.addUser(pool.id, { username: 'dee@example.com', password: PASSWORD, mfa: { totpSecret: secret } });
    server.addUser(pool.id, { username: 'dan@example.com', password: PASSWORD, attributes: { email_verified: 'true' } });
    const env = envFor({
      COGNITO_PASSWORD: PASSWORD,
      COGNITO_NEW_PASSWORD: NEW_PASSWORD,
      COGNITO_CLIENT_SECRET: client.clientSecret,
      COGNITO_TOTP_SECRET: base32Encode(secret),
    });
    const t = target(pool.id, client.clientId);
    const outputs: CliResult[] = [];
    const run = async (argv: string[], stdin?: string) => {
      const result = await runBin([...argv, '--debug', '-o', 'table'], { env, stdin });
      outputs.push(result);
      return result;
    };
    expect((await run(['auth', 'login', 'dee@example.com', ...t])).code).toBe(0);
    expect((await run(['auth', 'refresh'])).code).toBe(0);
    expect((await run(['auth', 'whoami'])).code).toBe(0);
    expect((await run(['token', 'verify'])).code).toBe(0);
    expect((await run(['auth', 'login', 'dee@example.com', '--flow', 'password', '--mfa-code', '000000', ...t])).code).toBe(4);
    expect((await run(['auth', 'login', 'dee@example.com', '--password-stdin', ...t], `${WRONG}\n`)).code).toBe(4);
    expect((await run(['auth', 'forgot-password', 'dan@example.com', ...t])).code).toBe(0);
    const resetCode = server.lastCode('forgot', 'dan@example.com')!;
    expect((await run(['auth', 'confirm-forgot-password', 'dan@example.com', '--code', resetCode, ...t])).code).toBe(0);
    expect((await run(['auth', 'login', 'dan@example.com', '--flow', 'password', ...t], undefined)).code).toBe(4);
    const logout = await run(['auth', 'logout']);
    expect(logout.code, logout.stderr).toBe(0);

    const text = outputs.map((o) => o.stdout + o.stderr).join('\n');
    expect(text).toMatch(/debug: /);
    const refreshTokens = server.calls.filter((c) => c.body?.AuthParameters?.REFRESH_TOKEN).map((c) => c.body.AuthParameters.REFRESH_TOKEN as string);
    const sessions = server.calls.flatMap((c) => (c.body?.Session ? [c.body.Session as string] : []));
    const hashes = server.calls.flatMap((c) => [c.body?.AuthParameters?.SECRET_HASH, c.body?.ChallengeResponses?.SECRET_HASH, c.body?.SecretHash].filter(Boolean));
    const proofs = server.calls.flatMap((c) => [c.body?.ChallengeResponses?.PASSWORD_CLAIM_SIGNATURE, c.body?.AuthParameters?.SRP_A].filter(Boolean));
    const codes = server.calls.flatMap((c) => [c.body?.ChallengeResponses?.SOFTWARE_TOKEN_MFA_CODE, c.body?.ConfirmationCode].filter(Boolean));
    const secrets = [
      PASSWORD, NEW_PASSWORD, WRONG, client.clientSecret!, base32Encode(secret), resetCode,
      ...refreshTokens, ...sessions, ...hashes, ...proofs, ...codes,
    ];
    expect(refreshTokens.length + sessions.length + hashes.length + proofs.length + codes.length).toBeGreaterThan(10);
    for (const value of secrets) expect(text, `a secret of ${value.length} characters leaked`).not.toContain(value);
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});

describe('the SPEC scenario: sign up a user with a pool that requires MFA', () => {
  it('sign up, confirm, MFA_SETUP with TOTP at the first sign-in, then sign in with password and code', async () => {
    const pool = server.createPool({ mfa: 'ON', usernameAttributes: ['email'] });
    const client = server.createClient(pool.id, { secret: true });
    const env = envFor({ COGNITO_CLIENT_SECRET: client.clientSecret, COGNITO_PASSWORD: PASSWORD });
    const t = target(pool.id, client.clientId);

    expect((await runBin(['auth', 'sign-up', 'zoe@example.com', '--email', 'zoe@example.com', ...t], { env })).code).toBe(0);
    const code = server.lastCode('signup', 'zoe@example.com')!;
    expect((await runBin(['auth', 'confirm-sign-up', 'zoe@example.com', '--code', code, ...t], { env })).code).toBe(0);

    // First sign-in: Cognito asks for MFA_SETUP; the enrolment prints the secret once (-o json:
    // one {"secret","uri"} line before the tokens) and proves it with a code computed here.
    const first = await runBin(['auth', 'login', 'zoe@example.com', ...t, '--self-verify', '-o', 'json'], { env });
    expect(first.code, first.stderr).toBe(0);
    const [enrolled, ...rest] = first.stdout.split('\n');
    const { secret, uri } = JSON.parse(enrolled!);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(Object.keys(JSON.parse(rest.join('\n')))).toEqual(['IdToken', 'AccessToken', 'RefreshToken', 'ExpiresIn', 'TokenType']);
    expect(server.user(pool.id, 'zoe@example.com')!.mfa.totpEnabled).toBe(true);

    // Then: password and code. The current code was used by the enrolment moments ago; the
    // sign-in answers with the next window's code, which Cognito accepts early.
    const since = server.calls.length;
    const second = await runBin(['auth', 'login', 'zoe@example.com', ...t, '-o', 'json'], { env: { ...env, COGNITO_TOTP_SECRET: secret } });
    expect(second.code, second.stderr).toBe(0);
    expect(challengesAnswered(since).map((c) => c.body.ChallengeName)).toEqual(
      expect.arrayContaining(['PASSWORD_VERIFIER', 'SOFTWARE_TOKEN_MFA']),
    );
    const whoami = await runBin(['auth', 'whoami', '-o', 'json'], { env });
    expect(JSON.parse(whoami.stdout).mfa).toEqual({ enabled: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
  });
});

describe('token decode stays light', () => {
  it('loads neither the AWS SDK nor aws-jwt-verify (nor the prompts); token verify loads aws-jwt-verify', async () => {
    const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url({ sub: 'x', exp: 2_000_000_000, token_use: 'id' })}.c2ln`;
    const run = (argv: string[]) =>
      new Promise<CliResult>((resolve) => {
        const child = spawn(process.execPath, [...trace.nodeArgs, BIN, ...argv], { env: envFor() as NodeJS.ProcessEnv });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.stdin.end();
        child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      });

    let trace = moduleTrace();
    const decode = await run(['token', 'decode', token, '-o', 'json']);
    expect(decode.code).toBe(0);
    expect(JSON.parse(decode.stdout).claims.sub).toBe('x');
    expect(trace.loaded()).toContain('/dist/cli/cli.js');
    expect(trace.loaded()).not.toMatch(/@aws-sdk|@smithy|aws-jwt-verify|@inquirer/);

    // The trace does see packages: verify (with a pool it cannot reach) loads aws-jwt-verify.
    trace = moduleTrace();
    await run(['token', 'verify', token, '--pool', 'us-east-1_Nowhere', '--endpoint', 'http://127.0.0.1:9']);
    expect(trace.loaded()).toMatch(/aws-jwt-verify/);
  });
});
