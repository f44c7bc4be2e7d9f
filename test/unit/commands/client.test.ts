import { describe, expect, it } from 'vitest';
import {
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { parseValidity, planClientCreate } from '../../../src/commands/client/create-request.js';

const mock = useStrictIdpMock();
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_Pool' });

describe('planClientCreate', () => {
  it('maps flows and token validity to the request', () => {
    const req = planClientCreate('eu-west-1_P', 'web', {
      flows: ['srp', 'admin', 'refresh'],
      accessTokenValidity: '30m',
      refreshTokenValidity: '30d',
    });
    expect(req).toMatchObject({
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      GenerateSecret: false,
      AccessTokenValidity: 30,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'days' },
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(planClientCreate('eu-west-1_P', 'web', {}).ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it("checks durations against Cognito's limits", () => {
    expect(parseValidity('--x', '1h', 300, 86400)).toEqual({ value: 1, unit: 'hours' });
    expect(() => parseValidity('--access-token-validity', '2d', 300, 86400)).toThrow(/outside Cognito's limits \(5m to 1d\)/);
    expect(() => parseValidity('--x', '10 minutes', 300, 86400)).toThrow(/not a duration/);
  });
});

describe('client commands', () => {
  it('creates a client with a secret without printing the secret', async () => {
    mock.on(CreateUserPoolClientCommand).resolves({
      UserPoolClient: { ClientId: 'cid', ClientName: 'api', ClientSecret: 'super-secret-value', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
    });
    const result = await runCli(['client', 'create', 'api', '--flows', 'admin', '--secret'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'cid', hasSecret: true, flows: ['admin'] });
    expect(result.stdout + result.stderr).not.toContain('super-secret-value');
    const shown = await runCli(['client', 'create', 'api', '--secret', '--show-secret'], { env: env() });
    expect(JSON.parse(shown.stdout).secret).toBe('super-secret-value');
  });

  it('masks the secret on describe unless --show-secret', async () => {
    mock.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'cid', ClientSecret: 'super-secret-value' } });
    const masked = await runCli(['client', 'describe', 'cid'], { env: env() });
    expect(JSON.parse(masked.stdout)).toEqual({ id: 'cid', hasSecret: true });
    expect(masked.stdout).not.toContain('super-secret-value');
    const shown = await runCli(['client', 'describe', 'cid', '--show-secret'], { env: env() });
    expect(JSON.parse(shown.stdout).secret).toBe('super-secret-value');
  });

  it('lists every page', async () => {
    mock.on(ListUserPoolClientsCommand, { NextToken: undefined }).resolves({ UserPoolClients: [{ ClientId: 'a' }], NextToken: 'p2' });
    mock.on(ListUserPoolClientsCommand, { NextToken: 'p2' }).resolves({ UserPoolClients: [{ ClientId: 'b' }] });
    const result = await runCli(['client', 'list'], { env: env() });
    expect(JSON.parse(result.stdout).map((c: { id: string }) => c.id)).toEqual(['a', 'b']);
    expect(mock.commandCalls(ListUserPoolClientsCommand).every((c) => c.args[0].input.UserPoolId === 'eu-west-1_Pool')).toBe(true);
  });

  it('asks before deleting on a terminal, and does nothing when the answer is no', async () => {
    mock.on(DeleteUserPoolClientCommand).resolves({});
    const prompter = scriptedPrompter([false]);
    const no = await runCli(['client', 'delete', 'cid'], { env: env(), tty: true, prompter });
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/cancelled/);
    expect(prompter.asked[0]).toMatch(/Delete app client cid of pool eu-west-1_Pool\?/);
    expect(mock.commandCalls(DeleteUserPoolClientCommand)).toHaveLength(0);
    const yes = await runCli(['client', 'delete', 'cid'], { env: env(), tty: true, prompter: scriptedPrompter([true]) });
    expect(yes.code).toBe(0);
    expect(mock.commandCalls(DeleteUserPoolClientCommand)).toHaveLength(1);
  });

  it('offers a picker for a missing pool on a terminal and echoes the flag', async () => {
    const { ListUserPoolsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    mock.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-west-1_Picked', Name: 'picked' }] });
    mock.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [] });
    const result = await runCli(['client', 'list', '-o', 'json'], { env: isolatedEnv(), tty: true, prompter: scriptedPrompter(['eu-west-1_Picked']) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('using --pool eu-west-1_Picked');
    expect(mock.commandCalls(ListUserPoolClientsCommand)[0]!.args[0].input.UserPoolId).toBe('eu-west-1_Picked');
  });

  it('names the flag and the variable for a missing pool without a terminal', async () => {
    const result = await runCli(['client', 'list'], { env: isolatedEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: a user pool is required: pass --pool <id> or COGNITO_USER_POOL_ID\n/);
    expect(mock.calls()).toHaveLength(0);
  });
});
