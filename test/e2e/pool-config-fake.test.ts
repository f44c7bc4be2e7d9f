// pool apply against the suite's fake Cognito, whose UpdateUserPoolClient and UpdateResourceServer
// reset what a request omits, as the API documents (moto merges client updates, and answers
// UpdateResourceServer and DeleteResourceServer with a 500). A file that lacks some of a client's
// settings changes only what it names; resource servers are updated and pruned.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  DescribeUserPoolClientCommand,
  ListResourceServersCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { FakeCognito } from '../support/fake-cognito/index.js';
import { useFakeCognito } from '../unit/fake-cognito/sdk.js';
import { runBin } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;
const dir = mkdtempSync(join(tmpdir(), 'pool-config-fake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

useFakeCognito((s, c) => {
  server = s;
  sdk = c;
});

describe('pool apply on the fake', () => {
  it('changes only what the file names: client settings it lacks survive; resource servers are updated and pruned', async () => {
    const pool = server.createPool({ name: 'shop' });
    const client = server.createClient(pool.id, { name: 'web', flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const UserPoolId = pool.id;
    await sdk.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }));
    await sdk.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'old', Name: 'Old API', Scopes: [] }));
    await sdk.send(new UpdateUserPoolClientCommand({
      UserPoolId, ClientId: client.clientId, ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenValidity: 90, TokenValidityUnits: { RefreshToken: 'days' }, ReadAttributes: ['email', 'name'],
      CallbackURLs: ['https://shop.example.com/cb'], AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'api/read'], SupportedIdentityProviders: ['COGNITO'],
    }));
    const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url, AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: UserPoolId });

    const file = join(dir, 'shop.json');
    const exported = await runBin(['pool', 'export-config', '--out', file], { env });
    expect(exported.code, exported.stderr).toBe(0);
    const config = JSON.parse(readFileSync(file, 'utf8'));
    expect(config.clients.web.RefreshTokenValidity).toBe(90);

    // A file that names only some of the client's settings, a new scope description, no "old".
    const web = config.clients.web;
    delete web.RefreshTokenValidity;
    delete web.TokenValidityUnits;
    delete web.ReadAttributes;
    web.CallbackURLs = ['https://shop.example.com/cb', 'https://shop.example.com/cb2'];
    config.resourceServers.api.Scopes = [{ ScopeName: 'read', ScopeDescription: 'read the catalogue' }];
    delete config.resourceServers.old;
    writeFileSync(file, JSON.stringify(config));

    const dry = await runBin(['pool', 'apply', file, '--dry-run', '--prune', '-o', 'text'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('~ client web\n    CallbackURLs: ["https://shop.example.com/cb"] → ["https://shop.example.com/cb","https://shop.example.com/cb2"]\n');
    expect(dry.stdout).toContain('~ resource-server api\n');
    expect(dry.stdout).toContain('- resource-server old\n');
    expect(server.callsTo('UpdateUserPoolClient')).toHaveLength(1); // only the set-up call above

    const applied = await runBin(['pool', 'apply', file, '--prune', '--yes', '-o', 'json'], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout).applied.map((s: { action: string; object: string; name: string }) => `${s.action} ${s.object} ${s.name}`)).toEqual([
      'update resource-server api', 'update client web', 'delete resource-server old',
    ]);

    const after = (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: client.clientId }))).UserPoolClient!;
    expect(after.CallbackURLs).toEqual(['https://shop.example.com/cb', 'https://shop.example.com/cb2']);
    expect(after.RefreshTokenValidity).toBe(90);
    expect(after.TokenValidityUnits?.RefreshToken).toBe('days');
    expect(after.ReadAttributes).toEqual(['email', 'name']);
    expect(after.AllowedOAuthScopes).toEqual(['openid', 'api/read']);
    const { ResourceServers } = await sdk.send(new ListResourceServersCommand({ UserPoolId, MaxResults: 10 }));
    expect(ResourceServers?.map((r) => [r.Identifier, r.Scopes])).toEqual([['api', [{ ScopeName: 'read', ScopeDescription: 'read the catalogue' }]]]);

    const diff = await runBin(['pool', 'diff', file, '--exit-code'], { env });
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
  });
});
