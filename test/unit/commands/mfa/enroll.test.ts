// mfa enroll through the CLI in-process: the saved session's access token (refreshed when it has
// expired), the issuer, the device name, the JSON/stdin handshake, and the missing-session error.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import {
  AssociateSoftwareTokenCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Context } from '../../../../src/context.js';
import { saveSession } from '../../../../src/commands/auth/active-session.js';
import { buildOtpauthUri } from '../../../../src/auth/otpauth.js';
import { totpFromBase32 } from '../../../../src/auth/totp.js';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Enrol2';
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(payload)}.c2ln`;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

const mock = useStrictIdpMock();

/** A saved session for `username`, as `auth login` leaves it. */
function signedIn(username: string, accessToken: string, exp = inAnHour(), env = isolatedEnv()) {
  const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  saveSession(new Context({}, { env, streams }), {
    username,
    poolId: POOL,
    clientId: 'client-1',
    result: {
      AccessToken: accessToken,
      IdToken: jwt({ 'cognito:username': `${username}-id`, exp }),
      RefreshToken: 'refresh-token-value',
    },
  });
  return env;
}

function stubEnrolment(accessToken: string) {
  mock.on(AssociateSoftwareTokenCommand, { AccessToken: accessToken }).resolves({ SecretCode: SECRET });
  mock.on(DescribeUserPoolCommand, { UserPoolId: POOL }).resolves({ UserPool: { Name: 'Acme Shop' } });
  mock.on(VerifySoftwareTokenCommand).callsFake((input) => {
    // The current window or the one before: the code may have been computed just before a boundary.
    const accepted = [0, -30_000].map((d) => totpFromBase32(SECRET, { time: Date.now() + d }));
    if (!accepted.includes(input.UserCode!)) throw awsError('EnableSoftwareTokenMFAException');
    return { Status: 'SUCCESS' };
  });
  mock.on(SetUserMFAPreferenceCommand).resolves({});
}

describe('mfa enroll', () => {
  it("enrols the saved session's user: its access token, the pool name as issuer, the device name", async () => {
    const token = jwt({ username: 'ann-id', exp: inAnHour() });
    const env = signedIn('ann', token);
    stubEnrolment(token);
    const prompter = scriptedPrompter([totpFromBase32(SECRET)]);
    const result = await runCli(['mfa', 'enroll', '--device-name', 'Pixel', '-o', 'table'], { env, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('GEZD GNBV GY3T QOJQ GEZD');
    expect(mock.commandCalls(VerifySoftwareTokenCommand)[0]!.args[0].input).toMatchObject({ AccessToken: token, FriendlyDeviceName: 'Pixel' });
    expect(mock.commandCalls(SetUserMFAPreferenceCommand)[0]!.args[0].input).toEqual({
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    expect(result.stderr).toContain('✓ TOTP MFA enabled and preferred for ann (device "Pixel")');
  });

  it('-o json: {"secret","uri"} on stdout, the code from stdin; --issuer skips the pool lookup', async () => {
    const token = jwt({ username: 'bob-id', exp: inAnHour() });
    const env = signedIn('bob@example.com', token);
    stubEnrolment(token);
    const result = await runCli(['mfa', 'enroll', 'bob@example.com', '--issuer', 'Acme: Prod', '-o', 'json'], {
      env,
      stdin: `${totpFromBase32(SECRET)}\n`,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      secret: SECRET,
      uri: buildOtpauthUri({ issuer: 'Acme: Prod', account: 'bob@example.com', secret: SECRET }),
    });
    expect(JSON.parse(result.stdout).uri).toBe(
      `otpauth://totp/Acme%3A%20Prod:bob%40example.com?secret=${SECRET}&issuer=Acme%3A%20Prod`,
    );
    expect(mock.commandCalls(DescribeUserPoolCommand)).toHaveLength(0);
  });

  it('refreshes an expired session first and enrols with the new access token', async () => {
    const old = jwt({ username: 'cy-id', exp: 10 });
    const env = signedIn('cy', old, 10);
    const fresh = jwt({ username: 'cy-id', exp: inAnHour() });
    // A public client: the refresh needs no SECRET_HASH.
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'client-1', UserPoolId: POOL } });
    mock.on(GetTokensFromRefreshTokenCommand).resolves({ AuthenticationResult: { AccessToken: fresh, IdToken: jwt({ exp: inAnHour() }) } });
    stubEnrolment(fresh);
    const result = await runCli(['mfa', 'enroll', '--self-verify', '-o', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(GetTokensFromRefreshTokenCommand)[0]!.args[0].input).toEqual({ ClientId: 'client-1', RefreshToken: 'refresh-token-value' });
    expect(mock.commandCalls(AssociateSoftwareTokenCommand)[0]!.args[0].input).toEqual({ AccessToken: fresh });
  });

  it('without a saved session and no way to sign in here: exit 4, a hint, and no AWS call', async () => {
    const result = await runCli(['mfa', 'enroll', 'dee']);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      'error: mfa enroll acts as a signed-in user, and there is no saved session for dee\n' +
        'hint: sign in first with `cognito-admin auth login dee`, then run `cognito-admin mfa enroll` again ' +
        '(or set COGNITO_PASSWORD to sign in here)\n',
    );
    expect(mock.calls()).toHaveLength(0);
  });

  it('three wrong codes: exit 1, nothing enabled', async () => {
    const token = jwt({ username: 'eve-id', exp: inAnHour() });
    const env = signedIn('eve', token);
    stubEnrolment(token);
    const wrong = String((Number(totpFromBase32(SECRET)) + 3) % 1_000_000).padStart(6, '0');
    const result = await runCli(['mfa', 'enroll', '-o', 'json'], { env, stdin: `${wrong}\n${wrong}\n${wrong}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: that code was not accepted; gave up after 3 tries (EnableSoftwareTokenMFAException)');
    expect(result.stderr).toContain("hint: nothing was enabled: start the enrolment again, and check the phone's clock");
    expect(mock.commandCalls(SetUserMFAPreferenceCommand)).toHaveLength(0);
  });
});
