// auth login's choice-based flow and device handling on the strict SDK mock: what is sent for
// each first factor, where a one-time code comes from, and what happens to a device the sign-in
// returns.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import {
  ConfirmDeviceCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { useStrictIdpMock } from '../../../support/sdk-mock.js';
import { sessionStore } from '../../../../src/commands/auth/active-session.js';
import { Context } from '../../../../src/context.js';

const mock = useStrictIdpMock();

const POOL = 'eu-west-1_Pool1';
const CLIENT = 'client1';
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(payload)}.c2lnbmF0dXJl`;
const TOKENS = () => ({
  IdToken: jwt({ 'cognito:username': 'internal-1', exp: Math.floor(Date.now() / 1000) + 3600 }),
  AccessToken: jwt({ username: 'internal-1', exp: Math.floor(Date.now() / 1000) + 3600 }),
  RefreshToken: 'refresh-token-opaque',
  ExpiresIn: 3600,
  TokenType: 'Bearer',
});
// A public client: DescribeUserPoolClient finds no secret, so no SECRET_HASH is sent.
const env = (extra: Record<string, string | undefined> = {}) =>
  isolatedEnv({ COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT, COGNITO_CLIENT_SECRET: undefined, ...extra });

describe('auth login --flow user-auth', () => {
  it('SELECT_CHALLENGE answered from --prefer email-otp, the code from COGNITO_OTP_CODE; no password asked', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: CLIENT } });
    mock.on(InitiateAuthCommand).resolves({ ChallengeName: 'SELECT_CHALLENGE', Session: 's1', AvailableChallenges: ['PASSWORD', 'EMAIL_OTP'], ChallengeParameters: {} });
    mock
      .on(RespondToAuthChallengeCommand)
      .resolvesOnce({ ChallengeName: 'EMAIL_OTP', Session: 's2', ChallengeParameters: { USERNAME: 'internal-1', CODE_DELIVERY_DESTINATION: 'a***@e***' } })
      .resolvesOnce({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'user-auth', '--prefer', 'email-otp', '--no-save'], { env: env({ COGNITO_OTP_CODE: '123 456' }) });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      ClientId: CLIENT,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'ann', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    const answers = mock.commandCalls(RespondToAuthChallengeCommand).map((c) => c.args[0].input);
    expect(answers.map((a) => [a.ChallengeName, a.Session, a.ChallengeResponses])).toEqual([
      ['SELECT_CHALLENGE', 's1', { ANSWER: 'EMAIL_OTP', USERNAME: 'ann' }],
      ['EMAIL_OTP', 's2', { EMAIL_OTP_CODE: '123456', USERNAME: 'internal-1' }],
    ]);
    expect(result.stderr).toMatch(/Cognito sent a sign-in code to a\*\*\*@e\*\*\*\./);
  });

  it('a --prefer the user lacks is exit 2 naming what they can use', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: CLIENT } });
    mock.on(InitiateAuthCommand).resolves({ ChallengeName: 'SELECT_CHALLENGE', Session: 's1', AvailableChallenges: ['EMAIL_OTP', 'WEB_AUTHN'], ChallengeParameters: {} });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'user-auth', '--prefer', 'sms-otp'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --prefer sms-otp: ann can sign in only with email-otp, web-authn \(SELECT_CHALLENGE\)$/m);
    expect(result.stderr).toMatch(/^hint: pass --prefer with one of: email-otp$/m);
    expect(mock.commandCalls(RespondToAuthChallengeCommand)).toEqual([]);
  });
});

describe('auth login: the device a sign-in returns', () => {
  const withDevice = () => ({ ...TOKENS(), NewDeviceMetadata: { DeviceKey: 'eu-west-1_dev-1', DeviceGroupKey: '-grp' } });

  it('--remember-device: ConfirmDevice with a verifier, then remembered; the key, group key and secret saved beside the session', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: CLIENT } });
    mock.on(InitiateAuthCommand).resolves({ AuthenticationResult: withDevice() });
    mock.on(ConfirmDeviceCommand).resolves({ UserConfirmationNecessary: true });
    mock.on(UpdateDeviceStatusCommand).resolves({});
    const e = env({ COGNITO_PASSWORD: 'Pass-word-1!' });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--remember-device'], { env: e });
    expect(result.code, result.stderr).toBe(0);
    const confirm = mock.commandCalls(ConfirmDeviceCommand)[0]!.args[0].input;
    expect(confirm).toMatchObject({ DeviceKey: 'eu-west-1_dev-1', DeviceSecretVerifierConfig: { PasswordVerifier: expect.any(String), Salt: expect.any(String) } });
    expect(mock.commandCalls(UpdateDeviceStatusCommand)[0]!.args[0].input).toMatchObject({ DeviceKey: 'eu-west-1_dev-1', DeviceRememberedStatus: 'remembered' });
    const ctx = new Context({}, { env: e, streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() } });
    const saved = sessionStore(ctx).loadDevice('default', 'ann', POOL)!;
    expect(saved).toMatchObject({ key: 'eu-west-1_dev-1', groupKey: '-grp', remembered: true });
    expect(Buffer.from(saved.secret, 'base64')).toHaveLength(40);
    expect(result.stdout + result.stderr).not.toContain(saved.secret);
  });

  it('--remember-device in a pool that tracks no devices: a warning, and the sign-in still succeeds', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: CLIENT } });
    mock.on(InitiateAuthCommand).resolves({ AuthenticationResult: TOKENS() });
    const result = await runCli(['auth', 'login', 'ann', '--flow', 'password', '--remember-device'], { env: env({ COGNITO_PASSWORD: 'Pass-word-1!' }) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: --remember-device: the pool returned no device to remember/);
  });
});
