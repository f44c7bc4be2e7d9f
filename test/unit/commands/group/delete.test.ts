import { describe, expect, it } from 'vitest';
import {
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  DeleteGroupCommand,
  GetGroupCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });

function group(name: string, members: string[]) {
  mock.on(GetGroupCommand, { GroupName: name }).resolves({ Group: { GroupName: name, UserPoolId: POOL } });
  mock.on(ListUsersInGroupCommand, { GroupName: name, NextToken: undefined }).resolves({
    Users: members.slice(0, 2).map((Username) => ({ Username })),
    NextToken: members.length > 2 ? 'p2' : undefined,
  });
  mock.on(ListUsersInGroupCommand, { GroupName: name, NextToken: 'p2' }).resolves({ Users: members.slice(2).map((Username) => ({ Username })) });
}

describe('group delete', () => {
  it('without --yes and without a terminal refuses and deletes nothing', async () => {
    group('old', []);
    const result = await runCli(['group', 'delete', 'old'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to delete group old without confirmation: pass --yes/);
    expect(mock.commandCalls(DeleteGroupCommand)).toHaveLength(0);
  });

  it('deletes an empty group with --yes', async () => {
    group('old', []);
    mock.on(DeleteGroupCommand).resolves({});
    const result = await runCli(['group', 'delete', 'old', '--yes'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ deleted: 'old', removedMembers: 0 });
    expect(mock.commandCalls(DeleteGroupCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, GroupName: 'old' });
  });

  it('asks on a terminal, and a no changes nothing', async () => {
    group('old', []);
    const prompter = scriptedPrompter([false]);
    const result = await runCli(['group', 'delete', 'old'], { env: env(), tty: true, prompter });
    expect(result.code).toBe(1);
    expect(prompter.asked[0]).toMatch(/Delete group old\?/);
    expect(mock.commandCalls(DeleteGroupCommand)).toHaveLength(0);
  });

  it('refuses a group with members without --force, saying how many', async () => {
    group('team', ['ann', 'bob', 'cy']);
    const result = await runCli(['group', 'delete', 'team', '--yes'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/group team has 3 members; nothing was deleted/);
    expect(result.stderr).toMatch(/hint: pass --force/);
    expect(mock.commandCalls(AdminRemoveUserFromGroupCommand)).toHaveLength(0);
    expect(mock.commandCalls(DeleteGroupCommand)).toHaveLength(0);
  });

  it('with --force removes every member (all pages) first, then deletes the group', async () => {
    group('team', ['ann', 'bob', 'cy']);
    mock.on(AdminRemoveUserFromGroupCommand).resolves({});
    mock.on(DeleteGroupCommand).resolves({});
    const prompter = scriptedPrompter([true]);
    const result = await runCli(['group', 'delete', 'team', '--force'], { env: env(), tty: true, prompter });
    expect(result.code).toBe(0);
    expect(prompter.asked[0]).toMatch(/Delete group team and remove its 3 members from it\?/);
    const names = mock.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(names.filter((n) => n === 'AdminRemoveUserFromGroupCommand')).toHaveLength(3);
    expect(names.at(-1)).toBe('DeleteGroupCommand');
    expect(names.indexOf('DeleteGroupCommand')).toBeGreaterThan(names.lastIndexOf('AdminRemoveUserFromGroupCommand'));
    expect(mock.commandCalls(AdminRemoveUserFromGroupCommand).map((c) => c.args[0].input.Username).sort()).toEqual(['ann', 'bob', 'cy']);
  });

  it('keeps the group when a member cannot be removed', async () => {
    group('team', ['ann', 'bob']);
    mock.on(AdminRemoveUserFromGroupCommand, { Username: 'ann' }).resolves({});
    mock.on(AdminRemoveUserFromGroupCommand, { Username: 'bob' }).rejects(awsError('AccessDeniedException', 'not allowed'));
    const result = await runCli(['group', 'delete', 'team', '--force', '--yes'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: bob: not allowed \(AccessDeniedException\)/);
    expect(result.stderr).toMatch(/could not remove 1 of 2 members from group team; the group was not deleted/);
    expect(mock.commandCalls(DeleteGroupCommand)).toHaveLength(0);
  });

  it('fails on a missing group before asking or changing anything', async () => {
    mock.on(GetGroupCommand).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    const result = await runCli(['group', 'delete', 'nope', '--yes'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/group nope does not exist/);
    expect(mock.commandCalls(DeleteGroupCommand)).toHaveLength(0);
  });
});
