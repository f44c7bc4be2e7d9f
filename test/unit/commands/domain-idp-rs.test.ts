import { describe, expect, it } from 'vitest';
import { DescribeIdentityProviderCommand, DescribeUserPoolDomainCommand, UpdateIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { planDomainCreate } from '../../../src/commands/domain/request.js';
import { attributeMapping, checkIdpUpdate, planIdpCreate, planIdpPatch } from '../../../src/commands/idp/request.js';
import { parseScope, resourceServerPatch } from '../../../src/commands/resource-server/request.js';
import { identityProviderView } from '../../../src/views/identity-provider.js';

const mock = useStrictIdpMock();

describe('domain create requests', () => {
  it('takes a prefix, or a custom domain with a us-east-1 certificate', () => {
    expect(planDomainCreate('p', 'shop-login', { managedLoginVersion: '2' })).toEqual({ UserPoolId: 'p', Domain: 'shop-login', ManagedLoginVersion: 2 });
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';
    expect(planDomainCreate('p', 'auth.example.com', { certificateArn: cert })).toMatchObject({ CustomDomainConfig: { CertificateArn: cert } });
    expect(() => planDomainCreate('p', 'auth.example.com', { certificateArn: cert.replace('us-east-1', 'eu-west-1') })).toThrow(/in us-east-1/);
    expect(() => planDomainCreate('p', 'my-cognito-login', {})).toThrow(/cannot contain "cognito"/);
    expect(() => planDomainCreate('p', 'Shop', {})).toThrow(/not a domain prefix/);
  });

  it('an unknown domain is an error, not an empty record', async () => {
    mock.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} });
    const result = await runCli(['domain', 'describe', 'nope'], { env: isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool' }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: there is no domain nope/);
  });
});

describe('idp create requests', () => {
  it('maps claims to pool attributes, claim URIs included', () => {
    expect(attributeMapping(['email=email', 'http://schemas.example.com/claims/given=given_name'])).toEqual({
      email: 'email',
      given_name: 'http://schemas.example.com/claims/given',
    });
    expect(() => attributeMapping(['email'])).toThrow(/not claim=attribute/);
  });

  it('builds OIDC and SAML requests and refuses flags of the other type', () => {
    expect(planIdpCreate('p', 'Okta', { type: 'oidc', issuer: 'https://x.okta.com', clientId: 'c' }, { clientSecret: 's' })).toEqual({
      UserPoolId: 'p', ProviderName: 'Okta', ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'c', client_secret: 's', oidc_issuer: 'https://x.okta.com', authorize_scopes: 'openid', attributes_request_method: 'GET' },
    });
    expect(planIdpCreate('p', 'Corp', { type: 'saml', metadataUrl: 'https://idp.example.com/m.xml' }, {})).toMatchObject({ ProviderDetails: { MetadataURL: 'https://idp.example.com/m.xml' } });
    expect(() => planIdpCreate('p', 'Corp', { type: 'saml', issuer: 'https://x' }, {})).toThrow(/--issuer is for --type oidc/);
    expect(() => planIdpCreate('p', 'Corp', { type: 'saml', metadataUrl: 'https://a' }, { metadataText: '<x/>' })).toThrow(/one of --metadata-url/);
    expect(() => planIdpCreate('p', 'COGNITO', { type: 'saml', metadataUrl: 'https://a' }, {})).toThrow(/COGNITO is the pool itself/);
  });

  it('never shows the provider client secret', () => {
    const view = identityProviderView({ ProviderName: 'Okta', UserPoolId: 'p', ProviderDetails: { client_id: 'c', client_secret: 'hidden' } });
    expect(view.details).toEqual({ client_id: 'c' });
    expect(view.hasClientSecret).toBe(true);
  });
});

describe('idp update', () => {
  const okta = {
    UserPoolId: 'eu-west-1_Pool',
    ProviderName: 'Okta',
    ProviderType: 'OIDC' as const,
    ProviderDetails: {
      client_id: 'okta-client',
      client_secret: 'okta-secret-value-1',
      oidc_issuer: 'https://example.okta.com',
      authorize_scopes: 'openid email',
      attributes_request_method: 'GET',
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://example.okta.com/authorize',
    },
    AttributeMapping: { email: 'email', username: 'sub' },
    IdpIdentifiers: ['example.com'],
    LastModifiedDate: new Date('2026-01-01T00:00:00Z'),
    CreationDate: new Date('2026-01-01T00:00:00Z'),
  };
  const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool' });

  it('patches: details named, mappings set and removed with the rest kept, identifiers replaced; flags of the other type refused', () => {
    expect(planIdpPatch('OIDC', { scopes: ['openid', 'profile'], attributeMap: ['name=name'], removeAttributeMap: ['username'] }, {})).toEqual({
      ProviderDetails: { authorize_scopes: 'openid profile' },
      AttributeMapping: { name: 'name', username: null },
    });
    expect(planIdpPatch('SAML', { metadataUrl: 'https://idp.example.com/m.xml', identifiers: [] }, {})).toEqual({
      ProviderDetails: { MetadataURL: 'https://idp.example.com/m.xml', MetadataFile: null },
      IdpIdentifiers: null,
    });
    expect(() => planIdpPatch('SAML', { scopes: ['openid'] }, {})).toThrow(/--scopes is not a setting of a SAML provider/);
    expect(() => planIdpPatch('OIDC', {}, { metadataText: '<x/>' })).not.toThrow();
    expect(() => planIdpPatch('OIDC', { metadataUrl: 'https://x' }, {})).toThrow(/--metadata-url is not a setting of an OIDC provider/);
    expect(() => checkIdpUpdate('Okta', {}, false)).toThrow(/nothing to update/);
    expect(() => checkIdpUpdate('Okta', { attributeMap: ['email=email'], removeAttributeMap: ['email'] }, false)).toThrow(/both name email/);
    expect(() => checkIdpUpdate('Okta', { scopes: [] }, false)).toThrow(/at least one scope/);
  });

  it('writes the whole provider back with only the named settings changed (the secret kept), without the keys Cognito derives', async () => {
    mock.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: okta });
    mock.on(UpdateIdentityProviderCommand).resolves({});
    const result = await runCli(['idp', 'update', 'Okta', '--scopes', 'openid,email,profile', '--attribute-map', 'name=name', '-o', 'text'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('AttributeMapping.name: (unset) → name\nProviderDetails.authorize_scopes: openid email → openid email profile\n');
    expect(mock.commandCalls(UpdateIdentityProviderCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool',
      ProviderName: 'Okta',
      ProviderDetails: {
        client_id: 'okta-client',
        client_secret: 'okta-secret-value-1',
        oidc_issuer: 'https://example.okta.com',
        authorize_scopes: 'openid email profile',
        attributes_request_method: 'GET',
        authorize_url: 'https://example.okta.com/authorize',
      },
      AttributeMapping: { email: 'email', username: 'sub', name: 'name' },
      IdpIdentifiers: ['example.com'],
    });
  });

  it('a new client secret from stdin is reported as changed, never shown; --dry-run sends nothing', async () => {
    mock.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: okta });
    const result = await runCli(['idp', 'update', 'Okta', '--client-secret-stdin', '--dry-run', '-o', 'json', '--debug'], {
      env: env(),
      stdin: 'okta-secret-value-2\n',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      poolId: 'eu-west-1_Pool',
      name: 'Okta',
      dryRun: true,
      changed: false,
      changes: [{ field: 'ProviderDetails.client_secret', before: '****', after: '****' }],
    });
    expect(result.stdout + result.stderr).not.toMatch(/okta-secret-value/);
    expect(mock.commandCalls(UpdateIdentityProviderCommand)).toHaveLength(0);
  });

  it('a flag of the other type is exit 2 and nothing is sent', async () => {
    mock.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: okta });
    const result = await runCli(['idp', 'update', 'Okta', '--metadata-url', 'https://idp.example.com/m.xml'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --metadata-url is not a setting of an OIDC provider/);
    expect(mock.commandCalls(UpdateIdentityProviderCommand)).toHaveLength(0);
  });
});

describe('resource server scopes', () => {
  it('adds, re-describes and removes scopes, keeping the rest', () => {
    const current = { UserPoolId: 'p', Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }, { ScopeName: 'write', ScopeDescription: 'Write' }] };
    expect(resourceServerPatch({ addScope: ['read=Read all', 'admin=Admin'], removeScope: ['write'] }, current)).toEqual({
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read all' }, { ScopeName: 'admin', ScopeDescription: 'Admin' }],
    });
    expect(() => parseScope('--scope', 'read')).toThrow(/needs a description/);
    expect(() => parseScope('--scope', 'a/b=x')).toThrow(/not a scope name/);
  });
});
