// auth login with a strict SDK mock: exactly what each flow sends, the challenge loop's answers,
// where every input comes from, and the exit codes.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';
import { totpFromBase32 } from '../../../../src/auth/totp.js';
import { sessionStore } from '../../../../src/commands/auth/active-session.js';
import { Context } from '../../../../src/context.js';
import { PassThrough } from 'node:stream';

const mock = useStrictIdpMock();

const POOL = 'eu-west-1_Pool1';
const CLIENT = 'client1';
const SECRET = 'client-secret-value-123';
const PASSWORD = 'Pass-word-1!';
const hash = (name: string) => createHmac('sha256', SECRET).update(name + CLIENT).digest('base64');
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(payload)}.c2lnbmF0dXJl`;
const exp = () => Math.floor(Date.now() / 1000) + 3600;
const TOKENS = () => ({
  IdToken: jwt({ sub: 'sub-1', 'cognito:username': 'internal-1', email: 'ann@example.com', 'cognito:groups': ['admins'], exp: exp(), token_use: 'id' }),
  AccessToken: jwt({ sub: 'sub-1', username: 'internal-1', exp: exp(), token_use: 'access' }),
  RefreshToken: 'refresh-token-opaque',
  ExpiresIn: 3600,
  TokenType: 'Bearer',
});
const env = (extra: Record<string, string | undefined> = {}) =>
  isolatedEnv({ COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT, COGNITO_CLIENT_SECRET: SECRET, ...extra });
const SRP_B = 'ab'.repeat(384);
const verifierChallenge = {
  ChallengeName: 'PASSWORD_VERIFIER' as const,
  ChallengeParameters: { USER_ID_FOR_SRP: 'internal-1', USERNAME: 'internal-1', SRP_B, SALT: 'f0'.repeat(16), SECRET_BLOCK: Buffer.from('block').toString('base64') },
};
const responses = () => mock.commandCalls(RespondToAuthChallengeCommand).map((c) => c.args[0].input);

describe('auth login: flows', () => {
  it('password flow: USER_PASSWORD_AUTH with SECRET_HASH over the typed name; -o json prints exactly the tokens; the session is saved', async () => {
    const tokens = TOKENS();
    mock.on(InitiateAuthCommand).resolves({ AuthenticationResult: tokens });
    const e = env({ COGNITO_PASSWORD: PASSWORD });
    const result = await runCli(['auth', 'login', 'ann@example.com', '--flow', 'password', '-o', 'json'], { env: e });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(mock.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT,
      AuthParameters: { USERNAME: 'ann@example.com', PASSWORD, SECRET_HASH: hash('ann@example.com') },
    });
    expect(JSON.parse(result.stdout)).toEqual(tokens);
    const ctx = new Context({}, { env: e, streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() } });
    const saved = sessionStore(ctx).load('default')!;
    expect(saved).toMatchObject({ username: 'ann@example.com', internalUsername: 'internal-1', poolId: POOL, clientId: CLIENT, refreshToken: 'refresh-token-opaque' });
  });

  it('srp flow: SRP_A first, then PASSWORD_VERIFIER answered as USER_ID_FOR_SRP with SECRET_HASH over it', async () => {
    mock.on(InitiateAuthCommand).resolves(verifierChallenge);
    mock.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann@example.com', '-o', 'table'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code, result.stderr).toBe(0);
    const initiate = mock.commandCalls(InitiateAuthCommand)[0]!.args[0].input;
    expect(initiate.AuthFlow).toBe('USER_SRP_AUTH');
    expect(initiate.AuthParameters).toEqual({ USERNAME: 'ann@example.com', SECRET_HASH: hash('ann@example.com'), SRP_A: expect.stringMatching(/^[0-9a-f]{700,}$/) });
    const [answer] = responses();
    expect(answer).toMatchObject({ ClientId: CLIENT, ChallengeName: 'PASSWORD_VERIFIER' });
    expect(answer!.ChallengeResponses).toEqual({
      USERNAME: 'internal-1',
      SECRET_HASH: hash('internal-1'),
      PASSWORD_CLAIM_SECRET_BLOCK: verifierChallenge.ChallengeParameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      TIMESTAMP: expect.stringMatching(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/),
    });
    // Table output: who, groups, expiry; never a token.
    expect(result.stdout).toMatch(/signed in as\s*│\s*ann@example\.com/);
    expect(result.stdout).toMatch(/username\s*│\s*internal-1/);
    expect(result.stdout).toMatch(/groups\s*│\s*admins/);
    expect(result.stdout).not.toContain('eyJ');
    expect(result.stdout).not.toContain('refresh-token-opaque');
  });

  it('admin flow: AdminInitiateAuth and AdminRespondToAuthChallenge with the pool id', async () => {
    mock.on(AdminInitiateAuthCommand).resolves({
      ChallengeName: 'SMS_MFA',
      Session: 'session-1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'internal-1', CODE_DELIVERY_DESTINATION: '+*******0123' },
    });
    mock.on(AdminRespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'admin', '--mfa-code', '123 456', '--no-save'], {
      env: env({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(AdminInitiateAuthCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      ClientId: CLIENT,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ann', PASSWORD, SECRET_HASH: hash('ann') },
    });
    expect(mock.commandCalls(AdminRespondToAuthChallengeCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      ClientId: CLIENT,
      ChallengeName: 'SMS_MFA',
      Session: 'session-1',
      ChallengeResponses: { SMS_MFA_CODE: '123456', USERNAME: 'internal-1', SECRET_HASH: hash('internal-1') },
    });
    expect(result.stderr).toMatch(/Cognito sent a code to \+\*+0123\./);
  });

  it('a public client (no secret configured or found) sends no SECRET_HASH', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: CLIENT } });
    mock.on(InitiateAuthCommand).resolves({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password'], {
      env: env({ COGNITO_CLIENT_SECRET: undefined, COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(InitiateAuthCommand)[0]!.args[0].input.AuthParameters).toEqual({ USERNAME: 'ann', PASSWORD });
  });

  it('custom flow: CUSTOM_AUTH with no password, answers from --answer, one per round', async () => {
    mock.on(InitiateAuthCommand).resolves({
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: 's1',
      ChallengeParameters: { USERNAME: 'internal-1', question: '2+2?' },
    });
    mock
      .on(RespondToAuthChallengeCommand)
      .resolvesOnce({ ChallengeName: 'CUSTOM_CHALLENGE', Session: 's2', ChallengeParameters: { USERNAME: 'internal-1', question: 'colour?' } })
      .resolvesOnce({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'custom', '--answer', '4', '--answer', 'blue'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(InitiateAuthCommand)[0]!.args[0].input.AuthParameters).toEqual({ USERNAME: 'ann', SECRET_HASH: hash('ann') });
    expect(responses().map((r) => [r.Session, r.ChallengeResponses!.ANSWER])).toEqual([['s1', '4'], ['s2', 'blue']]);
    expect(result.stderr).toContain('Custom challenge: question=2+2?');
    expect(result.stderr).toContain('Custom challenge: question=colour?');
  });
});

describe('auth login: challenges and inputs', () => {
  it('NEW_PASSWORD_REQUIRED on a terminal: masked prompts (new password twice) and the missing attribute', async () => {
    mock.on(InitiateAuthCommand).resolves({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 's1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'internal-1', requiredAttributes: '["userAttributes.name","userAttributes.family_name"]', userAttributes: '{}' },
    });
    mock.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS() });
    const prompter = scriptedPrompter([PASSWORD, 'Smith', 'New-Pass-1!', 'New-Pass-1!']);
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--attr', 'name=Ann'], { env: env(), tty: true, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(prompter.asked).toEqual(['Password for ann', 'Value for the required attribute family_name', 'New password for ann', 'Repeat the new password']);
    expect(responses()[0]!.ChallengeResponses).toEqual({
      'userAttributes.name': 'Ann',
      'userAttributes.family_name': 'Smith',
      NEW_PASSWORD: 'New-Pass-1!',
      USERNAME: 'internal-1',
      SECRET_HASH: hash('internal-1'),
    });
  });

  it('NEW_PASSWORD_REQUIRED without a terminal and without a second stdin line names the ways to give it', async () => {
    mock.on(InitiateAuthCommand).resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: 'u' } });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--password-stdin'], { env: env(), stdin: `${PASSWORD}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: a new password \(Cognito requires a new password at this sign-in\) is required: pass a second line on stdin \(after the password\) or COGNITO_NEW_PASSWORD/m,
    );
    expect(mock.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(0);
  });

  it('SOFTWARE_TOKEN_MFA: the code computed from COGNITO_TOTP_SECRET; a used code is replaced by the next window\'s', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    mock.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1', ChallengeParameters: {} });
    mock
      .on(RespondToAuthChallengeCommand)
      .rejectsOnce(awsError('ExpiredCodeException', 'Your software token has already been used once.'))
      .resolvesOnce({ AuthenticationResult: TOKENS() });
    const before = Date.now();
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password'], { env: env({ COGNITO_PASSWORD: PASSWORD, COGNITO_TOTP_SECRET: secret }) });
    expect(result.code, result.stderr).toBe(0);
    const [first, second] = responses().map((r) => r.ChallengeResponses!.SOFTWARE_TOKEN_MFA_CODE);
    const codesAround = (t: number) => [totpFromBase32(secret, { time: t }), totpFromBase32(secret, { time: t + 30_000 }), totpFromBase32(secret, { time: t + 60_000 })];
    expect(codesAround(before).slice(0, 2)).toContain(first);
    expect(codesAround(before).slice(1)).toContain(second);
    expect(second).not.toBe(first);
    // With no USER_ID_FOR_SRP in the challenge, the typed name is all there is.
    expect(responses()[0]!.ChallengeResponses!.USERNAME).toBe('ann');
    expect(result.stderr).toContain('The current TOTP code was used already; answering with the next one.');
  });

  it('a TOTP secret that is not base32 is a usage error that does not repeat it', async () => {
    mock.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1', ChallengeParameters: {} });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--totp-secret', 'not-base32-1890!'], {
      env: env({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --totp-secret is not a base32 TOTP secret/m);
    // Accepted on argv as the SPEC asks, with a word about who else can read it.
    expect(result.stderr).toMatch(/^warning: --totp-secret on the command line is visible to other users of this machine .* prefer COGNITO_TOTP_SECRET or --totp-secret - \(stdin\)$/m);
    expect(result.stderr).not.toContain('not-base32-1890!');
  });

  it('a wrong MFA code is an authentication failure (exit 4)', async () => {
    mock.on(InitiateAuthCommand).resolves({ ChallengeName: 'EMAIL_OTP', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: 'u' } });
    mock.on(RespondToAuthChallengeCommand).rejects(awsError('CodeMismatchException', 'Invalid code or auth state for the user.'));
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--mfa-code', '000000'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Invalid code or auth state for the user\. \(CodeMismatchException\)$/m);
    expect(responses()[0]!.ChallengeResponses).toMatchObject({ EMAIL_OTP_CODE: '000000' });
  });

  it('SELECT_MFA_TYPE on a terminal offers a picker of the factors the user has', async () => {
    mock.on(InitiateAuthCommand).resolves({
      ChallengeName: 'SELECT_MFA_TYPE',
      Session: 's1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'u', MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]' },
    });
    mock
      .on(RespondToAuthChallengeCommand)
      .resolvesOnce({ ChallengeName: 'EMAIL_OTP', Session: 's2', ChallengeParameters: { USER_ID_FOR_SRP: 'u', CODE_DELIVERY_DESTINATION: 'a***@e***' } })
      .resolvesOnce({ AuthenticationResult: TOKENS() });
    const prompter = scriptedPrompter([PASSWORD, 'EMAIL_OTP', '654321']);
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--no-save'], { env: env(), tty: true, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(prompter.asked).toEqual(['Password for ann', 'Which second factor?', 'Code (sent to a***@e***)']);
    expect(responses().map((r) => r.ChallengeResponses)).toEqual([
      { ANSWER: 'EMAIL_OTP', USERNAME: 'u', SECRET_HASH: hash('u') },
      { EMAIL_OTP_CODE: '654321', USERNAME: 'u', SECRET_HASH: hash('u') },
    ]);
  });

  it('SELECT_MFA_TYPE without a terminal needs --mfa-type', async () => {
    mock.on(InitiateAuthCommand).resolves({
      ChallengeName: 'SELECT_MFA_TYPE',
      Session: 's1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'u', MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]' },
    });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: the MFA type \(sms, email\) is required: pass --mfa-type/m);
  });

  it('MFA_SETUP: the TOTP enrolment runs on the challenge Session, and MFA_SETUP is answered with the verified Session', async () => {
    mock.on(InitiateAuthCommand).resolves({
      ChallengeName: 'MFA_SETUP',
      Session: 'setup-1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'internal-1', MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
    });
    mock.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 'setup-2' });
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Name: 'shop' } });
    mock.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS', Session: 'setup-3' });
    mock.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--self-verify', '--device-name', 'ci', '-o', 'table'], {
      env: env({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(AssociateSoftwareTokenCommand)[0]!.args[0].input).toEqual({ Session: 'setup-1' });
    expect(mock.commandCalls(VerifySoftwareTokenCommand)[0]!.args[0].input).toMatchObject({ Session: 'setup-2', FriendlyDeviceName: 'ci' });
    expect(responses()).toEqual([
      { ClientId: CLIENT, ChallengeName: 'MFA_SETUP', Session: 'setup-3', ChallengeResponses: { USERNAME: 'internal-1', SECRET_HASH: hash('internal-1') } },
    ]);
    expect(result.stderr).toMatch(/ann must set up MFA before signing in/);
  });

  it('MFA_SETUP that offers no TOTP stops with exit 4 and says why', async () => {
    mock.on(InitiateAuthCommand).resolves({
      ChallengeName: 'MFA_SETUP',
      Session: 's',
      ChallengeParameters: { USER_ID_FOR_SRP: 'u', MFAS_CAN_SETUP: '["SMS_MFA"]' },
    });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: ann must set up MFA \(SMS_MFA\), and cognito-admin can set up only TOTP \(MFA_SETUP\)$/m);
  });

  it('an unknown challenge is a clear error naming it (exit 1)', async () => {
    mock.on(InitiateAuthCommand).resolves(verifierChallenge);
    mock.on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'SOME_NEW_CHALLENGE' as never, Session: 's', ChallengeParameters: {} });
    const result = await runCli(['auth', 'login', 'ann'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Cognito asked for the SOME_NEW_CHALLENGE challenge, which cognito-admin does not handle \(SOME_NEW_CHALLENGE\)$/m);
  });

  it('DEVICE_SRP_AUTH without a device saved here: exit 4 and the way out', async () => {
    mock.on(InitiateAuthCommand).resolves(verifierChallenge);
    mock.on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'DEVICE_SRP_AUTH', Session: 's', ChallengeParameters: {} });
    const result = await runCli(['auth', 'login', 'ann'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/no remembered device of this user is saved here \(DEVICE_SRP_AUTH\)$/m);
    expect(result.stderr).toMatch(/^hint: sign in again with --remember-device/m);
  });
});

describe('auth login: errors', () => {
  it('wrong password: exit 4, nothing saved, the password never printed even with --debug', async () => {
    mock.on(InitiateAuthCommand).rejects(awsError('NotAuthorizedException', 'Incorrect username or password.'));
    const e = env({ COGNITO_PASSWORD: 'Wrong-Pass-9!' });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--debug'], { env: e });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Incorrect username or password\. \(NotAuthorizedException\)$/m);
    expect(result.stdout + result.stderr).not.toContain('Wrong-Pass-9!');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('a flow the client does not allow is a usage error with a hint', async () => {
    mock.on(InitiateAuthCommand).rejects(awsError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'));
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hint: the app client does not allow the password flow: enable it on the client, or try --flow srp$/m);
  });

  it('no password source and no terminal: usage error before any call; an unknown --flow is refused by commander', async () => {
    const none = await runCli(['auth', 'login', 'ann'], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: the password is required: pass --password-stdin or COGNITO_PASSWORD/m);
    const bad = await runCli(['auth', 'login', 'ann', '--flow', 'magic'], { env: env() });
    expect(bad.code).toBe(2);
    expect(mock.calls()).toHaveLength(0);
  });

  it('has no option that takes a password on argv', async () => {
    const help = await runCli(['auth', 'login', '--help']);
    expect(help.stdout).not.toMatch(/--password[ =]</);
    expect(help.stdout).toMatch(/--password-stdin/);
  });
});
