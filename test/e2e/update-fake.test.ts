// Merge-safe updates against the suite's fake Cognito, whose UpdateUserPoolClient and UpdateUserPool
// reset every field a request omits, as the API documents (moto's UpdateUserPoolClient merges, so a
// lost client setting would not show there). State is read back with a plain SDK client.
import { describe, expect, it } from 'vitest';
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { FakeCognito } from '../support/fake-cognito/index.js';
import { useFakeCognito } from '../unit/fake-cognito/sdk.js';
import { runBin } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;
const env = (poolId: string) => isolatedEnv({ AWS_ENDPOINT_URL: server.url, AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: poolId });

useFakeCognito((s, c) => {
  server = s;
  sdk = c;
});

/** A client with the settings that a careless update loses, set with a plain SDK call. */
async function configuredClient() {
  const pool = server.createPool({ name: 'shop' });
  const client = server.createClient(pool.id, { name: 'web', flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await sdk.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: pool.id,
      ClientId: client.clientId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenValidity: 90,
      TokenValidityUnits: { RefreshToken: 'days' },
      ReadAttributes: ['email', 'email_verified', 'name'],
      CallbackURLs: ['https://shop.example.com/callback'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
    }),
  );
  return { poolId: pool.id, clientId: client.clientId };
}

const describeClient = async (poolId: string, clientId: string) =>
  (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;

describe('client update on the fake', () => {
  it('the fake resets what an update omits (the trap the command avoids)', async () => {
    const { poolId, clientId } = await configuredClient();
    await sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }));
    const after = await describeClient(poolId, clientId);
    expect(after.RefreshTokenValidity).toBe(30);
    expect(after.ReadAttributes).toBeUndefined();
    expect(after.CallbackURLs).toBeUndefined();
    expect(after.AllowedOAuthScopes).toBeUndefined();
  });

  it('keeps refresh validity in days, read attributes, callback URLs and scopes while changing flows and URLs', async () => {
    const { poolId, clientId } = await configuredClient();
    const updates = () => server.callsTo('UpdateUserPoolClient').length;
    const before = updates();

    const dry = await runBin(['client', 'update', clientId, '--add-flow', 'user-auth', '--add-callback-url', 'https://shop.example.com/cb2', '--dry-run', '-o', 'text'], { env: env(poolId) });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      'CallbackURLs: ["https://shop.example.com/callback"] → ["https://shop.example.com/callback","https://shop.example.com/cb2"]\n' +
        'ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"] → ["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_AUTH"]\n',
    );
    expect(updates()).toBe(before);

    const result = await runBin(['client', 'update', clientId, '--add-flow', 'user-auth', '--add-callback-url', 'https://shop.example.com/cb2', '--access-token-validity', '30m', '-o', 'json'], { env: env(poolId) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ poolId, clientId, changed: true });
    expect(updates()).toBe(before + 1);

    const after = await describeClient(poolId, clientId);
    expect(after.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH']);
    expect(after.CallbackURLs).toEqual(['https://shop.example.com/callback', 'https://shop.example.com/cb2']);
    expect(after.AccessTokenValidity).toBe(30);
    expect(after.TokenValidityUnits).toMatchObject({ AccessToken: 'minutes', RefreshToken: 'days' });
    expect(after.RefreshTokenValidity).toBe(90);
    expect(after.ReadAttributes).toEqual(['email', 'email_verified', 'name']);
    expect(after.AllowedOAuthScopes).toEqual(['openid', 'email']);
    expect(after.AllowedOAuthFlows).toEqual(['code']);
    expect(after.SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  it('refuses an OAuth combination Cognito would refuse, before sending anything', async () => {
    const { poolId, clientId } = await configuredClient();
    const before = server.callsTo('UpdateUserPoolClient').length;
    const result = await runBin(['client', 'update', clientId, '--remove-callback-url', 'https://shop.example.com/callback'], { env: env(poolId) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: the code flow needs a callback URL/);
    expect(server.callsTo('UpdateUserPoolClient').length).toBe(before);
  });
});

describe('pool update on the fake', () => {
  it('sets the tier and choice-based first factors, keeping the Lambda trigger', async () => {
    const pool = server.createPool({ name: 'tiers' });
    const trigger = 'arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up';
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool.id, LambdaConfig: { PreSignUp: trigger }, UserPoolTier: 'LITE', AutoVerifiedAttributes: ['email'] }));

    const result = await runBin(['pool', 'update', pool.id, '--tier', 'essentials', '--first-factors', 'password,email-otp', '-o', 'text'], { env: env(pool.id) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Policies.SignInPolicy.AllowedFirstAuthFactors: ["PASSWORD"] → ["PASSWORD","EMAIL_OTP"]\nUserPoolTier: LITE → ESSENTIALS\n');

    const after = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))).UserPool!;
    expect(after.UserPoolTier).toBe('ESSENTIALS');
    expect(after.Policies?.SignInPolicy?.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
    expect(after.LambdaConfig?.PreSignUp).toBe(trigger);
    expect(after.AutoVerifiedAttributes).toEqual(['email']);
  });
  it('passkeys: the relying party and user verification set, web-authn a first factor; MFA and TOTP kept (SetUserPoolMfaConfig resets what it omits)', async () => {
    const pool = server.createPool({ name: 'passkeys' });
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool.id, UserPoolTier: 'ESSENTIALS', MfaConfiguration: 'OPTIONAL' }));
    await sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    // The trap: a request that names only the passkey settings turns MFA off.
    const probe = server.createPool({ name: 'probe' });
    await sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: probe.id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: probe.id, WebAuthnConfiguration: { RelyingPartyId: 'auth.example.com' } }));
    expect((await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: probe.id }))).MfaConfiguration).toBe('OFF');

    const result = await runBin(
      ['pool', 'update', pool.id, '--first-factors', 'password,web-authn', '--passkey-relying-party', 'auth.example.com', '--passkey-user-verification', 'required', '-o', 'json'],
      { env: env(pool.id) },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'Policies.SignInPolicy.AllowedFirstAuthFactors',
      'WebAuthnConfiguration.RelyingPartyId',
      'WebAuthnConfiguration.UserVerification',
    ]);
    const mfa = await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.id }));
    expect(mfa).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'auth.example.com', UserVerification: 'required' },
    });
    const after = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))).UserPool!;
    expect(after.Policies?.SignInPolicy?.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
    expect(after.MfaConfiguration).toBe('OPTIONAL');
  });
});
