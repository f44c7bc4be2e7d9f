import { describe, expect, it } from 'vitest';
import { CreateUserPoolClientCommand, DescribeUserPoolClientCommand, UpdateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { clientPatch } from '../../../src/commands/client/update-request.js';
import { planClientCreate } from '../../../src/commands/client/create-request.js';

const mock = useStrictIdpMock();
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool' });
const base = { UserPoolId: 'p', ClientId: 'c' };

describe('clientPatch', () => {
  it('edits flows and URL lists against the current ones', () => {
    const current = { ...base, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'], LogoutURLs: ['https://a.example/out'] } as never;
    expect(clientPatch({ addFlow: ['client-token', 'srp'], removeFlow: ['password'], addLogoutUrl: ['http://localhost:3000/out'] }, current, false)).toEqual({
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_CLIENT_TOKEN_AUTH'],
      LogoutURLs: ['https://a.example/out', 'http://localhost:3000/out'],
    });
  });

  it('refuses what Cognito refuses', () => {
    expect(() => clientPatch({ removeFlow: ['srp'] }, { ...base, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] } as never, false)).toThrow(/at least one sign-in flow/);
    expect(() => clientPatch({ addCallbackUrl: ['http://shop.example.com/cb'] }, base, false)).toThrow(/must use https/);
    expect(() => clientPatch({ removeCallbackUrl: ['https://x.example'] }, base, false)).toThrow(/no callback URL https:\/\/x.example/);
    expect(() => clientPatch({ oauthFlows: ['client-credentials'], scopes: ['api/read'] }, base, false)).toThrow(/needs a client with a secret/);
    expect(() => clientPatch({ oauthFlows: ['client-credentials'], scopes: ['openid'] }, base, true)).toThrow(/only resource-server scopes/);
    expect(() => clientPatch({ rotationGrace: 10 }, base, false)).toThrow(/--refresh-rotation on/);
    expect(() => clientPatch({ scopes: ['not a scope'] }, base, false)).toThrow(/neither a standard scope/);
    const legacy = { ...base, ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] } as never;
    expect(() => clientPatch({ addFlow: ['refresh'] }, legacy, false)).toThrow(/legacy flows \(ADMIN_NO_SRP_AUTH\)/);
    expect(clientPatch({ flows: ['admin', 'refresh'] }, legacy, false)).toEqual({ ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  });

  it('drops the default redirect with the callback URL it named, and sets rotation and revocation', () => {
    const current = {
      ...base, CallbackURLs: ['https://a.example/cb', 'https://b.example/cb'], DefaultRedirectURI: 'https://a.example/cb',
      AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], SupportedIdentityProviders: ['COGNITO'],
    } as never;
    expect(clientPatch({ removeCallbackUrl: ['https://a.example/cb'], refreshRotation: 'on', rotationGrace: 10, tokenRevocation: 'off' }, current, false)).toEqual({
      CallbackURLs: ['https://b.example/cb'],
      DefaultRedirectURI: null,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      EnableTokenRevocation: false,
    });
  });

  it('client create takes the same OAuth flags', () => {
    expect(planClientCreate('p', 'web', { oauthFlows: ['code'], scopes: ['openid', 'email'], identityProviders: ['COGNITO'], callbackUrl: ['https://a.example/cb'], flows: ['user-auth'] })).toMatchObject({
      ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://a.example/cb'],
    });
    expect(() => planClientCreate('p', 'web', { oauthFlows: ['code'], scopes: ['openid'] })).toThrow(/needs a callback URL/);
  });
});

describe('client update', () => {
  it('sends the whole client back without its secret, with the change', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({
      UserPoolClient: { UserPoolId: 'eu-west-1_Pool', ClientId: 'cid', ClientName: 'web', ClientSecret: 'super-secret-value', ReadAttributes: ['email'], RefreshTokenValidity: 90, TokenValidityUnits: { RefreshToken: 'days' } },
    });
    mock.on(UpdateUserPoolClientCommand).resolves({});
    const result = await runCli(['client', 'update', 'cid', '--token-revocation', 'off'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(UpdateUserPoolClientCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool', ClientId: 'cid', ClientName: 'web', ReadAttributes: ['email'], RefreshTokenValidity: 90,
      TokenValidityUnits: { RefreshToken: 'days' }, EnableTokenRevocation: false,
    });
    expect(result.stdout + result.stderr).not.toContain('super-secret-value');
  });

  it('client create sends the OAuth settings', async () => {
    mock.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'cid', ClientName: 'web' } });
    const result = await runCli(['client', 'create', 'web', '--oauth-flows', 'code', '--scopes', 'openid', '--identity-providers', 'COGNITO', '--callback-url', 'https://a.example/cb', '--callback-url', 'https://b.example/cb'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(CreateUserPoolClientCommand)[0]!.args[0].input).toMatchObject({
      AllowedOAuthFlows: ['code'], CallbackURLs: ['https://a.example/cb', 'https://b.example/cb'], AllowedOAuthFlowsUserPoolClient: true,
    });
  });
});

describe('update reports', () => {
  it('prints the changes as CSV rows with -o csv', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { UserPoolId: 'eu-west-1_Pool', ClientId: 'cid', ClientName: 'web' } });
    const result = await runCli(['client', 'update', 'cid', '--name', 'shop', '--dry-run', '-o', 'csv'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('field,before,after\nClientName,web,shop\n');
    expect(mock.commandCalls(UpdateUserPoolClientCommand)).toHaveLength(0);
  });
});
