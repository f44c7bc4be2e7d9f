// The --from-file user verbs and the user list filters, in process, with an in-memory Cognito
// client injected through the Context (no SDK class is patched).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CognitoIdentityProviderClient, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { openUsernames } from '../../../../src/bulk/usernames.js';
import { localUserFilter, parseWhen } from '../../../../src/commands/user/list-filters.js';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'from-file-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
function input(text: string, name = 'users.txt'): string {
  const dir = path.join(root, String(n++));
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

interface Sent {
  command: string;
  input: Record<string, unknown>;
}

/** A client whose send() answers from a table of users; unexpected commands fail the test. */
function fakeIdp(users: Record<string, { status?: string; enabled?: boolean }>) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input });
      const username = command.input.Username as string;
      const user = users[username];
      if (!user) throw awsError('UserNotFoundException', 'User does not exist.');
      switch (name) {
        case 'AdminDeleteUserCommand':
          delete users[username];
          return {};
        case 'AdminDisableUserCommand':
          user.enabled = false;
          return {};
        case 'AdminConfirmSignUpCommand':
          if (user.status === 'CONFIRMED') throw awsError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
          user.status = 'CONFIRMED';
          return {};
        default:
          throw new Error(`unexpected ${name}`);
      }
    },
  };
  return { client: client as unknown as CognitoIdentityProviderClient, sent };
}

const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });

describe('--from-file', () => {
  it('deletes every user once; a user already gone counts as done for delete', async () => {
    const users = { ann: {}, bob: {} };
    const idp = fakeIdp(users);
    const r = await runCli(['user', 'delete', '--from-file', input('ann\n\n# a comment\nbob\nghost\n'), '--yes'], { env: env(), clients: { idp: idp.client } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verb: 'delete', done: 3, skipped: 0, failed: 0, resumed: 0, users: 3 });
    expect(idp.sent.map((s) => s.input.Username).sort()).toEqual(['ann', 'bob', 'ghost']);
    expect(idp.sent.every((s) => s.input.UserPoolId === POOL)).toBe(true);
    expect(users).toEqual({});
  });

  it('a user that is not there fails any other verb: exit 3 and a failures file that re-runs as is', async () => {
    const users: Record<string, { enabled?: boolean }> = { ann: {} };
    const idp = fakeIdp(users);
    const file = input('{"username":"ann","status":"CONFIRMED"}\n{"username":"ghost"}\n{"email":"x@example.com"}\n', 'list.ndjson');
    const r = await runCli(['user', 'disable', '--from-file', file, '--yes'], { env: env(), clients: { idp: idp.client } });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ done: 1, failed: 1, invalid: 1 });
    const failures = path.join(path.dirname(file), 'list.failures.csv');
    expect(r.stderr).toContain(`cognito-admin user disable --from-file ${failures}`);
    const lines = fs.readFileSync(failures, 'utf8').split('\r\n');
    expect(lines[0]).toBe('username,error_code,error_message');
    expect(lines.slice(1).sort()).toEqual([
      '',
      ',InvalidUsername,"no username field: {""email"":""x@example.com""}"',
      'ghost,UserNotFoundException,User does not exist.',
    ]);
    users.ghost = {};
    const again = await runCli(['user', 'disable', '--from-file', failures, '--yes'], { env: env(), clients: { idp: idp.client } });
    // the invalid line stays invalid; ghost is done now
    expect(JSON.parse(again.stdout)).toMatchObject({ done: 1, invalid: 1 });
    expect(users.ghost).toEqual({ enabled: false });
  });

  it('an empty input (a clean-up that found nobody) is nothing to do: exit 0, no question, nothing sent', async () => {
    const idp = fakeIdp({ ann: {} });
    const r = await runCli(['user', 'delete', '--from-file', '-'], { env: env(), clients: { idp: idp.client }, stdin: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verb: 'delete', done: 0, failed: 0, users: 0 });
    expect(idp.sent).toEqual([]);
  });

  it('confirm skips users who are confirmed already', async () => {
    const idp = fakeIdp({ ann: { status: 'UNCONFIRMED' }, bob: { status: 'CONFIRMED' } });
    const r = await runCli(['user', 'confirm', '--from-file', input('[{"username":"ann"},{"username":"bob"}]', 'users.json')], { env: env(), clients: { idp: idp.client } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verb: 'confirm', done: 1, skipped: 1 });
  });

  it('a destructive verb asks once with the count on a terminal, and needs --yes otherwise (exit 2, nothing sent)', async () => {
    const file = input('USERNAME,STATUS\r\nann,CONFIRMED\r\nbob,CONFIRMED\r\n', 'users.csv');
    const idp = fakeIdp({ ann: {}, bob: {} });
    const refused = await runCli(['user', 'sign-out', '--from-file', file], { env: env(), clients: { idp: idp.client } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to sign-out 2 users of pool eu-west-1_Test123 without confirmation: pass --yes/);
    expect(idp.sent).toEqual([]);

    const prompter = scriptedPrompter([false]);
    const declined = await runCli(['user', 'delete', '--from-file', file], { env: env(), clients: { idp: idp.client }, tty: true, prompter });
    expect(declined.code).toBe(1);
    expect(prompter.asked).toEqual(['Delete 2 users of pool eu-west-1_Test123?']);
    expect(idp.sent).toEqual([]);
  });

  it('--dry-run counts and shows the first users, and sends nothing', async () => {
    const idp = fakeIdp({});
    const names = Array.from({ length: 8 }, (_, i) => `u${i}`);
    const r = await runCli(['user', 'delete', '--from-file', '-', '--dry-run'], { env: env(), clients: { idp: idp.client }, stdin: `${names.join('\n')}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, users: 8, invalid: 0, first: names.slice(0, 5), format: 'lines', input: 'stdin' });
    expect(idp.sent).toEqual([]);
  });

  it('usage errors before anything is sent: a username and --from-file, bulk flags without it, no username at all', async () => {
    const idp = fakeIdp({ ann: {} });
    const both = await runCli(['user', 'disable', 'ann', '--from-file', input('ann\n')], { env: env(), clients: { idp: idp.client } });
    expect(both.code).toBe(2);
    const flagOnly = await runCli(['user', 'disable', 'ann', '--dry-run'], { env: env(), clients: { idp: idp.client } });
    expect(flagOnly.code).toBe(2);
    expect(flagOnly.stderr).toMatch(/--dry-run goes with --from-file/);
    const none = await runCli(['user', 'enable'], { env: env(), clients: { idp: idp.client } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/user enable needs a username or --from-file/);
    expect(idp.sent).toEqual([]);
  });
});

describe('openUsernames', () => {
  const read = async (text: string, name: string) => {
    const input_ = await openUsernames(input(text, name));
    const out: Array<[number, string]> = [];
    for await (const batch of input_.items()) for (const item of batch) out.push([item.line, item.username]);
    return { format: input_.format, header: input_.header, out };
  };

  it('tells lines, ndjson, json and csv apart and keeps each record number', async () => {
    expect(await read('\uFEFFann\r\n\r\nbob\r\n', 'a.txt')).toEqual({ format: 'lines', header: ['username'], out: [[1, 'ann'], [3, 'bob']] });
    expect(await read('{"username":"ann"}\n{"username":"bob"}\n', 'a.ndjson')).toMatchObject({ format: 'ndjson', out: [[1, 'ann'], [2, 'bob']] });
    expect(await read('[\n {"username":"ann"},\n "bob"\n]\n', 'a.json')).toMatchObject({ format: 'json', out: [[1, 'ann'], [2, 'bob']] });
    expect(await read('status,USERNAME\nCONFIRMED,ann\n', 'a.csv')).toEqual({ format: 'csv', header: ['status', 'USERNAME'], out: [[2, 'ann']] });
    expect(await read('username\nann\n', 'b.csv')).toMatchObject({ format: 'lines', out: [[2, 'ann']] });
  });

  it('an empty input has no users; an unreadable one is a usage error', async () => {
    expect((await read('\n# nothing\n', 'empty.txt')).out).toEqual([]);
    await expect(openUsernames(root)).rejects.toMatchObject({ exitCode: 2, code: 'InputNotReadable' });
  });
});

describe('user list local filters', () => {
  const now = Date.parse('2026-06-30T12:00:00Z');
  const user = (created: string, modified: string, enabled = true): UserType => ({
    Username: 'u',
    UserCreateDate: new Date(created),
    UserLastModifiedDate: new Date(modified),
    Enabled: enabled,
  });

  it('reads ages and ISO dates', () => {
    expect(parseWhen('30d', '--created-before', now).toISOString()).toBe('2026-05-31T12:00:00.000Z');
    expect(parseWhen('12h', '--created-before', now).toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseWhen('2026-01-02', '--created-before', now).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(() => parseWhen('yesterday', '--created-before', now)).toThrow(/--created-before: expected an ISO date/);
  });

  it('combines every bound and the enabled state', () => {
    const stale = localUserFilter({ createdBefore: '30d' }, now)!;
    expect(stale(user('2026-05-01', '2026-06-29'))).toBe(true);
    expect(stale(user('2026-06-15', '2026-06-29'))).toBe(false);
    const quietDisabled = localUserFilter({ modifiedBefore: '7d', createdAfter: '2026-01-01', disabled: true }, now)!;
    expect(quietDisabled(user('2026-02-01', '2026-03-01', false))).toBe(true);
    expect(quietDisabled(user('2026-02-01', '2026-03-01', true))).toBe(false);
    expect(quietDisabled(user('2025-12-01', '2026-03-01', false))).toBe(false);
    expect(quietDisabled(user('2026-02-01', '2026-06-29', false))).toBe(false);
    expect(localUserFilter({}, now)).toBeUndefined();
    expect(() => localUserFilter({ enabled: true, disabled: true }, now)).toThrow(/exclude each other/);
  });

  it('runs with the server-side filter: Cognito gets --status, the dates are applied locally', async () => {
    const listed: Array<Record<string, unknown>> = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        expect(command.constructor.name).toBe('ListUsersCommand');
        listed.push(command.input);
        return {
          Users: [
            { Username: 'old', UserStatus: 'UNCONFIRMED', Enabled: true, UserCreateDate: new Date('2020-01-01'), UserLastModifiedDate: new Date('2020-01-01') },
            { Username: 'new', UserStatus: 'UNCONFIRMED', Enabled: true, UserCreateDate: new Date(), UserLastModifiedDate: new Date() },
          ],
        };
      },
    } as unknown as CognitoIdentityProviderClient;
    const r = await runCli(['user', 'list', '--status', 'UNCONFIRMED', '--created-before', '30d', '-o', 'ndjson'], { env: env(), clients: { idp: client } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).username)).toEqual(['old']);
    expect(listed[0]).toMatchObject({ UserPoolId: POOL, Filter: 'cognito:user_status = "UNCONFIRMED"' });
  });
});
