import { describe, expect, it } from 'vitest';
import {
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { mfaPatch, poolPatch } from '../../../src/commands/pool/update-request.js';

const mock = useStrictIdpMock();
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool' });

const pool: UserPoolType = {
  Id: 'eu-west-1_Pool',
  Name: 'shop',
  UsernameAttributes: ['email'],
  Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
  LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 7 },
  VerificationMessageTemplate: { EmailMessage: 'Your code is {####}', EmailSubject: 'Code', DefaultEmailOption: 'CONFIRM_WITH_CODE' },
  MfaConfiguration: 'OFF',
  AutoVerifiedAttributes: ['email'],
};

describe('pool update requests', () => {
  it('names only what the flags change', () => {
    expect(poolPatch({ passwordMinLength: 12, tier: 'essentials', firstFactors: ['password', 'email-otp'] }, {} as never, 'x')).toEqual({
      Policies: { PasswordPolicy: { MinimumLength: 12 }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
      UserPoolTier: 'ESSENTIALS',
    });
    expect(poolPatch({ deletionProtection: false, autoVerify: ['none'] }, {} as never, 'x')).toEqual({
      DeletionProtection: 'INACTIVE',
      AutoVerifiedAttributes: null,
    });
  });

  it('drops the legacy temporary-password validity when the new one is set', () => {
    const patch = poolPatch({ tempPasswordDays: 3 }, { UserPoolId: 'p', AdminCreateUserConfig: { UnusedAccountValidityDays: 7 } }, 'x');
    expect(patch).toEqual({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } }, AdminCreateUserConfig: { UnusedAccountValidityDays: null } });
  });

  it('keeps the SMS external id the pool already has', () => {
    const patch = poolPatch({ smsRoleArn: 'arn:aws:iam::123456789012:role/sms' }, { UserPoolId: 'p', SmsConfiguration: { SnsCallerArn: 'old', ExternalId: 'kept' } }, 'new');
    expect(patch.SmsConfiguration).toEqual({ SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'kept' });
  });

  it('refuses MFA without a second factor, and password-less first factors', () => {
    expect(() => mfaPatch({ mfa: 'on' }, { UserPoolId: 'p', SoftwareTokenMfaConfiguration: { Enabled: false } }, undefined)).toThrow(/needs a second factor/);
    expect(mfaPatch({ mfa: 'on' }, { UserPoolId: 'p', SoftwareTokenMfaConfiguration: { Enabled: true } }, undefined)).toEqual({ MfaConfiguration: 'ON' });
    expect(() => mfaPatch({ totp: true }, { UserPoolId: 'p', MfaConfiguration: 'OFF' }, undefined)).toThrow(/--mfa optional/);
    expect(() => poolPatch({ firstFactors: ['email-otp'] }, {} as never, 'x')).toThrow(/must include password/);
  });
});

describe('pool update', () => {
  it('--dry-run prints each change and sends nothing', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
    const result = await runCli(['pool', 'update', '--password-min-length', '12', '--deletion-protection', '--dry-run', '-o', 'text'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('DeletionProtection: (unset) → ACTIVE\nPolicies.PasswordPolicy.MinimumLength: 8 → 12\n');
    expect(result.stderr).toMatch(/dry run: 2 changes to user pool eu-west-1_Pool, nothing sent/);
    expect(mock.commandCalls(UpdateUserPoolCommand)).toHaveLength(0);
  });

  it('writes back every setting it was not asked to change', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
    mock.on(UpdateUserPoolCommand).resolves({});
    const result = await runCli(['pool', 'update', 'eu-west-1_Pool', '--tier', 'plus', '-o', 'json'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      poolId: 'eu-west-1_Pool', dryRun: false, changed: true, changes: [{ field: 'UserPoolTier', after: 'PLUS' }],
    });
    expect(mock.commandCalls(UpdateUserPoolCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool',
      PoolName: 'shop',
      Policies: pool.Policies,
      LambdaConfig: pool.LambdaConfig,
      AdminCreateUserConfig: pool.AdminCreateUserConfig,
      VerificationMessageTemplate: pool.VerificationMessageTemplate,
      MfaConfiguration: 'OFF',
      AutoVerifiedAttributes: ['email'],
      UserPoolTier: 'PLUS',
    });
  });

  it('turns MFA on through SetUserPoolMfaConfig first, keeping the other factors', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
    mock.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OFF', EmailMfaConfiguration: { Subject: 'Sign-in code' } });
    mock.on(SetUserPoolMfaConfigCommand).resolves({});
    mock.on(UpdateUserPoolCommand).resolves({});
    const result = await runCli(['pool', 'update', '--mfa', 'optional', '--totp', '-o', 'text'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('MfaConfiguration: OFF → OPTIONAL\nSoftwareTokenMfaConfiguration.Enabled: (unset) → true\n');
    const set = mock.commandCalls(SetUserPoolMfaConfigCommand)[0]!;
    expect(set.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool', MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: { Subject: 'Sign-in code' },
    });
    const update = mock.commandCalls(UpdateUserPoolCommand)[0]!;
    expect(update.args[0].input.MfaConfiguration).toBe('OPTIONAL');
    expect(set.calledBefore(update)).toBe(true);
  });

  it('sets the passkey relying party and user verification through SetUserPoolMfaConfig, keeping MFA as it is', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
    mock.on(GetUserPoolMfaConfigCommand).resolves({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'shop.auth.eu-west-1.amazoncognito.com', UserVerification: 'preferred' },
    });
    mock.on(SetUserPoolMfaConfigCommand).resolves({});
    const result = await runCli(['pool', 'update', '--passkey-relying-party', 'Auth.Example.com', '-o', 'text'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('WebAuthnConfiguration.RelyingPartyId: shop.auth.eu-west-1.amazoncognito.com → auth.example.com\n');
    expect(mock.commandCalls(SetUserPoolMfaConfigCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool',
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'auth.example.com', UserVerification: 'preferred' },
    });
    // Nothing of the pool itself changed: no UpdateUserPool.
    expect(mock.commandCalls(UpdateUserPoolCommand)).toHaveLength(0);
  });

  it('passkey settings need no MFA; a relying party that is not a domain name is exit 2 before anything is read', async () => {
    expect(mfaPatch({ passkeyUserVerification: 'required' }, { UserPoolId: 'p', MfaConfiguration: 'OFF' }, undefined)).toEqual({
      WebAuthnConfiguration: { UserVerification: 'required' },
    });
    const result = await runCli(['pool', 'update', 'eu-west-1_Pool', '--passkey-relying-party', 'https://auth.example.com/'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: invalid --passkey-relying-party "https:\/\/auth\.example\.com\/": a domain name/);
  });

  it('refuses an immutable setting before reading anything, pointing to pool clone', async () => {
    const result = await runCli(['pool', 'update', 'eu-west-1_Pool', '--sign-in', 'email'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --sign-in: Cognito cannot change the sign-in attributes .* of an existing pool\nhint: .*cognito-admin pool clone eu-west-1_Pool <new-name> --sign-in/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('says so and sends nothing when the pool already has the settings', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
    const result = await runCli(['pool', 'update', '--password-min-length', '8'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/nothing to change/);
    expect(mock.commandCalls(UpdateUserPoolCommand)).toHaveLength(0);
  });

  it('pool delete of a protected pool points to the safe update', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_X', DeletionProtection: 'ACTIVE' } });
    const result = await runCli(['pool', 'delete', 'eu-west-1_X', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hint: .*`cognito-admin pool update eu-west-1_X --no-deletion-protection`/);
    expect(result.stderr).not.toMatch(/aws cognito-idp/);
  });
});
