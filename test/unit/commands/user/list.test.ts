// user list and user groups: pagination, filters (server- and client-side), limits, streaming.
import { describe, expect, it } from 'vitest';
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });
function user(n: number, extra: Partial<UserType> = {}): UserType {
  return {
    Username: `user${n}`,
    UserStatus: n % 2 ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
    Enabled: true,
    UserCreateDate: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    Attributes: [{ Name: 'email', Value: `user${n}@example.com` }, { Name: 'given_name', Value: `Name${n}` }],
    ...extra,
  };
}

/** A pool of `total` users served 60 (or Limit) at a time, with numeric page tokens. */
function servePages(total: number) {
  mock.on(ListUsersCommand).callsFake((input: ListUsersCommandInput) => {
    const start = input.PaginationToken ? Number(input.PaginationToken.replace('tok-', '')) : 0;
    const size = Math.min(input.Limit ?? 60, 60);
    const end = Math.min(start + size, total);
    const users = Array.from({ length: end - start }, (_, i) => user(start + i));
    return { Users: users, PaginationToken: end < total ? `tok-${end}` : undefined };
  });
}

const listCalls = () => mock.commandCalls(ListUsersCommand).map((c) => c.args[0].input);


describe('user list', () => {
  it('follows every page, re-sending the filter with each page token', async () => {
    servePages(150);
    const result = await runCli(['user', 'list', '--filter', 'email ^= "user"'], { env: env() });
    expect(result.code).toBe(0);
    const users = JSON.parse(result.stdout);
    expect(users).toHaveLength(150);
    expect(users[149]).toMatchObject({ username: 'user149', attributes: { email: 'user149@example.com' } });
    expect(listCalls()).toEqual([
      { UserPoolId: POOL, Filter: 'email ^= "user"', Limit: 60, PaginationToken: undefined, AttributesToGet: undefined },
      { UserPoolId: POOL, Filter: 'email ^= "user"', Limit: 60, PaginationToken: 'tok-60', AttributesToGet: undefined },
      { UserPoolId: POOL, Filter: 'email ^= "user"', Limit: 60, PaginationToken: 'tok-120', AttributesToGet: undefined },
    ]);
  });

  it('stops at --limit without asking for more pages than it needs', async () => {
    servePages(500);
    const result = await runCli(['user', 'list', '--limit', '70', '-o', 'ndjson'], { env: env() });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(70);
    expect(JSON.parse(lines[69]!).username).toBe('user69');
    expect(listCalls().map((c) => [c.PaginationToken, c.Limit])).toEqual([[undefined, 60], ['tok-60', 10]]);

    mock.resetHistory();
    const small = await runCli(['user', 'list', '--limit', '5'], { env: env() });
    expect(JSON.parse(small.stdout)).toHaveLength(5);
    expect(listCalls().map((c) => c.Limit)).toEqual([5]);
  });

  it('streams ndjson page by page: users of the first page are out before a later page fails', async () => {
    mock.on(ListUsersCommand, { PaginationToken: undefined }).resolves({ Users: [user(1), user(2)], PaginationToken: 'p2' });
    mock.on(ListUsersCommand, { PaginationToken: 'p2' }).rejects(awsError('TooManyRequestsException', 'Rate exceeded'));
    const streamed = await runCli(['user', 'list', '-o', 'ndjson'], { env: env() });
    expect(streamed.code).toBe(1);
    expect(streamed.stdout.trim().split('\n').map((l) => JSON.parse(l).username)).toEqual(['user1', 'user2']);
    expect(streamed.stderr).toMatch(/Rate exceeded \(TooManyRequestsException\)/);
    // JSON is one document: nothing is printed until the list is complete.
    const whole = await runCli(['user', 'list', '-o', 'json'], { env: env() });
    expect(whole.code).toBe(1);
    expect(whole.stdout).toBe('');
  });

  it('turns --status into a cognito:user_status filter', async () => {
    servePages(3);
    const result = await runCli(['user', 'list', '--status', 'unconfirmed'], { env: env() });
    expect(result.code).toBe(0);
    expect(listCalls()[0]!.Filter).toBe('cognito:user_status = "UNCONFIRMED"');
  });

  it('with both --filter and --status, sends the filter and checks the status here, --limit counting matches only', async () => {
    servePages(200);
    const result = await runCli(['user', 'list', '--filter', 'email ^= "user"', '--status', 'CONFIRMED', '--limit', '40', '-o', 'ndjson'], { env: env() });
    expect(result.code).toBe(0);
    const users = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(users).toHaveLength(40);
    expect(users.every((u) => u.status === 'CONFIRMED')).toBe(true);
    expect(users.at(-1).username).toBe('user79');
    // 40 confirmed users are among the first 80: two pages, not all four.
    expect(listCalls().map((c) => [c.Filter, c.PaginationToken])).toEqual([
      ['email ^= "user"', undefined],
      ['email ^= "user"', 'tok-60'],
    ]);
  });

  it('lists a group with ListUsersInGroup, filtering and trimming attributes itself', async () => {
    mock.on(ListUsersInGroupCommand, { NextToken: undefined }).resolves({ Users: [user(1), user(2), user(3)], NextToken: 'g2' });
    mock.on(ListUsersInGroupCommand, { NextToken: 'g2' }).resolves({ Users: [user(4), user(5)] });
    const result = await runCli(
      ['user', 'list', '--group', 'admins', '--filter', 'cognito:user_status = "confirmed"', '--attributes', 'given_name'],
      { env: env() },
    );
    expect(result.code).toBe(0);
    const users = JSON.parse(result.stdout);
    expect(users.map((u: { username: string }) => u.username)).toEqual(['user1', 'user3', 'user5']);
    expect(users[0].attributes).toEqual({ given_name: 'Name1' });
    expect(mock.commandCalls(ListUsersInGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, GroupName: 'admins', Limit: 60, NextToken: undefined },
      { UserPoolId: POOL, GroupName: 'admins', Limit: 60, NextToken: 'g2' },
    ]);
    expect(listCalls()).toHaveLength(0);
  });

  it('sends --attributes as AttributesToGet and shows them as columns', async () => {
    mock.on(ListUsersCommand).resolves({
      Users: [{ ...user(1), Attributes: [{ Name: 'given_name', Value: 'Ann' }, { Name: 'custom:tier', Value: 'gold' }] }],
    });
    const result = await runCli(['user', 'list', '--attributes', 'given_name,custom:tier', '-o', 'csv'], { env: env() });
    expect(result.code).toBe(0);
    expect(listCalls()[0]!.AttributesToGet).toEqual(['given_name', 'custom:tier']);
    expect(result.stdout).toBe(
      'USERNAME,STATUS,ENABLED,CREATED,GIVEN_NAME,CUSTOM:TIER\nuser1,CONFIRMED,true,2026-01-01T00:00:01.000Z,Ann,gold\n',
    );
  });

  it('prints a table with the standard columns on a terminal', async () => {
    servePages(2);
    const result = await runCli(['user', 'list'], { env: { ...env(), NO_COLOR: '1' }, tty: true });
    expect(result.code).toBe(0);
    const header = result.stdout.split('\n')[1]!;
    expect(header.split('│').map((s) => s.trim()).filter(Boolean)).toEqual(['USERNAME', 'STATUS', 'ENABLED', 'EMAIL', 'CREATED']);
    expect(result.stdout).toContain('user1@example.com');
  });

  it.each([
    [['--filter', 'email != "ann"'], /the operator != is not supported; only = \(equals\) and \^= \(starts with\)/],
    [['--filter', 'custom:tier = "gold"'], /cannot search on custom:tier/],
    [['--filter', 'shoe_size = "9"'], /cannot search on shoe_size\nhint: searchable attributes: username, email/],
    [['--filter', 'email = ann'], /the value must be in double quotes/],
    [['--filter', 'email ^= "ann'], /unescaped " or no closing quote/],
    [['--status', 'ACTIVE'], /--status ACTIVE: expected one of/],
    [['--attributes', 'shoe_size'], /--attributes shoe_size/],
    [['--limit', '0'], /expected a whole number of 1 or more/],
  ])('refuses %j with exit 2 before any AWS call', async (flags, message) => {
    const result = await runCli(['user', 'list', ...flags], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(mock.calls()).toHaveLength(0);
  });

  it('names a missing group as such, not as a missing pool', async () => {
    mock.on(ListUsersInGroupCommand).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    const result = await runCli(['user', 'list', '--group', 'ghosts'], { env: env() });
    expect(result.code).toBe(1);
    mock.on(ListUsersInGroupCommand).rejects(awsError('ResourceNotFoundException', 'ghosts'));
    const bareName = await runCli(['user', 'list', '--group', 'ghosts'], { env: env() });
    expect(bareName.stderr).toBe(result.stderr);
    expect(result.stderr).toBe(
      `error: group ghosts does not exist in pool ${POOL} (ResourceNotFoundException)\nhint: \`cognito-admin group list\` shows the groups of the pool\n`,
    );
  });

  it('maps an unknown pool to exit 1 with a region hint', async () => {
    mock.on(ListUsersCommand).rejects(awsError('ResourceNotFoundException', 'User pool eu-west-1_Test123 does not exist.'));
    const result = await runCli(['user', 'list'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(ResourceNotFoundException\)\nhint: check the id and the region in eu-west-1/);
  });
});

describe('user groups', () => {
  it('follows AdminListGroupsForUser pages', async () => {
    mock.on(AdminListGroupsForUserCommand, { NextToken: undefined }).resolves({
      Groups: [{ GroupName: 'admins', Description: 'Admins', Precedence: 1 }],
      NextToken: 'n2',
    });
    mock.on(AdminListGroupsForUserCommand, { NextToken: 'n2' }).resolves({ Groups: [{ GroupName: 'staff' }] });
    const result = await runCli(['user', 'groups', 'ann'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((g: { name: string }) => g.name)).toEqual(['admins', 'staff']);
    expect(mock.commandCalls(AdminListGroupsForUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'ann', Limit: 60, NextToken: undefined },
      { UserPoolId: POOL, Username: 'ann', Limit: 60, NextToken: 'n2' },
    ]);
    const table = await runCli(['user', 'groups', 'ann', '--limit', '1', '-o', 'text'], { env: env() });
    expect(table.stdout).toBe('admins\tAdmins\t1\t\n');
  });

  it('maps a missing user to exit 1 with a hint', async () => {
    mock.on(AdminListGroupsForUserCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['user', 'groups', 'ghost'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(UserNotFoundException\)\nhint: `cognito-admin user list`/);
  });
});
