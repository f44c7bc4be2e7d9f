import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import {
  applyPatch,
  diffFields,
  formatChange,
  planUpdate,
  readMergeWrite,
  toUpdateInput,
} from '../../../src/aws/merge-update.js';

const mock = useStrictIdpMock();
const idp = () => new CognitoIdentityProviderClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

const pool: UserPoolType = {
  Id: 'eu-west-1_Pool',
  Name: 'shop',
  Arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Pool',
  Status: 'Enabled',
  CreationDate: new Date('2026-01-01T00:00:00Z'),
  LastModifiedDate: new Date('2026-01-02T00:00:00Z'),
  EstimatedNumberOfUsers: 12,
  UsernameAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  SchemaAttributes: [{ Name: 'email', AttributeDataType: 'String', Required: true }],
  Domain: 'shop-login',
  Policies: { PasswordPolicy: { MinimumLength: 8, RequireNumbers: true, TemporaryPasswordValidityDays: 7 } },
  LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 7 },
  VerificationMessageTemplate: { EmailMessage: 'Code {####}', DefaultEmailOption: 'CONFIRM_WITH_CODE' },
  EmailVerificationMessage: 'Code {####}',
  SmsVerificationMessage: 'SMS {####}',
  MfaConfiguration: 'OFF',
  UserPoolAddOns: { AdvancedSecurityMode: 'OFF' },
  SmsConfiguration: {} as never,
  UserPoolTags: {},
  UserPoolTier: 'ESSENTIALS',
};

const client: UserPoolClientType = {
  UserPoolId: 'eu-west-1_Pool',
  ClientId: 'cid',
  ClientName: 'web',
  ClientSecret: 'a-secret-never-sent',
  CreationDate: new Date('2026-01-01T00:00:00Z'),
  LastModifiedDate: new Date('2026-01-01T00:00:00Z'),
  RefreshTokenValidity: 90,
  TokenValidityUnits: { RefreshToken: 'days' },
  ReadAttributes: ['email', 'name'],
  CallbackURLs: ['https://a.example/cb'],
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email'],
  AllowedOAuthFlowsUserPoolClient: true,
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
};

describe('toUpdateInput', () => {
  it('keeps every writable pool setting and drops what UpdateUserPool does not take', () => {
    const input: object = toUpdateInput('userPool', pool);
    expect(input).toEqual({
      UserPoolId: 'eu-west-1_Pool',
      PoolName: 'shop',
      Policies: pool.Policies,
      LambdaConfig: pool.LambdaConfig,
      // The legacy validity mirrors TemporaryPasswordValidityDays and is refused next to it.
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      VerificationMessageTemplate: pool.VerificationMessageTemplate,
      // The template has no SMS text, so the legacy one is what keeps it.
      SmsVerificationMessage: 'SMS {####}',
      MfaConfiguration: 'OFF',
      UserPoolAddOns: { AdvancedSecurityMode: 'OFF' },
      UserPoolTier: 'ESSENTIALS',
    });
    for (const readOnly of ['Id', 'Name', 'Arn', 'Status', 'CreationDate', 'UsernameAttributes', 'SchemaAttributes', 'Domain', 'EstimatedNumberOfUsers']) {
      expect(input).not.toHaveProperty(readOnly);
    }
  });

  it('sends only the verification email of the option in force (Cognito refuses both)', () => {
    const input = toUpdateInput('userPool', {
      Id: 'p',
      VerificationMessageTemplate: {
        DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessage: 'Code {####}', EmailSubject: 'Code',
        EmailMessageByLink: 'Click {##here##}', EmailSubjectByLink: 'Verify', SmsMessage: 'SMS {####}',
      },
      EmailVerificationMessage: 'Code {####}',
    });
    expect(input.VerificationMessageTemplate).toEqual({
      DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessageByLink: 'Click {##here##}', EmailSubjectByLink: 'Verify', SmsMessage: 'SMS {####}',
    });
    expect(input).not.toHaveProperty('EmailVerificationMessage');
  });

  it('never copies the client secret or the dates into a client update', () => {
    const input = toUpdateInput('userPoolClient', client);
    expect(input).not.toHaveProperty('ClientSecret');
    expect(input).not.toHaveProperty('CreationDate');
    expect(input).toMatchObject({ UserPoolId: 'eu-west-1_Pool', ClientId: 'cid', RefreshTokenValidity: 90, ReadAttributes: ['email', 'name'] });
  });

  it('does not share objects with the answer', () => {
    const input = toUpdateInput('userPoolClient', client);
    input.CallbackURLs!.push('https://b.example/cb');
    expect(client.CallbackURLs).toEqual(['https://a.example/cb']);
  });
});

describe('applyPatch and diffFields', () => {
  it('merges objects, replaces arrays, and removes fields given as null', () => {
    const out = applyPatch(
      { A: { B: 1, C: 2 }, L: [1, 2], D: 'x' } as Record<string, any>,
      { A: { C: 3 }, L: [9], D: null, E: undefined },
    );
    expect(out).toEqual({ A: { B: 1, C: 3 }, L: [9] });
  });

  it('names each changed field by its path, in a stable order', () => {
    const changes = diffFields(
      { Policies: { PasswordPolicy: { MinimumLength: 8 } }, MfaConfiguration: 'OFF', L: ['a'] },
      { Policies: { PasswordPolicy: { MinimumLength: 12 } }, MfaConfiguration: 'OFF', L: ['a', 'b'], New: true },
    );
    expect(changes.map(formatChange)).toEqual([
      'L: ["a"] → ["a","b"]',
      'New: (unset) → true',
      'Policies.PasswordPolicy.MinimumLength: 8 → 12',
    ]);
  });
});

describe('planUpdate', () => {
  it('changes only what the patch names and reports it', () => {
    const plan = planUpdate('userPoolClient', client, (current) => ({
      CallbackURLs: [...(current.CallbackURLs ?? []), 'https://b.example/cb'],
    }));
    expect(plan.changes.map(formatChange)).toEqual(['CallbackURLs: ["https://a.example/cb"] → ["https://a.example/cb","https://b.example/cb"]']);
    expect(plan.input).toEqual({ ...plan.before, CallbackURLs: ['https://a.example/cb', 'https://b.example/cb'] });
    expect(plan.input.AllowedOAuthScopes).toEqual(['openid', 'email']);
  });

  it('reports no change for a patch that sets what is already there', () => {
    expect(planUpdate('userPool', pool, { MfaConfiguration: 'OFF', Policies: { PasswordPolicy: { MinimumLength: 8 } } }).changes).toEqual([]);
  });
});

describe('readMergeWrite', () => {
  it('describes, then sends the whole object with the change', async () => {
    mock.on(DescribeUserPoolCommand, { UserPoolId: 'eu-west-1_Pool' }).resolves({ UserPool: pool });
    mock.on(UpdateUserPoolCommand).resolves({});
    const { plan, sent } = await readMergeWrite(idp(), 'userPool', { UserPoolId: 'eu-west-1_Pool' }, { DeletionProtection: 'ACTIVE' });
    expect(sent).toBe(true);
    expect(plan.changes).toEqual([{ field: 'DeletionProtection', before: undefined, after: 'ACTIVE' }]);
    const sentInput = mock.commandCalls(UpdateUserPoolCommand)[0]!.args[0].input;
    expect(sentInput).toEqual({ ...toUpdateInput('userPool', pool), DeletionProtection: 'ACTIVE' });
    expect(sentInput.LambdaConfig?.PreSignUp).toBe(pool.LambdaConfig!.PreSignUp);
  });

  it('sends nothing on a dry run or when nothing changes', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: client });
    const dry = await readMergeWrite(idp(), 'userPoolClient', { UserPoolId: 'eu-west-1_Pool', ClientId: 'cid' }, { ClientName: 'web2' }, { dryRun: true });
    expect(dry).toMatchObject({ sent: false, plan: { changes: [{ field: 'ClientName', before: 'web', after: 'web2' }] } });
    const same = await readMergeWrite(idp(), 'userPoolClient', { UserPoolId: 'eu-west-1_Pool', ClientId: 'cid' }, { ClientName: 'web' });
    expect(same.sent).toBe(false);
    expect(mock.commandCalls(UpdateUserPoolClientCommand)).toHaveLength(0);
  });

  it('works the same for resource servers and the MFA configuration', async () => {
    mock.on(DescribeResourceServerCommand).resolves({
      ResourceServer: { UserPoolId: 'eu-west-1_Pool', Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] },
    });
    mock.on(UpdateResourceServerCommand).resolves({ ResourceServer: {} as never });
    mock.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false }, EmailMfaConfiguration: { Message: 'm {####}' } });
    mock.on(SetUserPoolMfaConfigCommand).resolves({});
    await readMergeWrite(idp(), 'resourceServer', { UserPoolId: 'eu-west-1_Pool', Identifier: 'api' }, { Name: 'Orders API' });
    expect(mock.commandCalls(UpdateResourceServerCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool', Identifier: 'api', Name: 'Orders API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }],
    });
    await readMergeWrite(idp(), 'mfaConfig', { UserPoolId: 'eu-west-1_Pool' }, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(mock.commandCalls(SetUserPoolMfaConfigCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool', MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: { Message: 'm {####}' },
    });
  });
});
