// The pure parts of the pool configuration file: the document, the plan, clone's overrides.
import { describe, expect, it } from 'vitest';
import { FORMAT, normalizeSettings, parseConfig, serialize, type PoolConfig } from '../../../src/pool-config/document.js';
import { planApply } from '../../../src/pool-config/plan.js';
import { createPoolRequest, withOverrides } from '../../../src/pool-config/clone.js';
import { notableAttributes } from '../../../src/pool-config/read-pool.js';
import { planLines } from '../../../src/pool-config/render.js';
import { UsageError } from '../../../src/errors.js';

function config(overrides: Partial<PoolConfig> = {}): PoolConfig {
  return {
    format: FORMAT,
    pool: {
      name: 'shop',
      immutable: { UsernameConfiguration: { CaseSensitive: false }, SchemaAttributes: [{ Name: 'custom:tier', AttributeDataType: 'String', Mutable: true }] },
      settings: { Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 7 } }, AutoVerifiedAttributes: ['email'], MfaConfiguration: 'OFF' },
    },
    mfa: { MfaConfiguration: 'OFF' },
    clients: { web: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], CallbackURLs: ['https://a'], hasSecret: false } },
    groups: { admins: { Precedence: 1 } },
    resourceServers: { api: { Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] } },
    identityProviders: {},
    domains: {},
    ...overrides,
  };
}

const summary = (p: ReturnType<typeof planApply>) => p.steps.map((s) => `${s.action} ${s.object} ${s.name}`);

describe('planApply', () => {
  it('has nothing to do when the pool matches the file', () => {
    const plan = planApply(config(), config(), 'p');
    expect(plan).toEqual({ steps: [], extra: [], immutable: [], skipped: [] });
  });

  it('creates what is missing, updates field by field, and keeps what the file lacks unless pruned', () => {
    const current = config({ groups: { admins: { Precedence: 1 }, legacy: {} }, clients: { web: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], CallbackURLs: ['https://a'], RefreshTokenValidity: 30, hasSecret: false } } });
    const desired = config({
      groups: { admins: { Precedence: 2 }, editors: { Description: 'Editors' } },
      clients: { web: { CallbackURLs: ['https://a', 'https://b'], hasSecret: false }, backend: { hasSecret: true } },
    });
    const plan = planApply(current, desired, 'p');
    expect(summary(plan)).toEqual(['update group admins', 'create group editors', 'create client backend', 'update client web']);
    expect(plan.steps.find((s) => s.name === 'web')!.changes).toEqual([{ field: 'CallbackURLs', before: ['https://a'], after: ['https://a', 'https://b'] }]);
    expect(plan.steps.find((s) => s.name === 'admins')!.merged).toEqual({ Precedence: 2 });
    expect(plan.extra.map((s) => `${s.object} ${s.name}`)).toEqual(['group legacy']);
    expect(planLines(plan, { prune: false })).toContain('    CallbackURLs: ["https://a"] → ["https://a","https://b"]');
    expect(planLines(plan, { prune: true })).toContain('- group legacy');
  });

  it('adds missing custom attributes, and refuses what is fixed at creation', () => {
    const desired = config();
    desired.pool.immutable.SchemaAttributes.push({ Name: 'custom:plan', AttributeDataType: 'String', Mutable: true });
    expect(summary(planApply(config(), desired, 'p'))).toEqual(['create attributes custom attributes']);

    const email = config();
    email.pool.immutable.UsernameAttributes = ['email'];
    email.pool.immutable.SchemaAttributes.push({ Name: 'email', Required: true, Mutable: true, AttributeDataType: 'String' });
    const plan = planApply(config(), email, 'eu-west-1_Abc');
    expect(plan.immutable.map((r) => r.name)).toEqual(['UsernameAttributes', 'email']);
    expect(plan.immutable[0]!.hint).toBe('cognito-admin pool clone eu-west-1_Abc <new-name>');
  });

  it('refuses a client gaining or losing its secret, a provider changing type, a renamed domain', () => {
    const current = config({ identityProviders: { Corp: { ProviderType: 'SAML' } }, domains: { shop: {} } });
    const desired = config({
      clients: { web: { hasSecret: true } },
      identityProviders: { Corp: { ProviderType: 'OIDC' } },
      domains: { 'shop-2': {} },
    });
    expect(planApply(current, desired, 'p').immutable.map((r) => `${r.object} ${r.name}`)).toEqual(['domain shop-2', 'identity-provider Corp', 'client web']);
  });

  it('a pool with a prefix and a custom domain keeps both; a custom domain is added next to a prefix one', () => {
    const cert = { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' };
    const both = config({ domains: { shop: { ManagedLoginVersion: 2 }, 'auth.example.com': { CustomDomainConfig: cert, ManagedLoginVersion: 2 } } });
    const same = planApply(both, both, 'p');
    expect([...same.steps, ...same.extra, ...same.immutable]).toEqual([]);
    const added = planApply(config({ domains: { shop: {} } }), config({ domains: { shop: {}, 'auth.example.com': { CustomDomainConfig: cert } } }), 'p');
    expect(summary(added)).toEqual(['create domain auth.example.com']);
    expect(added.immutable).toEqual([]);
    const dropped = planApply(both, config({ domains: { shop: { ManagedLoginVersion: 2 } } }), 'p');
    expect(dropped.extra.map((e) => `${e.action} ${e.object} ${e.name}`)).toEqual(['delete domain auth.example.com']);
  });

  it('does not create a provider whose secret the file cannot hold; SAML ones are created', () => {
    const desired = config({ identityProviders: { Corp: { ProviderType: 'OIDC', ProviderDetails: { client_id: 'x' } }, Saml: { ProviderType: 'SAML', ProviderDetails: { MetadataURL: 'https://m' } } } });
    const plan = planApply(config(), desired, 'p');
    expect(plan.skipped.map((r) => r.name)).toEqual(['Corp']);
    expect(summary(plan)).toEqual(['create identity-provider Saml']);
  });

  it('a client naming a provider that is not created gets the others, and the summary says so', () => {
    const desired = config({
      identityProviders: { Corp: { ProviderType: 'OIDC', ProviderDetails: { client_id: 'x' } } },
      clients: { web: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], CallbackURLs: ['https://a'], SupportedIdentityProviders: ['COGNITO', 'Corp'], hasSecret: false } },
    });
    const plan = planApply(config({ clients: {} }), desired, 'p');
    const web = plan.steps.find((s) => s.object === 'client' && s.name === 'web')!;
    expect(web.fields).toMatchObject({ SupportedIdentityProviders: ['COGNITO'] });
    expect(plan.skipped.map((r) => `${r.object} ${r.name}`)).toEqual(['identity-provider Corp', 'client web']);
    expect(plan.skipped[1]!.hint).toMatch(/--identity-providers COGNITO,Corp$/);
  });

  it('a pool that reports no UsernameConfiguration is not said to differ in it', () => {
    const current = config();
    delete (current.pool.immutable as { UsernameConfiguration?: unknown }).UsernameConfiguration;
    expect(planApply(current, config(), 'p').immutable).toEqual([]);
    const sensitive = config();
    sensitive.pool.immutable.UsernameConfiguration = { CaseSensitive: true };
    expect(planApply(sensitive, config(), 'p').immutable.map((r) => r.name)).toEqual(['UsernameConfiguration']);
  });

  it('reads the legacy temporary-password days as the password policy field', () => {
    const legacy = config();
    legacy.pool.settings = { AdminCreateUserConfig: { UnusedAccountValidityDays: 7, AllowAdminCreateUserOnly: true }, Policies: { PasswordPolicy: { MinimumLength: 8 } }, AutoVerifiedAttributes: ['email'], MfaConfiguration: 'OFF' };
    expect(normalizeSettings(legacy.pool.settings)).toEqual({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 7 } },
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
    });
    const current = config();
    current.pool.settings = normalizeSettings(legacy.pool.settings);
    expect(planApply(current, legacy, 'p').steps).toEqual([]);
  });
});

describe('the document', () => {
  it('is written with sorted keys and read back the same', () => {
    const text = serialize(config());
    expect(text.indexOf('"clients"')).toBeLessThan(text.indexOf('"domains"'));
    expect(text.indexOf('"domains"')).toBeLessThan(text.indexOf('"format"'));
    expect(parseConfig(text, 'f.json')).toEqual(config());
  });

  it('reads the one "domain" of the first files as a domain by name', () => {
    const legacy = JSON.parse(serialize(config()));
    delete legacy.domains;
    legacy.domain = { Domain: 'shop', ManagedLoginVersion: 2 };
    expect(parseConfig(JSON.stringify(legacy), 'f.json').domains).toEqual({ shop: { ManagedLoginVersion: 2 } });
    legacy.domain = null;
    expect(parseConfig(JSON.stringify(legacy), 'f.json').domains).toEqual({});
  });

  it('refuses what is not a pool configuration', () => {
    expect(() => parseConfig('{"pool": {}}', 'f.json')).toThrow(UsageError);
    expect(() => parseConfig('not json', 'f.json')).toThrow(/f.json is not valid JSON/);
  });

  it('keeps custom attributes and standard ones that differ from a new pool\'s', () => {
    const kept = notableAttributes([
      { Name: 'sub', Required: true, Mutable: false },
      { Name: 'email', Required: true, Mutable: true },
      { Name: 'name', Required: false, Mutable: true },
      { Name: 'custom:tier', Required: false, Mutable: true },
    ]);
    expect(kept.map((a) => a.Name)).toEqual(['custom:tier', 'email']);
  });
});

describe('clone', () => {
  it('lays the pool create flags given over the source, and only those', () => {
    const source = config({ domains: { shop: {} } });
    const out = withOverrides(source, 'shop-v2', { signIn: ['email'], passwordMinLength: 12, mfa: 'on', totp: true }, 'ext');
    expect(out.pool.immutable.UsernameAttributes).toEqual(['email']);
    expect(out.pool.immutable.AliasAttributes).toBeUndefined();
    expect(out.pool.settings.Policies).toEqual({ PasswordPolicy: { MinimumLength: 12, TemporaryPasswordValidityDays: 7 } });
    expect(out.mfa).toEqual({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(out.domains).toEqual({});
    expect(out.clients).toEqual(source.clients);
    expect(source.pool.immutable.UsernameAttributes).toBeUndefined();

    const untouched = withOverrides(config(), 'copy', {}, 'ext');
    expect(untouched.pool.settings).toEqual(config().pool.settings);
    expect(untouched.mfa).toEqual(config().mfa);
  });

  it('makes the CreateUserPool request: no MFA yet, custom attributes without their prefix', () => {
    const request = createPoolRequest(withOverrides(config(), 'copy', { signIn: ['username', 'email'] }, 'ext'), 'copy');
    expect(request).toEqual({
      PoolName: 'copy',
      Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 7 } },
      AutoVerifiedAttributes: ['email'],
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
    });
  });
});
