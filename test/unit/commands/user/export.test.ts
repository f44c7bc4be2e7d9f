// user export, in-process against a strict SDK mock: every page, every user's groups, the columns
// import takes back, formula cells neutralised, and --out replaced only by a complete export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AdminListGroupsForUserCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type AdminListGroupsForUserCommandInput,
  type ListGroupsCommandInput,
  type ListUsersInGroupCommandInput,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, strictIdpMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Export1';
const mock = strictIdpMock();
beforeEach(() => {
  mock.reset();
  mock.onAnyCommand().callsFake((input: unknown) => {
    throw new Error(`unexpected AWS call with ${JSON.stringify(input)}`);
  });
  mock.on(DescribeUserPoolCommand).resolves({
    UserPool: {
      Id: POOL,
      SchemaAttributes: [
        { Name: 'email', AttributeDataType: 'String', Mutable: true },
        { Name: 'custom:tier', AttributeDataType: 'String', Mutable: true },
      ],
    },
  });
});
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'export-cmd-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });

function user(i: number, extra: Partial<UserType> = {}): UserType {
  return {
    Username: `user${i}`,
    Enabled: i % 5 !== 0,
    UserStatus: 'CONFIRMED',
    Attributes: [
      { Name: 'sub', Value: `sub-${i}` },
      { Name: 'email', Value: `user${i}@example.com` },
      { Name: 'custom:tier', Value: i === 1 ? '=HYPERLINK("http://x")' : 'gold' },
    ],
    ...extra,
  };
}

/** `total` users, 60 a page (or Limit), numeric tokens; group memberships in pages of 1 to test their paging too. */
function servePool(total: number) {
  mock.on(ListUsersCommand).callsFake((input: ListUsersCommandInput) => {
    const start = input.PaginationToken ? Number(input.PaginationToken) : 0;
    const end = Math.min(start + Math.min(input.Limit ?? 60, 60), total);
    return { Users: Array.from({ length: end - start }, (_, k) => user(start + k)), PaginationToken: end < total ? String(end) : undefined };
  });
  mock.on(AdminListGroupsForUserCommand).callsFake((input: AdminListGroupsForUserCommandInput) => {
    const i = Number(input.Username!.replace('user', ''));
    const groups = i % 2 ? ['staff', 'admins'] : [];
    const at = input.NextToken ? Number(input.NextToken) : 0;
    return { Groups: groups.slice(at, at + 1).map((GroupName) => ({ GroupName })), NextToken: at + 1 < groups.length ? String(at + 1) : undefined };
  });
  // The same memberships seen group by group: odd users are in staff and admins; groups one a page.
  mock.on(ListGroupsCommand).callsFake((input: ListGroupsCommandInput) => {
    const names = ['staff', 'admins'];
    const at = input.NextToken ? Number(input.NextToken) : 0;
    return { Groups: [{ GroupName: names[at] }], NextToken: at + 1 < names.length ? String(at + 1) : undefined };
  });
  mock.on(ListUsersInGroupCommand).callsFake((input: ListUsersInGroupCommandInput) => {
    const members = Array.from({ length: total }, (_, i) => i).filter((i) => i % 2).map((i) => user(i));
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const end = Math.min(start + Math.min(input.Limit ?? 60, 60), members.length);
    return { Users: members.slice(start, end), NextToken: end < members.length ? String(end) : undefined };
  });
}

describe('user export', () => {
  it('writes every user of every page with attributes, enabled and groups, to stdout', async () => {
    servePool(130);
    const result = await runCli(['user', 'export'], { env: env() });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(
      'username,name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,email,email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,address,updated_at,custom:tier,enabled,groups',
    );
    expect(lines).toHaveLength(131);
    const row = (i: number) => Object.fromEntries(lines[0]!.split(',').map((h, k) => [h, lines[i + 1]!.split(',')[k]]));
    expect(row(3)).toMatchObject({ username: 'user3', email: 'user3@example.com', 'custom:tier': 'gold', enabled: 'true', groups: 'admins;staff' });
    expect(row(5)).toMatchObject({ username: 'user5', enabled: 'false' });
    expect(row(4)).toMatchObject({ groups: '' });
    // A formula is kept as text: one apostrophe, which import takes off again.
    expect(lines[2]).toContain(`'=HYPERLINK`);
    // Pages of 60, each asked with the token of the one before.
    expect(mock.commandCalls(ListUsersCommand).map((c) => [c.args[0].input.Limit, c.args[0].input.PaginationToken])).toEqual([
      [60, undefined],
      [60, '60'],
      [60, '120'],
    ]);
    expect(result.stderr).toMatch(/exported 130 users/);
    expect(result.stderr).not.toMatch(/sub/); // Cognito's own attributes are left out without a warning
  });

  it('--out writes the file (0600) and prints a summary', async () => {
    servePool(3);
    const out = path.join(root, 'backup.csv');
    const result = await runCli(['user', 'export', '--out', out], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ users: 3, file: out });
    expect(fs.readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(4);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(root).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a failed export leaves the earlier file as it was and no temporary file', async () => {
    const out = path.join(root, 'kept.csv');
    fs.writeFileSync(out, 'the old backup\n');
    servePool(200);
    mock.on(ListUsersCommand, { PaginationToken: '120' }).rejects(awsError('InternalErrorException', 'boom'));
    const result = await runCli(['user', 'export', '--out', out], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: boom \(InternalErrorException\)$/m);
    expect(fs.readFileSync(out, 'utf8')).toBe('the old backup\n');
    expect(fs.readdirSync(root).filter((f) => f.includes('kept.csv.'))).toEqual([]);
  });

  it('leaves out federated users, with a warning', async () => {
    mock.on(ListUsersCommand).resolves({ Users: [user(2), user(4, { Username: 'Google_123', UserStatus: 'EXTERNAL_PROVIDER' })] });
    mock.on(ListGroupsCommand).resolves({ Groups: [] });
    const result = await runCli(['user', 'export'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\r\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/warning: 1 federated user is left out/);
  });

  it('reads memberships group by group: ListGroups and ListUsersInGroup, not one call per user', async () => {
    servePool(130);
    const result = await runCli(['user', 'export'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(AdminListGroupsForUserCommand)).toHaveLength(0);
    // 2 ListGroups pages (one group each), 2 groups × 2 pages of their 65 members.
    expect(mock.commandCalls(ListGroupsCommand)).toHaveLength(2);
    expect(mock.commandCalls(ListUsersInGroupCommand)).toHaveLength(4);
    const lines = result.stdout.trim().split('\r\n');
    const groupsOf = (i: number) => lines[i + 1]!.split(',').at(-1);
    expect([groupsOf(3), groupsOf(4), groupsOf(129)]).toEqual(['admins;staff', '', 'admins;staff']);
  });

  it('reads per user when the pool has fewer users than groups', async () => {
    servePool(1);
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: POOL, EstimatedNumberOfUsers: 1, SchemaAttributes: [{ Name: 'email' }] } });
    const result = await runCli(['user', 'export'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(ListUsersInGroupCommand)).toHaveLength(0);
    expect(mock.commandCalls(AdminListGroupsForUserCommand)).toHaveLength(1);
  });

  it('shows progress on a terminal only, and clears it before the summary', async () => {
    servePool(130);
    const piped = await runCli(['user', 'export'], { env: env() });
    expect(piped.stderr).not.toMatch(/\r/);
    const tty = await runCli(['user', 'export', '-o', 'json'], { env: env(), tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/reading group members: 2\/2 groups/);
    expect(tty.stderr).toMatch(/\x1b\[2Kexported 60 users/);
    expect(tty.stderr).toMatch(/\x1b\[2Kexported 130 users\n$/);
  });
});
