// pool export-config | diff | apply | clone on moto, the emulator that has clients with OAuth
// settings, groups, resource servers, identity providers and custom attributes. Checked through
// moto's own API.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  SetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { emulator, emulatorEnv, emulatorSdk, runBin, runJson } from '../support/e2e.js';
import { startFaultProxy } from '../support/fault-proxy.js';

const moto = emulator('moto');
const dir = mkdtempSync(join(tmpdir(), 'pool-config-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A username pool with a custom attribute, TOTP MFA, a resource server, two clients, two groups. */
async function sourcePool(sdk: CognitoIdentityProviderClient, name: string) {
  const { UserPool } = await sdk.send(new CreateUserPoolCommand({
    PoolName: name,
    Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
    Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: false, RequireNumbers: true, RequireSymbols: false } },
  }));
  const UserPoolId = UserPool!.Id!;
  await sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  await sdk.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read things' }] }));
  await sdk.send(new CreateUserPoolClientCommand({
    UserPoolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    CallbackURLs: ['https://app.example.com/cb'], AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'https://api.example.com/read'],
    AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: ['COGNITO'], RefreshTokenValidity: 7,
    TokenValidityUnits: { RefreshToken: 'days' }, ReadAttributes: ['email', 'custom:tier'],
  }));
  await sdk.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'backend', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  await sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins', Description: 'Administrators', Precedence: 1 }));
  await sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'editors' }));
  return UserPoolId;
}

async function clientNamed(sdk: CognitoIdentityProviderClient, UserPoolId: string, name: string) {
  const { UserPoolClients } = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60 }));
  const id = UserPoolClients!.find((c) => c.ClientName === name)!.ClientId!;
  return (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: id }))).UserPoolClient!;
}

describe.skipIf(!moto.url)('pool configuration as a file on moto', () => {
  it('export → apply to the same pool changes nothing; an edited file is not overwritten', async () => {
    const env = emulatorEnv(moto.url!);
    const sdk = await emulatorSdk(moto.url!);
    const poolId = await sourcePool(sdk, 'cfg-same');
    await sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `cfg-same-${Date.now()}` }));
    try {
      const file = join(dir, 'same.json');
      const exported = await runBin(['pool', 'export-config', poolId, '--out', file], { env });
      expect(exported.code, exported.stderr).toBe(0);
      const config = JSON.parse(readFileSync(file, 'utf8'));
      expect(Object.keys(config.clients).sort()).toEqual(['backend', 'web']);
      expect(config.clients.backend.hasSecret).toBe(true);
      expect(readFileSync(file, 'utf8')).not.toMatch(/ClientSecret/);
      expect(config.clients.web.CallbackURLs).toEqual(['https://app.example.com/cb']);
      expect(config.groups.admins).toEqual({ Description: 'Administrators', Precedence: 1 });
      expect(config.resourceServers['https://api.example.com'].Scopes).toEqual([{ ScopeName: 'read', ScopeDescription: 'read things' }]);
      expect(config.mfa.MfaConfiguration).toBe('OPTIONAL');
      expect(Object.keys(config.domains)).toEqual([expect.stringMatching(/^cfg-same-/)]);
      expect(config.pool.immutable.SchemaAttributes.map((a: { Name: string }) => a.Name)).toContain('custom:tier');
      // Stable order: a second export is byte for byte the same.
      const again = await runBin(['pool', 'export-config', poolId], { env });
      expect(again.stdout).toBe(readFileSync(file, 'utf8'));

      writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
      const refused = await runBin(['pool', 'export-config', poolId, '--out', file], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/exists; not overwriting it/);
      expect(refused.stderr).toMatch(/hint: .*--force/);
      expect(readFileSync(file, 'utf8').endsWith('\n\n')).toBe(true);

      const diff = await runBin(['pool', 'diff', file, '--pool', poolId, '--exit-code'], { env });
      expect(diff.code, diff.stdout + diff.stderr).toBe(0);
      const applied = await runJson(['pool', 'apply', file, '--pool', poolId], { env });
      expect(applied.applied).toEqual([]);
    } finally {
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    }
  });

  it('export → apply to a fresh pool → diff shows nothing; --prune without --yes deletes nothing', async () => {
    const env = emulatorEnv(moto.url!);
    const sdk = await emulatorSdk(moto.url!);
    const source = await sourcePool(sdk, 'cfg-source');
    const fresh = (await runJson(['pool', 'create', 'cfg-fresh'], { env })).id as string;
    try {
      const file = join(dir, 'fresh.json');
      expect((await runBin(['pool', 'export-config', source, '--out', file], { env })).code).toBe(0);
      const before = await runBin(['pool', 'diff', file, '--pool', fresh, '--exit-code', '-o', 'json'], { env });
      expect(before.code).toBe(1);
      expect(JSON.parse(before.stdout).changes.map((c: { action: string; object: string; name: string }) => `${c.action} ${c.object} ${c.name}`)).toEqual(
        expect.arrayContaining(['create attributes custom attributes', 'update mfa MFA configuration', 'create client web', 'create group admins', 'create resource-server https://api.example.com']),
      );

      const applied = await runBin(['pool', 'apply', file, '--pool', fresh], { env });
      expect(applied.code, applied.stderr).toBe(0);
      const after = await runBin(['pool', 'diff', file, '--pool', fresh, '--exit-code'], { env });
      expect(after.code, after.stdout + after.stderr).toBe(0);

      const web = await clientNamed(sdk, fresh, 'web');
      expect(web.CallbackURLs).toEqual(['https://app.example.com/cb']);
      expect(web.AllowedOAuthScopes?.sort()).toEqual(['https://api.example.com/read', 'openid']);
      expect((await clientNamed(sdk, fresh, 'backend')).ClientSecret).toBeTruthy();
      expect((await sdk.send(new GetGroupCommand({ UserPoolId: fresh, GroupName: 'admins' }))).Group?.Precedence).toBe(1);
      const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: fresh }));
      expect(UserPool?.SchemaAttributes?.map((a) => a.Name)).toContain('custom:tier');
      expect(UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);

      // A file without the editors group: --prune lists it, and without a terminal needs --yes.
      const pruned = JSON.parse(readFileSync(file, 'utf8'));
      delete pruned.groups.editors;
      const prunedFile = join(dir, 'pruned.json');
      writeFileSync(prunedFile, JSON.stringify(pruned));
      const refused = await runBin(['pool', 'apply', prunedFile, '--pool', fresh, '--prune'], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/group editors/);
      expect(refused.stderr).toMatch(/--yes/);
      const groups = await sdk.send(new ListGroupsCommand({ UserPoolId: fresh }));
      expect(groups.Groups?.map((g) => g.GroupName).sort()).toEqual(['admins', 'editors']);

      const yes = await runBin(['pool', 'apply', prunedFile, '--pool', fresh, '--prune', '--yes'], { env });
      expect(yes.code, yes.stderr).toBe(0);
      const left = await sdk.send(new ListGroupsCommand({ UserPoolId: fresh }));
      expect(left.Groups?.map((g) => g.GroupName)).toEqual(['admins']);
    } finally {
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: source }));
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: fresh }));
    }
  });

  it('an immutable difference is exit 2 before anything changes, pointing to pool clone', async () => {
    const env = emulatorEnv(moto.url!);
    const sdk = await emulatorSdk(moto.url!);
    const source = await sourcePool(sdk, 'cfg-immutable');
    const emailPool = (await runJson(['pool', 'create', 'cfg-email', '--sign-in', 'email'], { env })).id as string;
    try {
      const file = join(dir, 'immutable.json');
      expect((await runBin(['pool', 'export-config', source, '--out', file], { env })).code).toBe(0);
      const refused = await runBin(['pool', 'apply', file, '--pool', emailPool], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/UsernameAttributes/);
      expect(refused.stderr).toMatch(/hint: cognito-admin pool clone/);
      const { UserPoolClients } = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: emailPool, MaxResults: 60 }));
      expect(UserPoolClients).toEqual([]);

      // What clone would do instead, sending nothing.
      const dry = await runJson(['pool', 'clone', source, 'cfg-dry', '--sign-in', 'email', '--dry-run'], { env });
      expect(dry.createUserPool).toMatchObject({ PoolName: 'cfg-dry', UsernameAttributes: ['email'] });
      expect(dry.then).toEqual(expect.arrayContaining(['update mfa MFA configuration', 'create client web', 'create group admins']));
      expect((await runJson<Array<{ Name: string }>>(['pool', 'list'], { env })).map((p) => p.Name)).not.toContain('cfg-dry');
    } finally {
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: source }));
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: emailPool }));
    }
  });

  it('clone --sign-in email --with-users from a username pool keeps clients, groups, resource servers, attributes and users', async () => {
    const env = emulatorEnv(moto.url!);
    const sdk = await emulatorSdk(moto.url!);
    const source = await sourcePool(sdk, 'cfg-clone-src');
    await sdk.send(new CreateIdentityProviderCommand({
      UserPoolId: source, ProviderName: 'Corp', ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'corp-client', client_secret: 'corp-secret-value', authorize_scopes: 'openid', oidc_issuer: 'https://idp.example.com', attributes_request_method: 'GET' },
    }));
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: source, Username: 'alice', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'custom:tier', Value: 'gold' }] }));
    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: source, Username: 'alice', GroupName: 'admins' }));
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: source, Username: 'bob', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] }));
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: source, Username: 'bob' }));
    let clone: string | undefined;
    try {
      const result = await runBin(['pool', 'clone', source, 'cfg-clone', '--sign-in', 'email', '--with-users', '-o', 'json'], { env });
      expect(result.code, result.stderr).toBe(0);
      const map = JSON.parse(result.stdout);
      clone = map.poolId as string;
      expect(map.sourcePoolId).toBe(source);
      expect(map.clients.map((c: { name: string }) => c.name)).toEqual(['backend', 'web']);
      expect(map.clients.every((c: { clientId?: string; sourceClientId: string }) => c.clientId && c.clientId !== c.sourceClientId)).toBe(true);
      expect(map.skipped).toEqual([expect.objectContaining({ object: 'identity-provider', name: 'Corp' })]);
      expect(result.stdout + result.stderr).not.toContain('corp-secret-value');
      // The provider is in the export without its secret, and round-trips.
      const exported = await runBin(['pool', 'export-config', source], { env });
      expect(JSON.parse(exported.stdout).identityProviders.Corp).toMatchObject({ ProviderType: 'OIDC', ProviderDetails: { client_id: 'corp-client' } });
      expect(exported.stdout).not.toContain('corp-secret-value');
      const file = join(dir, 'idp.json');
      writeFileSync(file, exported.stdout);
      const same = await runBin(['pool', 'diff', file, '--pool', source, '--exit-code'], { env });
      expect(same.code, same.stdout + same.stderr).toBe(0);

      const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: clone }));
      expect(UserPool?.UsernameAttributes).toEqual(['email']);
      expect(UserPool?.SchemaAttributes?.map((a) => a.Name)).toContain('custom:tier');
      expect(UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
      const web = await clientNamed(sdk, clone, 'web');
      expect(web.CallbackURLs).toEqual(['https://app.example.com/cb']);
      expect(web.ReadAttributes?.sort()).toEqual(['custom:tier', 'email']);
      const groups = await sdk.send(new ListGroupsCommand({ UserPoolId: clone }));
      expect(groups.Groups?.map((g) => g.GroupName).sort()).toEqual(['admins', 'editors']);
      const servers = await sdk.send(new ListResourceServersCommand({ UserPoolId: clone, MaxResults: 10 }));
      expect(servers.ResourceServers?.map((r) => r.Identifier)).toEqual(['https://api.example.com']);

      // Users: signing in with their email now, attributes, groups and disabled state kept.
      expect(map.users).toMatchObject({ exported: 2, copied: 2, failed: 0 });
      expect(result.stderr).toMatch(/without passwords/);
      const alice = await sdk.send(new AdminGetUserCommand({ UserPoolId: clone, Username: 'alice@example.com' }));
      expect(alice.UserAttributes?.find((a) => a.Name === 'custom:tier')?.Value).toBe('gold');
      expect(alice.Enabled).toBe(true);
      const aliceGroups = await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: clone, Username: 'alice@example.com' }));
      expect(aliceGroups.Groups?.map((g) => g.GroupName)).toEqual(['admins']);
      const bob = await sdk.send(new AdminGetUserCommand({ UserPoolId: clone, Username: 'bob@example.com' }));
      expect(bob.Enabled).toBe(false);
    } finally {
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: source }));
      if (clone) await sdk.send(new DeleteUserPoolCommand({ UserPoolId: clone }));
    }
  });

  it('a clone failing half-way names what it created and how to remove it', async () => {
    const env = emulatorEnv(moto.url!);
    const sdk = await emulatorSdk(moto.url!);
    const source = await sourcePool(sdk, 'cfg-fault-src');
    // The first client is created; every attempt at the second is answered with a 500.
    const proxy = await startFaultProxy({ upstream: moto.url!, plan: { rules: [{ operation: 'CreateUserPoolClient', action: 'error500', after: 1 }] } });
    let created: string | undefined;
    try {
      const result = await runBin(['pool', 'clone', source, 'cfg-fault'], { env: { ...env, AWS_ENDPOINT_URL: proxy.url } });
      expect(result.code).toBe(1);
      created = /created pool (\S+)/.exec(result.stderr)?.[1];
      expect(created).toBeTruthy();
      expect(result.stderr).toMatch(/the clone stopped at create client web\. Created so far: pool \S+, .*group admins, group editors, client backend \(\w+\)/);
      expect(result.stderr).toMatch(/error: clone into pool \S+ failed at create client web/);
      expect(result.stderr).toContain(`hint: everything created is inside the new pool: remove it with \`cognito-admin pool delete ${created} --yes\``);
      expect(proxy.counters.byOperation.CreateUserPoolClient!.error500).toBeGreaterThan(0);

      // What the summary says exists does exist, and its command removes it.
      const { UserPoolClients } = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: created!, MaxResults: 60 }));
      expect(UserPoolClients?.map((c) => c.ClientName)).toEqual(['backend']);
      expect((await runBin(['pool', 'delete', created!, '--yes'], { env })).code).toBe(0);
      created = undefined;
    } finally {
      await proxy.close();
      await sdk.send(new DeleteUserPoolCommand({ UserPoolId: source }));
      if (created) await sdk.send(new DeleteUserPoolCommand({ UserPoolId: created }));
    }
  });
});
