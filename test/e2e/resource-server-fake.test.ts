// resource-server commands against the fake Cognito, whose UpdateResourceServer drops the scopes a
// request omits, as documented (moto 5.2 answers UpdateResourceServer and DeleteResourceServer with
// HTTP 500). State is read back with a plain SDK client.
import { describe, expect, it } from 'vitest';
import {
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { FakeCognito } from '../support/fake-cognito/index.js';
import { useFakeCognito } from '../unit/fake-cognito/sdk.js';
import { runBin, runJson } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;
useFakeCognito((s, c) => {
  server = s;
  sdk = c;
});

const API = 'https://api.example.com';

describe('resource-server on the fake', () => {
  it('creates, renames and edits scopes without losing the others, then deletes', async () => {
    const pool = server.createPool({ name: 'apis' });
    const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url, AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: pool.id });
    const read = async () => (await sdk.send(new DescribeResourceServerCommand({ UserPoolId: pool.id, Identifier: API }))).ResourceServer!;

    const created = await runJson(['resource-server', 'create', API, '--name', 'Orders API', '--scope', 'read=Read orders', '--scope', 'write=Place orders'], { env });
    expect(created).toEqual({
      identifier: API,
      name: 'Orders API',
      poolId: pool.id,
      scopes: [
        { scope: `${API}/read`, name: 'read', description: 'Read orders' },
        { scope: `${API}/write`, name: 'write', description: 'Place orders' },
      ],
    });

    // The trap: a plain update that names only the new name drops every scope.
    await sdk.send(new UpdateResourceServerCommand({ UserPoolId: pool.id, Identifier: API, Name: 'probe' }));
    expect((await read()).Scopes).toEqual([]);
    await sdk.send(new UpdateResourceServerCommand({
      UserPoolId: pool.id, Identifier: API, Name: 'Orders API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }, { ScopeName: 'write', ScopeDescription: 'Place orders' }],
    }));

    const dry = await runBin(['resource-server', 'update', API, '--add-scope', 'admin=Manage orders', '--remove-scope', 'write', '--dry-run', '-o', 'text'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Scopes: .*"write".* → .*"admin".*$/m);
    expect((await read()).Scopes).toHaveLength(2);

    expect((await runBin(['resource-server', 'update', API, '--add-scope', 'admin=Manage orders', '--remove-scope', 'write'], { env })).code).toBe(0);
    expect((await read()).Scopes).toEqual([
      { ScopeName: 'read', ScopeDescription: 'Read orders' },
      { ScopeName: 'admin', ScopeDescription: 'Manage orders' },
    ]);

    const renamed = await runJson(['resource-server', 'update', API, '--name', 'Orders'], { env });
    expect(renamed.changes).toEqual([{ field: 'Name', before: 'Orders API', after: 'Orders' }]);
    expect(await read()).toMatchObject({ Name: 'Orders', Scopes: [{ ScopeName: 'read' }, { ScopeName: 'admin' }] });

    const missing = await runBin(['resource-server', 'update', API, '--remove-scope', 'nope'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no scope nope to remove\nhint: its scopes: read, admin/);

    const listed = await runJson<Array<{ identifier: string }>>(['resource-server', 'list'], { env });
    expect(listed.map((s) => s.identifier)).toEqual([API]);

    expect((await runBin(['resource-server', 'delete', API], { env })).code).toBe(2);
    expect((await runBin(['resource-server', 'delete', API, '--yes'], { env })).code).toBe(0);
    expect((await sdk.send(new ListResourceServersCommand({ UserPoolId: pool.id, MaxResults: 10 }))).ResourceServers).toEqual([]);
  });
});
