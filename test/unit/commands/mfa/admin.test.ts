// mfa status | disable against a strict SDK mock: the admin view of a user's MFA, and turning it
// off only after a confirmation (terminal) or --yes.
import { describe, expect, it } from 'vitest';
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_MfaAdm1';
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });
const mock = useStrictIdpMock();

const withTotpAndSms = {
  Username: 'ann',
  UserMFASettingList: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'],
  PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
  MFAOptions: [{ DeliveryMedium: 'SMS' as const, AttributeName: 'phone_number' }],
};

describe('mfa status', () => {
  it('prints methods, the preferred one and the legacy SMS options as JSON', async () => {
    mock.on(AdminGetUserCommand, { UserPoolId: POOL, Username: 'ann' }).resolves(withTotpAndSms);
    const result = await runCli(['mfa', 'status', 'ann', '-o', 'json'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      username: 'ann',
      methods: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
      mfaOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
    });
  });

  it('says "none" for a user without MFA, as text', async () => {
    mock.on(AdminGetUserCommand).resolves({ Username: 'bob' });
    const result = await runCli(['mfa', 'status', 'bob', '-o', 'text'], { env: env() });
    expect(result.stdout).toBe('username: bob\nmethods: none\npreferred: none\nsms options: \n');
  });

  it('an unknown user: exit 1 with the AWS error and a hint', async () => {
    mock.on(AdminGetUserCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['mfa', 'status', 'nobody'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: User does not exist. (UserNotFoundException)');
    expect(result.stderr).toContain('hint: `cognito-admin user list`');
  });
});

describe('mfa disable', () => {
  it('refuses without a terminal and without --yes, before changing anything (exit 2)', async () => {
    mock.on(AdminGetUserCommand).resolves(withTotpAndSms);
    const result = await runCli(['mfa', 'disable', 'ann'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`refusing to turn off MFA (TOTP, SMS) for ann in pool ${POOL} without confirmation: pass --yes`);
    expect(mock.commandCalls(AdminSetUserMFAPreferenceCommand)).toHaveLength(0);
  });

  it('--yes turns off exactly the methods that are on', async () => {
    mock.on(AdminGetUserCommand).resolves(withTotpAndSms);
    mock.on(AdminSetUserMFAPreferenceCommand).resolves({});
    const result = await runCli(['mfa', 'disable', 'ann', '--yes', '-o', 'json'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(AdminSetUserMFAPreferenceCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ann',
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
      SMSMfaSettings: { Enabled: false, PreferredMfa: false },
    });
    expect(JSON.parse(result.stdout)).toEqual({ username: 'ann', disabled: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'] });
  });

  it('asks on a terminal; "no" changes nothing (exit 1), "yes" turns email OTP off too', async () => {
    mock.on(AdminGetUserCommand).resolves({ Username: 'cy', UserMFASettingList: ['EMAIL_OTP'] });
    const no = scriptedPrompter([false]);
    const cancelled = await runCli(['mfa', 'disable', 'cy'], { env: env(), tty: true, prompter: no });
    expect(no.asked).toEqual([`Turn off MFA (email) for cy in pool ${POOL}?`]);
    expect(cancelled.code).toBe(1);
    expect(mock.commandCalls(AdminSetUserMFAPreferenceCommand)).toHaveLength(0);

    mock.on(AdminSetUserMFAPreferenceCommand).resolves({});
    const done = await runCli(['mfa', 'disable', 'cy'], { env: env(), tty: true, prompter: scriptedPrompter([true]) });
    expect(done.code, done.stderr).toBe(0);
    expect(mock.commandCalls(AdminSetUserMFAPreferenceCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'cy',
      EmailMfaSettings: { Enabled: false, PreferredMfa: false },
    });
    expect(done.stderr).toContain('turned off MFA (email) for cy');
  });

  it('a user without MFA: nothing to ask, nothing to change', async () => {
    mock.on(AdminGetUserCommand).resolves({ Username: 'dee' });
    const result = await runCli(['mfa', 'disable', 'dee', '-o', 'table'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('dee has no MFA method enabled: nothing to turn off');
    expect(mock.commandCalls(AdminSetUserMFAPreferenceCommand)).toHaveLength(0);
  });
});
