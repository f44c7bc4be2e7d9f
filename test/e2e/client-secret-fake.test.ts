// client secret rotation end to end against the fake Cognito (no emulator has the secret-rotation
// API): add a second secret, move to it, delete the old one; the refusals on the way.
import { describe, expect, it } from 'vitest';
import { ListUserPoolClientSecretsCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
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

describe('client secret on the fake', () => {
  it('rotates: add prints the new secret once, delete of the old one asks first, the last one stays', async () => {
    const pool = server.createPool({ name: 'rotation' });
    const client = server.createClient(pool.id, { name: 'backend', secret: true });
    const original = client.clientSecret!;
    const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url, AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: pool.id });

    const [first] = await runJson<Array<{ secretId: string }>>(['client', 'secret', 'list', client.clientId], { env });
    expect(first!.secretId).toMatch(new RegExp(`^${client.clientId}--\\d+$`));

    const added = await runBin(['client', 'secret', 'add', client.clientId, '-o', 'json', '--debug'], { env });
    expect(added.code).toBe(0);
    const view = JSON.parse(added.stdout);
    expect(added.stderr).toMatch(/AddUserPoolClientSecret/);
    expect(added.stderr).not.toContain(view.clientSecret);
    expect(view).toMatchObject({ clientId: client.clientId, secretId: expect.stringMatching(/--\d+$/), clientSecret: expect.any(String) });
    expect(view.clientSecret).not.toBe(original);
    expect(added.stderr).toMatch(/only time Cognito shows this secret/);

    const listed = await runJson<Array<Record<string, unknown>>>(['client', 'secret', 'list', client.clientId], { env });
    expect(listed.map((s) => s.secretId)).toEqual([first!.secretId, view.secretId]);
    expect(JSON.stringify(listed)).not.toContain(view.clientSecret);

    // A third secret is Cognito's limit: the error comes through as one line.
    const third = await runBin(['client', 'secret', 'add', client.clientId], { env });
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/^error: .*\(LimitExceededException\)/);

    const refused = await runBin(['client', 'secret', 'delete', first!.secretId], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect((await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.id, ClientId: client.clientId }))).ClientSecrets).toHaveLength(2);

    const deleted = await runBin(['client', 'secret', 'delete', first!.secretId, '--yes'], { env });
    expect(deleted.code).toBe(0);
    const left = (await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.id, ClientId: client.clientId }))).ClientSecrets!;
    expect(left.map((s) => s.ClientSecretId)).toEqual([view.secretId]);
    // The fake now checks SECRET_HASH against the new secret only.
    expect(server.pool(pool.id)!.clients.get(client.clientId)!.clientSecret).toBe(view.clientSecret);

    const last = await runBin(['client', 'secret', 'delete', client.clientId, view.secretId, '--yes'], { env });
    expect(last.code).toBe(2);
    expect(last.stderr).toMatch(/only secret .*\nhint: add the new one first/);
  });

  it('--save-profile stores the new secret instead of printing it, with the endpoint and region in effect', async () => {
    const pool = server.createPool({ name: 'rotation-profile' });
    const client = server.createClient(pool.id, { name: 'backend', secret: true });
    const env = isolatedEnv({ AWS_ENDPOINT_URL: server.url, AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: pool.id });
    const added = await runBin(['client', 'secret', 'add', client.clientId, '--save-profile', 'backend', '-o', 'json'], { env });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).clientSecret).toBeUndefined();
    const stored = await runJson(['profile', 'show', 'backend'], { env });
    expect(stored).toMatchObject({ userPoolId: pool.id, clientId: client.clientId, clientSecret: '****', endpoint: server.url, region: 'eu-west-1' });
    const secrets = await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.id, ClientId: client.clientId }));
    expect(secrets.ClientSecrets).toHaveLength(2);
  });
});
