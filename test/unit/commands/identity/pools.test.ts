// identity create | list | describe | delete | set-roles with a strict Cognito Identity mock.
import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const mock = useStrictMock(CognitoIdentityClient);

const POOL = 'eu-west-1:0a1b2c3d-1111-2222-3333-444455556666';
const AUTH_ROLE = 'arn:aws:iam::123456789012:role/app-users';
const GUEST_ROLE = 'arn:aws:iam::123456789012:role/app-guests';

describe('identity create', () => {
  it('links the user pool under the provider name of the POOL region, not the configured one', async () => {
    mock.on(CreateIdentityPoolCommand).callsFake((input) => ({ IdentityPoolId: 'us-east-2:new-id', ...input }));
    const env = isolatedEnv({ AWS_REGION: undefined });
    const result = await runCli(
      ['identity', 'create', 'shop-users', '--user-pool', 'us-east-2_AbC123', '--client', 'client1', '--allow-guests'],
      { env },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(mock.commandCalls(CreateIdentityPoolCommand)[0]!.args[0].input).toEqual({
      IdentityPoolName: 'shop-users',
      AllowUnauthenticatedIdentities: true,
      DeveloperProviderName: undefined,
      CognitoIdentityProviders: [
        { ProviderName: 'cognito-idp.us-east-2.amazonaws.com/us-east-2_AbC123', ClientId: 'client1', ServerSideTokenCheck: false },
      ],
    });
    expect(await mock.commandCalls(CreateIdentityPoolCommand)[0]!.thisValue.config.region()).toBe('us-east-2');
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'us-east-2:new-id', name: 'shop-users' });
  });

  it('uses the resolved pool when only --client is given, and the region for an emulator pool id', async () => {
    mock.on(CreateIdentityPoolCommand).resolves({ IdentityPoolId: 'x:1', IdentityPoolName: 'n' });
    const result = await runCli(['identity', 'create', 'n', '--client', 'c1', '-o', 'text'], {
      env: isolatedEnv({ COGNITO_USER_POOL_ID: 'local_Pool1', AWS_REGION: 'ap-south-1' }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('x:1\n');
    expect(mock.commandCalls(CreateIdentityPoolCommand)[0]!.args[0].input.CognitoIdentityProviders).toEqual([
      { ProviderName: 'cognito-idp.ap-south-1.amazonaws.com/local_Pool1', ClientId: 'c1', ServerSideTokenCheck: false },
    ]);
  });

  it('links no user pool unless asked, even when the profile names one; sets a developer provider', async () => {
    mock.on(CreateIdentityPoolCommand).resolves({ IdentityPoolId: POOL });
    const result = await runCli(['identity', 'create', 'backend', '--developer-provider', 'login.example.com'], {
      env: isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool', COGNITO_CLIENT_ID: 'c1' }),
    });
    expect(result.code).toBe(0);
    const input = mock.commandCalls(CreateIdentityPoolCommand)[0]!.args[0].input;
    expect(input.CognitoIdentityProviders).toBeUndefined();
    expect(input).toMatchObject({ AllowUnauthenticatedIdentities: false, DeveloperProviderName: 'login.example.com' });
  });

  it('a bare --user-pool links the resolved pool and client', async () => {
    mock.on(CreateIdentityPoolCommand).resolves({ IdentityPoolId: POOL });
    const result = await runCli(['identity', 'create', 'app', '--user-pool'], {
      env: isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool', COGNITO_CLIENT_ID: 'c1' }),
    });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(CreateIdentityPoolCommand)[0]!.args[0].input.CognitoIdentityProviders?.[0]).toMatchObject({
      ProviderName: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool',
      ClientId: 'c1',
    });
  });

  it('without a terminal, a missing app client is a usage error naming the flag; nothing is created', async () => {
    const result = await runCli(['identity', 'create', 'app', '--user-pool', 'eu-west-1_Pool']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--client <id> or COGNITO_CLIENT_ID/);
    expect(mock.calls()).toHaveLength(0);
  });

  it.each([
    [['identity', 'create', 'bad/name'], /invalid identity pool name/],
    [['identity', 'create', 'ok', '--developer-provider', 'has space'], /not a developer provider name/],
    [['identity', 'create', 'ok', '--user-pool', 'not-a-pool', '--client', 'c'], /invalid user pool id/],
  ])('rejects %j with exit 2 before any call', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('identity list', () => {
  const page = (n: number, from: number) =>
    Array.from({ length: n }, (_, i) => ({ IdentityPoolId: `eu-west-1:id-${from + i}`, IdentityPoolName: `p${from + i}` }));

  it('follows every page, 60 at a time, and streams ndjson', async () => {
    mock.on(ListIdentityPoolsCommand, { NextToken: undefined }).resolves({ IdentityPools: page(60, 0), NextToken: 't1' });
    mock.on(ListIdentityPoolsCommand, { NextToken: 't1' }).resolves({ IdentityPools: page(60, 60), NextToken: 't2' });
    mock.on(ListIdentityPoolsCommand, { NextToken: 't2' }).resolves({ IdentityPools: page(5, 120) });
    const result = await runCli(['identity', 'list', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    const ids = result.stdout.trim().split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toHaveLength(125);
    expect(ids[124]).toBe('eu-west-1:id-124');
    expect(mock.commandCalls(ListIdentityPoolsCommand).map((c) => c.args[0].input)).toEqual([
      { NextToken: undefined, MaxResults: 60 },
      { NextToken: 't1', MaxResults: 60 },
      { NextToken: 't2', MaxResults: 60 },
    ]);
  });

  it('stops at --limit, asking for no more than it needs', async () => {
    mock.on(ListIdentityPoolsCommand, { NextToken: undefined }).resolves({ IdentityPools: page(60, 0), NextToken: 't1' });
    mock.on(ListIdentityPoolsCommand, { NextToken: 't1' }).resolves({ IdentityPools: page(60, 60), NextToken: 't2' });
    const result = await runCli(['identity', 'list', '--limit', '70']);
    expect(JSON.parse(result.stdout)).toHaveLength(70);
    expect(mock.commandCalls(ListIdentityPoolsCommand).map((c) => c.args[0].input.MaxResults)).toEqual([60, 10]);
  });

  it('prints a table on a terminal', async () => {
    mock.on(ListIdentityPoolsCommand).resolves({ IdentityPools: page(2, 0) });
    const result = await runCli(['identity', 'list'], { tty: true, prompter: scriptedPrompter([]) });
    expect(result.stdout).toMatch(/ID\s.*NAME/);
    expect(result.stdout).toMatch(/eu-west-1:id-1\s.*p1/);
  });
});

describe('identity describe', () => {
  it('shows the pool with its roles, from the argument', async () => {
    mock.on(DescribeIdentityPoolCommand, { IdentityPoolId: POOL }).resolves({ IdentityPoolId: POOL, IdentityPoolName: 'app', AllowUnauthenticatedIdentities: true });
    mock.on(GetIdentityPoolRolesCommand, { IdentityPoolId: POOL }).resolves({ Roles: { authenticated: AUTH_ROLE } });
    const result = await runCli(['identity', 'describe', POOL]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: POOL, name: 'app', allowGuests: true, roles: { authenticated: AUTH_ROLE } });
  });

  it('takes the pool from COGNITO_IDENTITY_POOL_ID, and still describes when the roles cannot be read', async () => {
    mock.on(DescribeIdentityPoolCommand).resolves({ IdentityPoolId: POOL, IdentityPoolName: 'app' });
    mock.on(GetIdentityPoolRolesCommand).rejects(awsError('AccessDeniedException', 'not allowed'));
    const result = await runCli(['identity', 'describe', '-o', 'table'], { env: isolatedEnv({ COGNITO_IDENTITY_POOL_ID: POOL }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/name\s.*app/);
    expect(result.stderr).toMatch(/warning:.*roles not shown: not allowed/);
  });

  it('offers a picker on a terminal and echoes the flag', async () => {
    mock.on(ListIdentityPoolsCommand).resolves({ IdentityPools: [{ IdentityPoolId: POOL, IdentityPoolName: 'app' }] });
    mock.on(DescribeIdentityPoolCommand).resolves({ IdentityPoolId: POOL, IdentityPoolName: 'app' });
    mock.on(GetIdentityPoolRolesCommand).resolves({});
    const prompter = scriptedPrompter([POOL]);
    const result = await runCli(['identity', 'describe', '-o', 'json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(prompter.asked).toEqual(['Identity pool']);
    expect(result.stderr).toContain(`using --identity-pool ${POOL}`);
  });

  it('without a terminal, a missing identity pool is a usage error naming flag and variable', async () => {
    const result = await runCli(['identity', 'describe']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--identity-pool <id> or COGNITO_IDENTITY_POOL_ID/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('rejects a malformed id with exit 2 and sends nothing', async () => {
    const result = await runCli(['identity', 'describe', 'eu-west-1_NotAnIdentityPool']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid identity pool id/);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('identity delete', () => {
  it('refuses without --yes when there is no terminal: exit 2, nothing deleted', async () => {
    mock.on(DescribeIdentityPoolCommand).resolves({ IdentityPoolId: POOL, IdentityPoolName: 'app' });
    const result = await runCli(['identity', 'delete', POOL]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to delete identity pool .* pass --yes/);
    expect(mock.commandCalls(DeleteIdentityPoolCommand)).toHaveLength(0);
  });

  it('deletes with --yes', async () => {
    mock.on(DescribeIdentityPoolCommand).resolves({ IdentityPoolId: POOL, IdentityPoolName: 'app' });
    mock.on(DeleteIdentityPoolCommand).resolves({});
    const result = await runCli(['identity', 'delete', POOL, '--yes']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ deleted: POOL });
    expect(mock.commandCalls(DeleteIdentityPoolCommand)[0]!.args[0].input).toEqual({ IdentityPoolId: POOL });
  });

  it('asks on a terminal, naming the pool, and stops on no', async () => {
    mock.on(DescribeIdentityPoolCommand).resolves({ IdentityPoolId: POOL, IdentityPoolName: 'app' });
    const prompter = scriptedPrompter([false]);
    const result = await runCli(['identity', 'delete', POOL], { tty: true, prompter });
    expect(result.code).toBe(1);
    expect(prompter.asked[0]).toBe(`Delete identity pool ${POOL} (app)?`);
    expect(mock.commandCalls(DeleteIdentityPoolCommand)).toHaveLength(0);
  });

  it('reports a missing pool as exit 1 with the AWS error name', async () => {
    mock.on(DescribeIdentityPoolCommand).rejects(awsError('ResourceNotFoundException', `IdentityPool '${POOL}' not found.`));
    const result = await runCli(['identity', 'delete', POOL, '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*not found\. \(ResourceNotFoundException\)/);
  });
});

describe('identity set-roles', () => {
  it('keeps the roles and role mappings it was not asked to change', async () => {
    const mappings = { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_P:c1': { Type: 'Token' as const, AmbiguousRoleResolution: 'AuthenticatedRole' as const } };
    mock.on(GetIdentityPoolRolesCommand).resolves({ IdentityPoolId: POOL, Roles: { authenticated: 'arn:aws:iam::123456789012:role/old', unauthenticated: GUEST_ROLE }, RoleMappings: mappings });
    mock.on(SetIdentityPoolRolesCommand).resolves({});
    const result = await runCli(['identity', 'set-roles', POOL, '--authenticated', AUTH_ROLE]);
    expect(result.code).toBe(0);
    expect(mock.commandCalls(SetIdentityPoolRolesCommand)[0]!.args[0].input).toEqual({
      IdentityPoolId: POOL,
      Roles: { authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE },
      RoleMappings: mappings,
    });
    expect(JSON.parse(result.stdout)).toEqual({ id: POOL, roles: { authenticated: AUTH_ROLE, guest: GUEST_ROLE } });
  });

  it('sets only the guest role, keeping the authenticated one', async () => {
    mock.on(GetIdentityPoolRolesCommand).resolves({ Roles: { authenticated: AUTH_ROLE } });
    mock.on(SetIdentityPoolRolesCommand).resolves({});
    const result = await runCli(['identity', 'set-roles', POOL, '--guest', GUEST_ROLE, '-o', 'table'], { tty: true, prompter: scriptedPrompter([]) });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(SetIdentityPoolRolesCommand)[0]!.args[0].input).toEqual({
      IdentityPoolId: POOL,
      Roles: { authenticated: AUTH_ROLE, unauthenticated: GUEST_ROLE },
    });
    expect(result.stderr).toMatch(/set the guest role of identity pool/);
  });

  it.each([
    [['--authenticated', 'arn:aws:iam::123:role/short-account']],
    [['--authenticated', AUTH_ROLE, '--guest', 'arn:aws:iam::123456789012:user/not-a-role']],
    [['--guest', 'app-guests']],
    [[]],
  ])('rejects %j with exit 2 before any call', async (flags) => {
    const result = await runCli(['identity', 'set-roles', POOL, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not an IAM role ARN|nothing to set/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('names the operation when an endpoint answers with something that is not JSON', async () => {
    mock.on(GetIdentityPoolRolesCommand).rejects(
      Object.assign(new SyntaxError("Unexpected token '<', \"<!doctype \"... is not valid JSON"), { $metadata: { httpStatusCode: 500 } }),
    );
    const result = await runCli(['identity', 'set-roles', POOL, '--guest', GUEST_ROLE], {
      env: isolatedEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: http:\/\/127\.0\.0\.1:1 gave no valid answer to GetIdentityPoolRoles \(HTTP 500\) \(UnsupportedOperation\)\nhint: .*may not implement GetIdentityPoolRoles/);
    expect(mock.commandCalls(SetIdentityPoolRolesCommand)).toHaveLength(0);
  });
});
