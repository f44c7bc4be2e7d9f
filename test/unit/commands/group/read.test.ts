import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });

describe('group list', () => {
  it('follows every page', async () => {
    mock.on(ListGroupsCommand, { NextToken: undefined }).resolves({ Groups: [{ GroupName: 'a' }, { GroupName: 'b' }], NextToken: 't2' });
    mock.on(ListGroupsCommand, { NextToken: 't2' }).resolves({ Groups: [{ GroupName: 'c' }], NextToken: 't3' });
    mock.on(ListGroupsCommand, { NextToken: 't3' }).resolves({ Groups: [{ GroupName: 'd', Precedence: 1 }] });
    const result = await runCli(['group', 'list'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((g: { name: string }) => g.name)).toEqual(['a', 'b', 'c', 'd']);
    const calls = mock.commandCalls(ListGroupsCommand);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.args[0].input.UserPoolId === POOL && c.args[0].input.Limit === 60)).toBe(true);
  });

  it('streams ndjson and stops at --limit', async () => {
    mock.on(ListGroupsCommand, { NextToken: undefined }).resolves({ Groups: [{ GroupName: 'a' }, { GroupName: 'b' }], NextToken: 't2' });
    mock.on(ListGroupsCommand, { NextToken: 't2' }).resolves({ Groups: [{ GroupName: 'c' }, { GroupName: 'd' }], NextToken: 't3' });
    const result = await runCli(['group', 'list', '--limit', '3', '-o', 'ndjson'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((l) => JSON.parse(l).name)).toEqual(['a', 'b', 'c']);
    expect(mock.commandCalls(ListGroupsCommand).map((c) => c.args[0].input.Limit)).toEqual([3, 1]);
  });

  it('prints a table with the columns an operator reads', async () => {
    mock.on(ListGroupsCommand).resolves({ Groups: [{ GroupName: 'admins', Precedence: 1, Description: 'Administrators' }] });
    const result = await runCli(['group', 'list', '-o', 'table'], { env: env() });
    expect(result.stdout).toMatch(/NAME.*PRECEDENCE.*DESCRIPTION.*ROLE ARN/);
    expect(result.stdout).toMatch(/admins.*1.*Administrators/);
  });
});

describe('group get', () => {
  it('prints the group', async () => {
    mock.on(GetGroupCommand, { UserPoolId: POOL, GroupName: 'admins' }).resolves({
      Group: { GroupName: 'admins', Description: 'Administrators', Precedence: 1, UserPoolId: POOL },
    });
    const result = await runCli(['group', 'get', 'admins'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'admins', description: 'Administrators', precedence: 1 });
  });

  it('says which group does not exist, with a hint', async () => {
    mock.on(GetGroupCommand).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    const result = await runCli(['group', 'get', 'nope'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: group nope does not exist in user pool eu-west-1_Test123 \(ResourceNotFoundException\)\nhint: .*group list/);
    expect(result.stdout).toBe('');
  });

  it('keeps the pool hint when it is the pool that is missing', async () => {
    mock.on(GetGroupCommand).rejects(awsError('ResourceNotFoundException', `User pool ${POOL} does not exist.`));
    const result = await runCli(['group', 'get', 'admins'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/User pool .* does not exist.*\nhint: check the id and the region/);
  });

  it('without a name and without a terminal, is a usage error naming the argument', async () => {
    const result = await runCli(['group', 'get'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/group name is required.*<group> argument/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('on a terminal, offers the groups and echoes the choice', async () => {
    mock.on(ListGroupsCommand).resolves({ Groups: [{ GroupName: 'admins' }, { GroupName: 'editors' }] });
    mock.on(GetGroupCommand, { GroupName: 'editors' }).resolves({ Group: { GroupName: 'editors' } });
    const prompter = scriptedPrompter(['editors']);
    const result = await runCli(['group', 'get', '-o', 'json'], { env: env(), tty: true, prompter });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).name).toBe('editors');
    expect(result.stderr).toMatch(/using group editors/);
  });

  it('rejects an invalid group name before sending anything', async () => {
    const result = await runCli(['group', 'get', 'two words'], { env: env() });
    expect(result.code).toBe(2);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('group members', () => {
  it('follows every page', async () => {
    const users = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ Username: `u${from + i}`, UserStatus: 'CONFIRMED' as const, Enabled: true }));
    mock.on(ListUsersInGroupCommand, { NextToken: undefined }).resolves({ Users: users(0, 60), NextToken: 'p2' });
    mock.on(ListUsersInGroupCommand, { NextToken: 'p2' }).resolves({ Users: users(60, 60), NextToken: 'p3' });
    mock.on(ListUsersInGroupCommand, { NextToken: 'p3' }).resolves({ Users: users(120, 5) });
    const result = await runCli(['group', 'members', 'admins'], { env: env() });
    expect(result.code).toBe(0);
    const names = JSON.parse(result.stdout).map((u: { username: string }) => u.username);
    expect(names).toHaveLength(125);
    expect(names.at(-1)).toBe('u124');
    expect(mock.commandCalls(ListUsersInGroupCommand).every((c) => c.args[0].input.GroupName === 'admins')).toBe(true);
  });

  it('shows the email in a table', async () => {
    mock.on(ListUsersInGroupCommand).resolves({
      Users: [{ Username: 'ann', UserStatus: 'CONFIRMED', Enabled: true, Attributes: [{ Name: 'email', Value: 'ann@example.com' }] }],
    });
    const result = await runCli(['group', 'members', 'admins', '-o', 'table'], { env: env() });
    expect(result.stdout).toMatch(/USERNAME.*STATUS.*ENABLED.*EMAIL/);
    expect(result.stdout).toMatch(/ann.*CONFIRMED.*true.*ann@example\.com/);
  });

  it('reports a missing group', async () => {
    mock.on(ListUsersInGroupCommand).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    const result = await runCli(['group', 'members', 'nope'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/group nope does not exist/);
  });
});
