// client create with OAuth settings and client update on moto, read back through moto's API. (moto's
// UpdateUserPoolClient merges what it is sent, so what an update keeps is proven on the fake, in
// update-fake.test.ts; here moto checks that what we send is accepted and lands.)
import { describe, expect, it } from 'vitest';
import { CreateUserPoolCommand, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { emulator, emulatorEnv, emulatorSdk, runBin, runJson } from '../support/e2e.js';

const moto = emulator('moto');

describe.skipIf(!moto.url)('client OAuth settings on moto', () => {
  it('creates a code-flow client and edits its URLs, flows and token settings', async () => {
    const sdk = await emulatorSdk(moto.url!);
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'oauth-clients' }));
    const poolId = UserPool!.Id!;
    const env = emulatorEnv(moto.url!, { COGNITO_USER_POOL_ID: poolId });

    const created = await runJson(
      ['client', 'create', 'web', '--oauth-flows', 'code', '--scopes', 'openid,email', '--identity-providers', 'COGNITO', '--callback-url', 'https://shop.example.com/cb'],
      { env },
    );
    const read = async () => (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.id }))).UserPoolClient!;
    expect(await read()).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://shop.example.com/cb'],
    });

    const result = await runJson(
      ['client', 'update', created.id, '--add-callback-url', 'http://localhost:3000/cb', '--add-logout-url', 'https://shop.example.com/bye', '--add-flow', 'password', '--refresh-token-validity', '90d', '--token-revocation', 'off'],
      { env },
    );
    expect(result.changes.map((c: { field: string }) => c.field)).toEqual(
      expect.arrayContaining(['CallbackURLs', 'EnableTokenRevocation', 'ExplicitAuthFlows', 'LogoutURLs', 'RefreshTokenValidity']),
    );
    const after = await read();
    expect(after.CallbackURLs).toEqual(['https://shop.example.com/cb', 'http://localhost:3000/cb']);
    expect(after.LogoutURLs).toEqual(['https://shop.example.com/bye']);
    expect(after.ExplicitAuthFlows).toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(after.RefreshTokenValidity).toBe(90);
    expect(after.TokenValidityUnits?.RefreshToken).toBe('days');
    expect(after.EnableTokenRevocation).toBe(false);
    expect(after.AllowedOAuthScopes).toEqual(['openid', 'email']);

    const bad = await runBin(['client', 'update', created.id, '--oauth-flows', 'client-credentials', '--scopes', 'openid'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/needs a client with a secret/);
  });
});
