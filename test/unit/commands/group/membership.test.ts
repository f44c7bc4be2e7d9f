import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  GetGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';
import { tempDir } from '../../../support/temp-dirs.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });
interface Row {
  username: string;
  result: string;
  error?: string;
  message?: string;
}

beforeEach(() => {
  mock.on(GetGroupCommand, { UserPoolId: POOL, GroupName: 'admins' }).resolves({ Group: { GroupName: 'admins', UserPoolId: POOL } });
});

const added = () => mock.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.Username).sort();

describe('group add', () => {
  it('adds every user and prints one row per user, in the order given', async () => {
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runCli(['group', 'add', 'admins', 'ann', 'bob', 'cy'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { username: 'ann', result: 'added' },
      { username: 'bob', result: 'added' },
      { username: 'cy', result: 'added' },
    ]);
    expect(mock.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({ UserPoolId: POOL, GroupName: 'admins' });
    expect(result.stderr).toMatch(/added 3 users to group admins/);
  });

  it('reports the users that failed and exits 3, having added the others', async () => {
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand, { Username: 'ghost' }).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    mock.on(AdminAddUserToGroupCommand, { Username: 'phantom' }).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['group', 'add', 'admins', 'ann', 'ghost', 'bob', 'phantom'], { env: env() });
    expect(result.code).toBe(3);
    const rows: Row[] = JSON.parse(result.stdout);
    expect(rows).toEqual([
      { username: 'ann', result: 'added' },
      { username: 'ghost', result: 'failed', error: 'UserNotFoundException', message: 'User does not exist.' },
      { username: 'bob', result: 'added' },
      { username: 'phantom', result: 'failed', error: 'UserNotFoundException', message: 'User does not exist.' },
    ]);
    expect(result.stderr).toMatch(/added 2 of 4 users to group admins; 2 failed/);
    expect(result.stderr).toMatch(/error: 2 of 4 users could not be added to group admins/);
    // a user that does not exist is not retried
    expect(mock.commandCalls(AdminAddUserToGroupCommand, { Username: 'ghost' })).toHaveLength(1);
  });

  it('renders the result rows as a table and as csv', async () => {
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand, { Username: 'ghost' }).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const table = await runCli(['group', 'add', 'admins', 'ann', 'ghost', '-o', 'table'], { env: env() });
    expect(table.code).toBe(3);
    expect(table.stdout).toMatch(/USERNAME.*RESULT.*ERROR.*MESSAGE/);
    expect(table.stdout).toMatch(/ghost.*failed.*UserNotFoundException.*User does not exist\./);
    const csv = await runCli(['group', 'add', 'admins', 'ann', 'ghost', '-o', 'csv'], { env: env() });
    expect(csv.stdout).toBe('USERNAME,RESULT,ERROR,MESSAGE\nann,added,,\nghost,failed,UserNotFoundException,User does not exist.\n');
  });

  it('retries throttled users with backoff until they succeed', async () => {
    const throttled = awsError('TooManyRequestsException', 'Too many requests');
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand, { Username: 'bob' }).rejectsOnce(throttled).rejectsOnce(throttled).resolves({});
    mock.on(AdminAddUserToGroupCommand, { Username: 'cy' }).rejectsOnce(throttled).resolves({});
    const result = await runCli(['group', 'add', 'admins', 'ann', 'bob', 'cy'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((r: Row) => r.result)).toEqual(['added', 'added', 'added']);
    expect(mock.commandCalls(AdminAddUserToGroupCommand, { Username: 'bob' })).toHaveLength(3);
    expect(mock.commandCalls(AdminAddUserToGroupCommand, { Username: 'cy' })).toHaveLength(2);
    expect(mock.commandCalls(AdminAddUserToGroupCommand, { Username: 'ann' })).toHaveLength(1);
  });

  it('fails on a wrong group before adding anyone', async () => {
    mock.on(GetGroupCommand, { GroupName: 'admns' }).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runCli(['group', 'add', 'admns', 'ann', 'bob'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: group admns does not exist in user pool eu-west-1_Test123 \(ResourceNotFoundException\)/);
    expect(result.stdout).toBe('');
    expect(mock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('reads usernames from a file: comments and blank lines skipped, duplicates dropped', async () => {
    const dir = tempDir('group-add-');
    const file = join(dir, 'users.txt');
    writeFileSync(file, '\uFEFF# testers for the beta\nann\n\n  bob  \r\n# dave left\ncy\nann\n');
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runCli(['group', 'add', 'admins', 'zed', 'bob', '--from-file', file], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((r: Row) => r.username)).toEqual(['zed', 'bob', 'ann', 'cy']);
    expect(added()).toEqual(['ann', 'bob', 'cy', 'zed']);
    expect(result.stderr).toMatch(/ignored 2 duplicate usernames/);
  });

  it('reads usernames from stdin with --from-file -', async () => {
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runCli(['group', 'add', 'admins', '--from-file', '-'], { env: env(), stdin: 'ann\n# comment\nbob\n\ncy' });
    expect(result.code).toBe(0);
    expect(added()).toEqual(['ann', 'bob', 'cy']);
  });

  it('is a usage error when no users are given, and sends nothing', async () => {
    const none = await runCli(['group', 'add', 'admins'], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no users given/);
    const empty = await runCli(['group', 'add', 'admins', '--from-file', '-'], { env: env(), stdin: '# nobody\n\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no usernames in stdin/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('names the file and line of an invalid username, before sending anything', async () => {
    const result = await runCli(['group', 'add', 'admins', '--from-file', '-'], { env: env(), stdin: 'ann\nbob smith\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stdin line 2: "bob smith" is not a valid username/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('is a usage error when the file cannot be read', async () => {
    const result = await runCli(['group', 'add', 'admins', '--from-file', '/nonexistent/users.txt'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read --from-file \/nonexistent\/users.txt: no such file or folder \(ENOENT\)/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('keeps at most --concurrency calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    mock.on(AdminAddUserToGroupCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return {};
    });
    const users = Array.from({ length: 20 }, (_, i) => `user${i}`);
    const result = await runCli(['group', 'add', 'admins', ...users, '--concurrency', '3'], { env: env() });
    expect(result.code).toBe(0);
    expect(added()).toHaveLength(20);
    expect(peak).toBe(3);

    // The default is 8 in flight, within the update quota's pace (25/s, a burst of 5).
    peak = 0;
    await runCli(['group', 'add', 'admins', ...users], { env: env() });
    expect(peak).toBeGreaterThan(3);
    expect(peak).toBeLessThanOrEqual(8);
  });

  it('refuses a concurrency above the limit', async () => {
    const result = await runCli(['group', 'add', 'admins', 'ann', '--concurrency', '100'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--concurrency must be between 1 and 32/);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('group remove', () => {
  it('removes users and reports per user', async () => {
    mock.on(AdminRemoveUserFromGroupCommand).resolves({});
    mock.on(AdminRemoveUserFromGroupCommand, { Username: 'ghost' }).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['group', 'remove', 'admins', 'ann', 'ghost'], { env: env() });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual([
      { username: 'ann', result: 'removed' },
      { username: 'ghost', result: 'failed', error: 'UserNotFoundException', message: 'User does not exist.' },
    ]);
    expect(result.stderr).toMatch(/1 of 2 users could not be removed from group admins/);
    expect(mock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('reads a file too, and exits 0 when all succeeded', async () => {
    mock.on(AdminRemoveUserFromGroupCommand).resolves({});
    const result = await runCli(['group', 'remove', 'admins', '--from-file', '-', '-o', 'ndjson'], { env: env(), stdin: 'ann\nbob\n' });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { username: 'ann', result: 'removed' },
      { username: 'bob', result: 'removed' },
    ]);
  });
});
