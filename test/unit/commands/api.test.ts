// `api <Operation>` with the strict SDK mocks: the request built from --input/--field, pages,
// masking, unknown operations.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  DescribeUserPoolClientCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { runCli } from '../../support/cli.js';
import { useStrictIdpMock, useStrictMock } from '../../support/sdk-mock.js';

const mock = useStrictIdpMock();
const identity = useStrictMock(CognitoIdentityClient);
const POOL = 'eu-west-1_Api';

function stubUserPages() {
  mock.on(ListUsersCommand, { PaginationToken: undefined }).resolves({ Users: [{ Username: 'a' }, { Username: 'b' }], PaginationToken: 'p2' });
  mock.on(ListUsersCommand, { PaginationToken: 'p2' }).resolves({ Users: [{ Username: 'c' }], PaginationToken: 'p3' });
  mock.on(ListUsersCommand, { PaginationToken: 'p3' }).resolves({ Users: [{ Username: 'd' }] });
}

describe('api', () => {
  it('sends the request built from --input and typed --field values, and prints the answer', async () => {
    mock.on(ListUsersCommand).resolves({ Users: [{ Username: 'a' }] });
    const result = await runCli(['api', 'ListUsers', '--input', JSON.stringify({ UserPoolId: POOL }), '--field', 'Limit=5', '--field', 'Filter=username = "12"']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ Users: [{ Username: 'a' }] });
    expect(mock.commandCalls(ListUsersCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, Limit: 5, Filter: 'username = "12"' });
  });

  it('reads --input from a file and from stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-input-'));
    try {
      const file = join(dir, 'req.json');
      writeFileSync(file, JSON.stringify({ UserPoolId: POOL, Username: 'ann' }));
      mock.on(AdminGetUserCommand).resolves({ Username: 'ann', Enabled: true });
      expect((await runCli(['api', 'AdminGetUser', '--input', `@${file}`])).code).toBe(0);
      const piped = await runCli(['api', 'admin-get-user', '--input', '-'], { stdin: `{"UserPoolId": "${POOL}",\n "Username": "bob"}\n` });
      expect(piped.code).toBe(0);
      expect(mock.commandCalls(AdminGetUserCommand).map((c) => c.args[0].input.Username)).toEqual(['ann', 'bob']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fills UserPoolId from --pool when the operation takes one', async () => {
    mock.on(ListUsersCommand).resolves({ Users: [] });
    const result = await runCli(['api', 'ListUsers', '--pool', POOL]);
    expect(result.code).toBe(0);
    expect(mock.commandCalls(ListUsersCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL });
  });

  it('--paginate follows the page token: items with -o ndjson, one merged answer with -o json', async () => {
    stubUserPages();
    const nd = await runCli(['api', 'ListUsers', '--field', `UserPoolId=${POOL}`, '--paginate', '-o', 'ndjson']);
    expect(nd.code).toBe(0);
    expect(nd.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ Username: 'a' }, { Username: 'b' }, { Username: 'c' }, { Username: 'd' }]);
    expect(mock.commandCalls(ListUsersCommand).map((c) => c.args[0].input.PaginationToken)).toEqual([undefined, 'p2', 'p3']);

    mock.resetHistory();
    const merged = await runCli(['api', 'ListUsers', '--field', `UserPoolId=${POOL}`, '--paginate', '-o', 'json']);
    expect(JSON.parse(merged.stdout)).toEqual({ Users: [{ Username: 'a' }, { Username: 'b' }, { Username: 'c' }, { Username: 'd' }] });

    const table = await runCli(['api', 'ListUsers', '--field', `UserPoolId=${POOL}`, '--paginate', '--no-color'], { tty: true });
    expect(table.stdout).toMatch(/Username/);
    expect(table.stdout.match(/│ [abcd] /g)).toHaveLength(4);
  });

  it('--paginate on an operation without pages is a usage error before any call', async () => {
    const result = await runCli(['api', 'DescribeUserPool', '--field', `UserPoolId=${POOL}`, '--paginate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DescribeUserPool does not return pages/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('masks secrets in the answer unless --show-secrets', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({
      UserPoolClient: { ClientId: 'cid123', ClientName: 'web', ClientSecret: 'very-secret-value' },
    });
    const args = ['api', 'DescribeUserPoolClient', '--field', `UserPoolId=${POOL}`, '--field', 'ClientId=cid123'];
    const masked = await runCli(args);
    expect(masked.code).toBe(0);
    expect(JSON.parse(masked.stdout).UserPoolClient).toEqual({ ClientId: 'cid123', ClientName: 'web', ClientSecret: '****' });
    expect(masked.stdout + masked.stderr).not.toContain('very-secret-value');
    const shown = await runCli([...args, '--show-secrets']);
    expect(JSON.parse(shown.stdout).UserPoolClient.ClientSecret).toBe('very-secret-value');
  });

  it('an unknown operation is exit 2 with the closest names, and nothing is sent', async () => {
    const result = await runCli(['api', 'ListUser']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: the user-pool API has no operation "ListUser"/);
    expect(result.stderr).toMatch(/hint: did you mean ListUsers/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('an unknown input member is exit 2 listing the members', async () => {
    const result = await runCli(['api', 'ListUsers', '--field', 'PoolId=x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ListUsers has no input member "PoolId"/);
    expect(result.stderr).toMatch(/hint: its members: UserPoolId/);
  });

  it('--service identity calls the identity-pool API', async () => {
    identity.on(ListIdentityPoolsCommand, { NextToken: undefined }).resolves({ IdentityPools: [{ IdentityPoolId: 'eu-west-1:1' }], NextToken: 'n' });
    identity.on(ListIdentityPoolsCommand, { NextToken: 'n' }).resolves({ IdentityPools: [{ IdentityPoolId: 'eu-west-1:2' }] });
    const result = await runCli(['api', 'ListIdentityPools', '--service', 'identity', '--field', 'MaxResults=60', '--paginate', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((l) => JSON.parse(l).IdentityPoolId)).toEqual(['eu-west-1:1', 'eu-west-1:2']);
    expect(identity.commandCalls(ListIdentityPoolsCommand)[0]!.args[0].input).toEqual({ MaxResults: 60 });
  });
});
