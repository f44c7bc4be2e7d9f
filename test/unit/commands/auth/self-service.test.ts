// auth sign-up | confirm-sign-up | resend-code | forgot-password | confirm-forgot-password |
// change-password with a strict SDK mock: the requests, the SecretHash, where passwords and codes
// come from, and that they never reach the output.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';
import { Context } from '../../../../src/context.js';
import { saveSession } from '../../../../src/commands/auth/active-session.js';

const mock = useStrictIdpMock();

const POOL = 'eu-west-1_Pool1';
const CLIENT = 'client1';
const SECRET = 'client-secret-value-123';
const PASSWORD = 'Sign-up-Pass-1!';
const hash = (name: string) => createHmac('sha256', SECRET).update(name + CLIENT).digest('base64');
const env = (extra: Record<string, string | undefined> = {}) =>
  isolatedEnv({ COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT, COGNITO_CLIENT_SECRET: SECRET, ...extra });
const EMAIL_DELIVERY = { Destination: 'a***@e***', DeliveryMedium: 'EMAIL' as const, AttributeName: 'email' };

describe('auth sign-up', () => {
  it('sends SignUp with the attributes, the password from stdin and the SecretHash; prints the code delivery', async () => {
    mock.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'sub-1', CodeDeliveryDetails: EMAIL_DELIVERY });
    const result = await runCli(
      ['auth', 'sign-up', 'ann', '--email', 'ann@example.com', '--phone', '+447700900123', '--attr', 'name=Ann', '--password-stdin', '--debug'],
      { env: env(), stdin: `${PASSWORD}\n` },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(SignUpCommand)[0]!.args[0].input).toEqual({
      ClientId: CLIENT,
      Username: 'ann',
      Password: PASSWORD,
      SecretHash: hash('ann'),
      UserAttributes: [
        { Name: 'name', Value: 'Ann' },
        { Name: 'email', Value: 'ann@example.com' },
        { Name: 'phone_number', Value: '+447700900123' },
      ],
    });
    expect(JSON.parse(result.stdout)).toEqual({
      username: 'ann',
      userSub: 'sub-1',
      confirmed: false,
      codeDelivery: { destination: 'a***@e***', medium: 'EMAIL', attribute: 'email' },
    });
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    expect(result.stdout + result.stderr).not.toContain(hash('ann'));
  });

  it('asks for the password twice on a terminal; table output says what to do next', async () => {
    mock.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'sub-1', CodeDeliveryDetails: EMAIL_DELIVERY });
    const prompter = scriptedPrompter([PASSWORD, PASSWORD]);
    const result = await runCli(['auth', 'sign-up', 'ann', '-o', 'table'], { env: env(), tty: true, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(prompter.asked).toEqual(['A password for the new user', 'Repeat it']);
    expect(result.stderr).toMatch(/signed up ann: Cognito sent a confirmation code to a\*\*\*@e\*\*\* by email; next: cognito-admin auth confirm-sign-up ann --code <code>/);
  });

  it('checks the attributes before any call, and needs a password source without a terminal', async () => {
    const bad = await runCli(['auth', 'sign-up', 'ann', '--email', 'not-an-email'], { env: env({ COGNITO_PASSWORD: PASSWORD }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--email "not-an-email" is not an email address/);
    const none = await runCli(['auth', 'sign-up', 'ann'], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/a password for the new user is required: pass --password-stdin or COGNITO_PASSWORD/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('a public client without a known pool sends no SecretHash and makes no lookup', async () => {
    mock.on(SignUpCommand).resolves({ UserConfirmed: true, UserSub: 'sub-1' });
    const result = await runCli(['auth', 'sign-up', 'ann', '--client', CLIENT], {
      env: isolatedEnv({ COGNITO_PASSWORD: PASSWORD }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(SignUpCommand)[0]!.args[0].input.SecretHash).toBeUndefined();
    expect(mock.commandCalls(DescribeUserPoolClientCommand)).toHaveLength(0);
  });

  it('a secret it does not know: Cognito\'s refusal comes with the hint', async () => {
    mock.on(DescribeUserPoolClientCommand).rejects(awsError('AccessDeniedException'));
    mock.on(SignUpCommand).rejects(awsError('NotAuthorizedException', `Client ${CLIENT} is configured with secret but SECRET_HASH was not received`));
    const result = await runCli(['auth', 'sign-up', 'ann'], { env: env({ COGNITO_CLIENT_SECRET: undefined, COGNITO_PASSWORD: PASSWORD }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^hint: the app client has a secret: set COGNITO_CLIENT_SECRET/m);
  });
});

describe('auth confirm-sign-up and resend-code', () => {
  it('confirms with --code, or the code from stdin with --code -', async () => {
    mock.on(ConfirmSignUpCommand).resolves({});
    for (const [argv, stdin] of [[['--code', '123456'], undefined], [['--code', '-'], '123456\n']] as const) {
      mock.resetHistory();
      const result = await runCli(['auth', 'confirm-sign-up', 'ann', ...argv, '--debug'], { env: env(), stdin });
      expect(result.code, result.stderr).toBe(0);
      expect(mock.commandCalls(ConfirmSignUpCommand)[0]!.args[0].input).toEqual({
        ClientId: CLIENT,
        Username: 'ann',
        ConfirmationCode: '123456',
        SecretHash: hash('ann'),
      });
      expect(JSON.parse(result.stdout)).toEqual({ username: 'ann', confirmed: true });
      expect(result.stderr).not.toContain('123456');
    }
  });

  it('without --code and a terminal, names --code', async () => {
    const result = await runCli(['auth', 'confirm-sign-up', 'ann'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the confirmation code is required: pass --code/);
  });

  it('resend-code reports where the new code went', async () => {
    mock.on(ResendConfirmationCodeCommand).resolves({ CodeDeliveryDetails: EMAIL_DELIVERY });
    const result = await runCli(['auth', 'resend-code', 'ann', '-o', 'table'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(ResendConfirmationCodeCommand)[0]!.args[0].input).toEqual({ ClientId: CLIENT, Username: 'ann', SecretHash: hash('ann') });
    expect(result.stderr).toMatch(/Cognito sent a new confirmation code to a\*\*\*@e\*\*\* by email/);
  });
});

describe('auth forgot-password and confirm-forgot-password', () => {
  it('forgot-password starts the reset; confirm takes the code and the new password (COGNITO_NEW_PASSWORD)', async () => {
    mock.on(ForgotPasswordCommand).resolves({ CodeDeliveryDetails: EMAIL_DELIVERY });
    mock.on(ConfirmForgotPasswordCommand).resolves({});
    const forgot = await runCli(['auth', 'forgot-password', 'ann'], { env: env() });
    expect(forgot.code).toBe(0);
    expect(mock.commandCalls(ForgotPasswordCommand)[0]!.args[0].input).toEqual({ ClientId: CLIENT, Username: 'ann', SecretHash: hash('ann') });

    const confirm = await runCli(['auth', 'confirm-forgot-password', 'ann', '--code', '777777'], { env: env({ COGNITO_NEW_PASSWORD: 'New-Pass-2!' }) });
    expect(confirm.code, confirm.stderr).toBe(0);
    expect(mock.commandCalls(ConfirmForgotPasswordCommand)[0]!.args[0].input).toEqual({
      ClientId: CLIENT,
      Username: 'ann',
      ConfirmationCode: '777777',
      Password: 'New-Pass-2!',
      SecretHash: hash('ann'),
    });
  });

  it('the code and the new password can both come from stdin, in that order', async () => {
    mock.on(ConfirmForgotPasswordCommand).resolves({});
    const result = await runCli(['auth', 'confirm-forgot-password', 'ann', '--code', '-', '--password-stdin'], {
      env: env(),
      stdin: '777777\nNew-Pass-3!\n',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(ConfirmForgotPasswordCommand)[0]!.args[0].input).toMatchObject({ ConfirmationCode: '777777', Password: 'New-Pass-3!' });
  });

  it('a password the pool refuses is a usage error with the policy hint', async () => {
    mock.on(ConfirmForgotPasswordCommand).rejects(awsError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'));
    const result = await runCli(['auth', 'confirm-forgot-password', 'ann', '--code', '777777'], { env: env({ COGNITO_NEW_PASSWORD: 'short' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hint: the password does not meet the pool's password policy/);
  });
});

describe('auth change-password', () => {
  function withSession() {
    const e = env();
    const ctx = new Context({}, { env: e, streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() } });
    const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64url({ alg: 'RS256' })}.${b64url({ username: 'ann', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
    saveSession(ctx, { username: 'ann', poolId: POOL, clientId: CLIENT, result: { IdToken: token, AccessToken: token, RefreshToken: 'r' } });
    return { env: e, token };
  }

  it('current and new password from stdin lines 1 and 2, with the saved access token', async () => {
    const { env: e, token } = withSession();
    mock.on(ChangePasswordCommand).resolves({});
    const result = await runCli(['auth', 'change-password', '--password-stdin', '--debug'], { env: e, stdin: 'Old-Pass-1!\nNew-Pass-1!\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(ChangePasswordCommand)[0]!.args[0].input).toEqual({
      AccessToken: token,
      PreviousPassword: 'Old-Pass-1!',
      ProposedPassword: 'New-Pass-1!',
    });
    expect(result.stderr).not.toMatch(/Old-Pass-1!|New-Pass-1!/);
  });

  it('or COGNITO_PASSWORD and COGNITO_NEW_PASSWORD; a wrong current password is exit 4', async () => {
    const { env: e } = withSession();
    mock.on(ChangePasswordCommand).rejects(awsError('NotAuthorizedException', 'Incorrect username or password.'));
    const result = await runCli(['auth', 'change-password'], { env: { ...e, COGNITO_PASSWORD: 'Old', COGNITO_NEW_PASSWORD: 'New-Pass-1!' } });
    expect(result.code).toBe(4);
    expect(mock.commandCalls(ChangePasswordCommand)[0]!.args[0].input).toMatchObject({ PreviousPassword: 'Old', ProposedPassword: 'New-Pass-1!' });
  });
});
