// domain and idp commands on moto, with the state read back through moto's own API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CreateUserPoolCommand,
  DescribeIdentityProviderCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListIdentityProvidersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { emulator, emulatorEnv, emulatorSdk, runBin, runJson } from '../support/e2e.js';

const moto = emulator('moto');
const dir = mkdtempSync(join(tmpdir(), 'cognito-admin-test-idp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function newPool(name: string) {
  const sdk = await emulatorSdk(moto.url!);
  const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: name }));
  return { sdk, poolId: UserPool!.Id!, env: emulatorEnv(moto.url!, { COGNITO_USER_POOL_ID: UserPool!.Id! }) };
}

describe.skipIf(!moto.url)('domain and idp on moto', () => {
  it('creates, describes (also through pool describe) and deletes a prefix domain', async () => {
    const { sdk, poolId, env } = await newPool('domains');
    const prefix = `shop-${Date.now().toString(36)}`;

    const dry = await runBin(['domain', 'create', prefix, '--managed-login-version', '2', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ UserPoolId: poolId, Domain: prefix, ManagedLoginVersion: 2 });
    expect((await sdk.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription?.Domain).toBeUndefined();

    const created = await runJson(['domain', 'create', prefix, '--managed-login-version', '2'], { env });
    expect(created).toMatchObject({ domain: prefix, poolId, custom: false, url: `https://${prefix}.auth.us-east-1.amazoncognito.com` });
    expect((await sdk.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription?.UserPoolId).toBe(poolId);

    // Without a name: the pool's domain, as `pool describe` shows it.
    expect((await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Domain).toBe(prefix);
    expect(await runJson(['domain', 'describe'], { env })).toMatchObject({ domain: prefix, poolId });
    expect((await runBin(['pool', 'describe', poolId, '-o', 'text'], { env })).stdout).toContain(prefix);

    const refused = await runBin(['domain', 'delete', prefix], { env });
    expect(refused.code).toBe(2);
    expect((await runBin(['domain', 'delete', prefix, '--yes'], { env })).code).toBe(0);
    expect((await sdk.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription?.Domain).toBeUndefined();
    const gone = await runBin(['domain', 'describe'], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/has no domain\nhint: create one/);
  });

  it('refuses a custom domain without a certificate before sending anything', async () => {
    const { env } = await newPool('custom-domain');
    const result = await runBin(['domain', 'create', 'auth.example.com'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs --certificate-arn/);
  });

  it('creates an OIDC provider with the secret from stdin and a SAML one from a metadata file; lists, describes, deletes', async () => {
    const { sdk, poolId, env } = await newPool('idps');
    const secret = 'oidc-client-secret-value-1234';
    const oidc = await runBin(
      ['idp', 'create', 'Okta', '--type', 'oidc', '--issuer', 'https://example.okta.com', '--client-id', 'okta-client', '--client-secret-stdin', '--scopes', 'openid,email', '--attribute-map', 'email=email', '-o', 'json'],
      { env, stdin: `${secret}\n` },
    );
    expect(oidc.code).toBe(0);
    expect(JSON.parse(oidc.stdout)).toMatchObject({ name: 'Okta', type: 'OIDC', hasClientSecret: true, attributeMapping: { email: 'email' } });
    expect(oidc.stdout + oidc.stderr).not.toContain(secret);
    const stored = (await sdk.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Okta' }))).IdentityProvider!;
    expect(stored.ProviderDetails).toMatchObject({ client_id: 'okta-client', client_secret: secret, oidc_issuer: 'https://example.okta.com', authorize_scopes: 'openid email' });

    const metadata = join(dir, 'metadata.xml');
    writeFileSync(metadata, '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"/>');
    const saml = await runJson(['idp', 'create', 'Corp', '--type', 'saml', '--metadata-file', metadata], { env });
    expect(saml).toMatchObject({ name: 'Corp', type: 'SAML' });

    const listed = await runJson<Array<{ name: string }>>(['idp', 'list'], { env });
    expect(listed.map((p) => p.name).sort()).toEqual(['Corp', 'Okta']);
    const described = await runBin(['idp', 'describe', 'Okta', '-o', 'json', '--debug'], { env });
    expect(JSON.parse(described.stdout).details).toEqual(expect.not.objectContaining({ client_secret: expect.anything() }));
    expect(described.stdout + described.stderr).not.toContain(secret);

    // Scopes and a mapping changed, a new secret from stdin: the rest of the provider kept.
    const newSecret = 'oidc-client-secret-value-5678';
    const updated = await runBin(['idp', 'update', 'Okta', '--scopes', 'openid,email,profile', '--attribute-map', 'name=name', '--client-secret-stdin', '-o', 'json'], {
      env,
      stdin: `${newSecret}\n`,
    });
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout).changes.map((c: { field: string }) => c.field)).toEqual([
      'AttributeMapping.name',
      'ProviderDetails.authorize_scopes',
      'ProviderDetails.client_secret',
    ]);
    expect(updated.stdout + updated.stderr).not.toContain(secret.slice(0, 20));
    const after = (await sdk.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Okta' }))).IdentityProvider!;
    expect(after.ProviderDetails).toMatchObject({ client_id: 'okta-client', client_secret: newSecret, oidc_issuer: 'https://example.okta.com', authorize_scopes: 'openid email profile' });
    expect(after.AttributeMapping).toMatchObject({ email: 'email', name: 'name' });
    const samlFlag = await runBin(['idp', 'update', 'Okta', '--metadata-url', 'https://idp.example.com/metadata.xml'], { env });
    expect(samlFlag.code).toBe(2);

    expect((await runBin(['idp', 'delete', 'Okta', '--yes'], { env })).code).toBe(0);
    const left = await sdk.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 60 }));
    expect(left.Providers?.map((p) => p.ProviderName)).toEqual(['Corp']);
  });

  it('refuses an OIDC provider without its secret, and a missing metadata file, with exit 2', async () => {
    const { env } = await newPool('idp-refusals');
    const noSecret = await runBin(['idp', 'create', 'Okta', '--type', 'oidc', '--issuer', 'https://example.okta.com', '--client-id', 'x'], { env });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/--client-secret-stdin, or COGNITO_IDP_CLIENT_SECRET/);
    const noFile = await runBin(['idp', 'create', 'Corp', '--type', 'saml', '--metadata-file', join(dir, 'missing.xml')], { env });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/no such file/);
  });
});
