import { describe, expect, it } from 'vitest';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../support/sdk-mock.js';
import { planPoolCreate } from '../../../src/commands/pool/create-request.js';
import { ProfileStore } from '../../../src/config/profiles.js';

const mock = useStrictIdpMock();

describe('planPoolCreate', () => {
  it('maps sign-in to username attributes or aliases', () => {
    expect(planPoolCreate('p', { signIn: ['email'] }, 'x').createUserPool).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    });
    expect(planPoolCreate('p', { signIn: ['email', 'phone'] }, 'x').createUserPool.UsernameAttributes).toEqual(['email', 'phone_number']);
    const alias = planPoolCreate('p', { signIn: ['username', 'email'] }, 'x').createUserPool;
    expect(alias.AliasAttributes).toEqual(['email']);
    expect(alias.UsernameAttributes).toBeUndefined();
  });

  it('builds the password policy from the flags, keeping unnamed rules at their defaults', () => {
    const req = planPoolCreate('p', { passwordMinLength: 12, passwordRequire: ['lower', 'digits'], tempPasswordDays: 3 }, 'x').createUserPool;
    expect(req.Policies.PasswordPolicy).toEqual({
      MinimumLength: 12, RequireLowercase: true, RequireUppercase: false, RequireNumbers: true, RequireSymbols: false,
      TemporaryPasswordValidityDays: 3,
    });
  });

  it('switches MFA on through SetUserPoolMfaConfig, since CreateUserPool cannot enable TOTP', () => {
    const plan = planPoolCreate('p', { mfa: 'on', totp: true }, 'x');
    expect(plan.createUserPool.MfaConfiguration).toBe('OFF');
    expect(plan.mfaConfig).toEqual({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    const sms = planPoolCreate('p', { mfa: 'optional', smsRoleArn: 'arn:aws:iam::123456789012:role/sms' }, 'ext');
    expect(sms.createUserPool.SmsConfiguration).toEqual({ SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'ext' });
    expect(sms.mfaConfig?.SmsMfaConfiguration).toBeDefined();
  });

  it.each([
    [{ mfa: 'on' as const }, /needs a second factor/],
    [{ totp: true }, /--totp needs --mfa/],
    [{ passwordMinLength: 5 }, /between 6 and 99/],
    [{ smsRoleArn: 'role' }, /not an IAM role ARN/],
    [{ autoVerify: ['phone'] }, /needs --sms-role-arn/],
    [{ required: ['shoe_size'] }, /not a standard attribute/],
    [{ signIn: ['preferred_username'] }, /needs username too/],
  ])('rejects %o', (flags, message) => {
    expect(() => planPoolCreate('p', flags, 'x')).toThrow(message);
  });
});

describe('pool create', () => {
  it('creates pool, MFA config and client, and saves a profile', async () => {
    mock.on(CreateUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_New', Name: 'shop', Arn: 'arn:x' } });
    mock.on(SetUserPoolMfaConfigCommand).resolves({});
    mock.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'cid', ClientName: 'web', ClientSecret: 'the-client-secret' } });
    const env = isolatedEnv();
    const result = await runCli(
      ['pool', 'create', 'shop', '--mfa', 'optional', '--totp', '--with-client', 'web', '--secret', '--save-profile', 'shop'],
      { env },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'eu-west-1_New', region: 'eu-west-1', client: { id: 'cid', hasSecret: true } });
    expect(result.stdout + result.stderr).not.toContain('the-client-secret');
    expect(mock.commandCalls(SetUserPoolMfaConfigCommand)[0]!.args[0].input).toMatchObject({ UserPoolId: 'eu-west-1_New', MfaConfiguration: 'OPTIONAL' });
    expect(mock.commandCalls(CreateUserPoolClientCommand)[0]!.args[0].input).toMatchObject({ UserPoolId: 'eu-west-1_New', GenerateSecret: true });
    const profile = new ProfileStore(env.COGNITO_ADMIN_CONFIG).get('shop');
    expect(profile).toMatchObject({ userPoolId: 'eu-west-1_New', clientId: 'cid', clientSecret: 'the-client-secret', region: 'eu-west-1' });
  });

  it('removes the new pool again when the client cannot be created', async () => {
    mock.on(CreateUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_New', Name: 'shop' } });
    mock.on(CreateUserPoolClientCommand).rejects(awsError('LimitExceededException', 'too many clients'));
    mock.on(DeleteUserPoolCommand).resolves({});
    const result = await runCli(['pool', 'create', 'shop', '--with-client', 'web']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: too many clients \(the new pool eu-west-1_New was removed again\) \(LimitExceededException\)/);
    expect(mock.commandCalls(DeleteUserPoolCommand)[0]!.args[0].input).toEqual({ UserPoolId: 'eu-west-1_New' });
  });

  it('sends nothing with --dry-run and prints the request', async () => {
    const result = await runCli(['pool', 'create', 'shop', '--sign-in', 'email', '--dry-run']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ PoolName: 'shop', UsernameAttributes: ['email'] });
    expect(mock.calls()).toHaveLength(0);
  });

  it('rejects a bad flag value with exit 2 before any call', async () => {
    const result = await runCli(['pool', 'create', 'shop', '--sign-in', 'fax']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--sign-in/);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('pool list / describe / delete', () => {
  it('follows ListUserPools pages and stops at --limit', async () => {
    mock.on(ListUserPoolsCommand, { NextToken: undefined }).resolves({ UserPools: [{ Id: 'eu-west-1_A' }, { Id: 'eu-west-1_B' }], NextToken: 'n1' });
    mock.on(ListUserPoolsCommand, { NextToken: 'n1' }).resolves({ UserPools: [{ Id: 'eu-west-1_C' }], NextToken: undefined });
    const all = await runCli(['pool', 'list', '-o', 'ndjson']);
    expect(all.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['eu-west-1_A', 'eu-west-1_B', 'eu-west-1_C']);
    mock.resetHistory();
    const limited = await runCli(['pool', 'list', '--limit', '1']);
    expect(JSON.parse(limited.stdout)).toHaveLength(1);
    expect(mock.commandCalls(ListUserPoolsCommand)[0]!.args[0].input.MaxResults).toBe(1);
  });

  it('describes the pool from --pool and takes the region from its id', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'ap-south-1_X', Name: 'x' } });
    const env = isolatedEnv({ AWS_REGION: undefined });
    const result = await runCli(['pool', 'describe', 'ap-south-1_X'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'ap-south-1_X', name: 'x', region: 'ap-south-1' });
    expect(await mock.call(0).thisValue.config.region()).toBe('ap-south-1');
  });

  it('refuses to delete without a terminal and without --yes, and deletes with --yes', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_X', Name: 'x', EstimatedNumberOfUsers: 3 } });
    mock.on(DeleteUserPoolCommand).resolves({});
    const refused = await runCli(['pool', 'delete', 'eu-west-1_X']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to delete user pool eu-west-1_X \(x, about 3 users\) without confirmation: pass --yes/);
    expect(mock.commandCalls(DeleteUserPoolCommand)).toHaveLength(0);
    const done = await runCli(['pool', 'delete', 'eu-west-1_X', '--yes']);
    expect(done.code).toBe(0);
    expect(mock.commandCalls(DeleteUserPoolCommand)).toHaveLength(1);
  });

  it('refuses a pool with deletion protection before asking', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_X', DeletionProtection: 'ACTIVE' } });
    const result = await runCli(['pool', 'delete', 'eu-west-1_X', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/deletion protection/);
  });
});
