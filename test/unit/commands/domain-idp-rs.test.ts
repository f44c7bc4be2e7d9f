import { describe, expect, it } from 'vitest';
import { DescribeUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { planDomainCreate } from '../../../src/commands/domain/request.js';
import { attributeMapping, planIdpCreate } from '../../../src/commands/idp/request.js';
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
