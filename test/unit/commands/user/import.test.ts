// user import, in-process against a strict SDK mock: flags to requests, the summary and exit
// codes, the failures file, resuming, Ctrl-C, progress on stderr, --mode job.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  CreateUserImportJobCommand,
  DescribeUserImportJobCommand,
  DescribeUserPoolCommand,
  GetCSVHeaderCommand,
  ListGroupsCommand,
  StartUserImportJobCommand,
  type AdminCreateUserCommandInput,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, strictIdpMock } from '../../../support/sdk-mock.js';
import { COGNITO_TEMPLATE_COLUMNS } from '../../../../src/import/header.js';

const POOL = 'eu-west-1_Import1';
const mock = strictIdpMock();
beforeEach(() => {
  mock.reset();
  mock.onAnyCommand().callsFake((input: unknown) => {
    throw new Error(`unexpected AWS call with ${JSON.stringify(input)}`);
  });
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cmd-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
function csvFile(text: string, name = 'users.csv'): string {
  const dir = path.join(root, String(n++));
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const POOL_DESCRIPTION: UserPoolType = {
  Id: POOL,
  SchemaAttributes: [
    { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: false },
    { Name: 'custom:tier', AttributeDataType: 'String', Mutable: true, Required: false },
  ],
  AutoVerifiedAttributes: ['email'],
  MfaConfiguration: 'OFF',
  Policies: { PasswordPolicy: { MinimumLength: 8, RequireNumbers: true } },
};

function describePool(extra: Partial<UserPoolType> = {}) {
  mock.on(DescribeUserPoolCommand).resolves({ UserPool: { ...POOL_DESCRIPTION, ...extra } });
}
/** ListGroups in pages of one, to see the listing follow its tokens. */
function groupsExist(...names: string[]) {
  mock.on(ListGroupsCommand).callsFake((input: { NextToken?: string }) => {
    const at = input.NextToken ? Number(input.NextToken) : 0;
    return { Groups: names.slice(at, at + 1).map((GroupName) => ({ GroupName })), NextToken: at + 1 < names.length ? String(at + 1) : undefined };
  });
}
const creates = () => mock.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input as AdminCreateUserCommandInput);
const usernames = () => creates().map((c) => c.Username).sort();

function env(extra: Record<string, string> = {}) {
  return isolatedEnv({ COGNITO_USER_POOL_ID: POOL, ...extra });
}
const run = (argv: string[], options: { env?: Record<string, string | undefined>; stdin?: string; tty?: boolean } = {}) =>
  runCli(['user', 'import', ...argv], { env: options.env ?? env(), stdin: options.stdin, tty: options.tty });

function rows(count: number, start = 0): string {
  const lines = ['username,email,groups'];
  for (let i = start; i < start + count; i++) lines.push(`user${i},user${i}@example.com,${i % 2 ? 'staff' : ''}`);
  return `${lines.join('\n')}\n`;
}

describe('user import', () => {
  it('creates each user without an invitation, with password, groups and the disabled flag, and prints the summary', async () => {
    describePool();
    groupsExist('staff', 'admins');
    mock.on(AdminCreateUserCommand).resolves({ User: { Username: 'x' } });
    mock.on(AdminSetUserPasswordCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminDisableUserCommand).resolves({});
    const file = csvFile(
      'username,email,email_verified,custom:tier,groups,password,enabled\n' +
        'ann,ann@example.com,true,gold,staff;admins,Passw0rd-1,true\n' +
        'bob,bob@example.com,false,,,,false\n' +
        "carol,carol@example.com,yes,'=1+1,staff,,\n",
    );
    const result = await run([file]);
    expect(result.stderr).toMatch(/warning: the file holds passwords for 1 user/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ mode: 'api', created: 3, updated: 0, existing: 0, invalid: 0, failed: 0, resumed: 0, rows: 3, failuresFile: null });
    expect(creates().find((c) => c.Username === 'ann')).toEqual({
      UserPoolId: POOL,
      Username: 'ann',
      UserAttributes: [
        { Name: 'email', Value: 'ann@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:tier', Value: 'gold' },
      ],
      TemporaryPassword: undefined,
      MessageAction: 'SUPPRESS',
      DesiredDeliveryMediums: undefined,
    });
    // The formula guard of `user export` is taken off again.
    expect(creates().find((c) => c.Username === 'carol')!.UserAttributes).toContainEqual({ Name: 'custom:tier', Value: '=1+1' });
    expect(mock.commandCalls(AdminSetUserPasswordCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'ann', Password: 'Passw0rd-1', Permanent: true },
    ]);
    expect(mock.commandCalls(AdminAddUserToGroupCommand).map((c) => `${c.args[0].input.Username}:${c.args[0].input.GroupName}`).sort()).toEqual([
      'ann:admins',
      'ann:staff',
      'carol:staff',
    ]);
    expect(mock.commandCalls(AdminDisableUserCommand).map((c) => c.args[0].input.Username)).toEqual(['bob']);
    // The password never reaches the output.
    expect(result.stdout + result.stderr).not.toContain('Passw0rd-1');
  });

  it('--invite email asks Cognito to send invitations, and warns about the 50-a-day default email account', async () => {
    describePool();
    groupsExist('staff');
    mock.on(AdminCreateUserCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await run([csvFile(rows(51)), '--invite', 'email', '--rate', 'unlimited']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: .*50 messages a day: 51 invitations/);
    expect(creates()).toHaveLength(51);
    for (const c of creates()) {
      expect(c.MessageAction).toBeUndefined();
      expect(c.DesiredDeliveryMediums).toEqual(['EMAIL']);
    }
  });

  it('invalid rows are never sent: exit 3, each printed with its row, the failures file next to the input holds exactly them', async () => {
    describePool();
    groupsExist('staff');
    mock.on(AdminCreateUserCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const file = csvFile('username,email,groups\nann,ann@example.com,staff\nbad user,b@example.com,\ncarol,not-an-email,\nann,ann2@example.com,\n');
    const result = await run([file]);
    expect(result.code).toBe(3);
    expect(usernames()).toEqual(['ann']);
    expect(result.stderr).toMatch(/^row 3 invalid: .*\(InvalidUsername\)$/m);
    expect(result.stderr).toMatch(/^row 4 invalid: .*\(InvalidEmail\)$/m);
    expect(result.stderr).toMatch(/^row 5 invalid: .*Duplicate/im);
    expect(result.stderr).toMatch(/^error: 3 of 4 rows were not imported \(3 invalid\)$/m);
    const failures = path.join(path.dirname(file), 'users.failures.csv');
    expect(result.stderr).toContain(`hint: fix them in ${failures}`);
    const lines = fs.readFileSync(failures, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('username,email,groups,error_code,error_message');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['bad user,b@example.com,', 'carol,not-an-email,', 'ann,ann2@example.com,']);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 1, invalid: 3, failuresFile: failures });
  });

  it('a header that does not fit the pool is exit 2 before any change, naming the column', async () => {
    describePool();
    const result = await run([csvFile('username,emial\nann,ann@example.com\n')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown column "emial": not an attribute of pool eu-west-1_Import1 \(UnknownAttribute\)$/m);
    expect(result.stderr).toMatch(/^hint: .*--map/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(mock.calls().map((c) => c.args[0].constructor.name)).toEqual(['DescribeUserPoolCommand']);
  });

  it('a malformed CSV is exit 2 with the file and row, one line, no stack', async () => {
    describePool();
    const file = csvFile('username,email\nann,ann@example.com\n"bob,bob@example.com\n');
    const result = await run([file]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`error: ${file}: row 3: a quoted field that opens on line 3 is never closed (CSV_QUOTE_NOT_CLOSED)`);
    expect(creates()).toEqual([]);
  });

  it('--dry-run validates, checks the groups exist and changes nothing', async () => {
    describePool();
    groupsExist('staff');
    const file = csvFile(`${rows(4)}bad user,x@example.com,\n`);
    const result = await run([file, '--dry-run']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, rows: 5, valid: 4, invalid: 1, groups: ['staff'], missingGroups: [] });
    expect(mock.calls().map((c) => c.args[0].constructor.name).sort()).toEqual(['DescribeUserPoolCommand', 'ListGroupsCommand']);
    expect(fs.readFileSync(path.join(path.dirname(file), 'users.failures.csv'), 'utf8')).toContain('bad user');
  });

  it('--dry-run names groups that do not exist (exit 3: the rows naming them would fail)', async () => {
    describePool();
    groupsExist();
    const result = await run([csvFile(rows(2)), '--dry-run']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: group staff does not exist in the pool: the rows naming them would fail/m);
    expect(JSON.parse(result.stdout)).toMatchObject({ missingGroups: ['staff'] });
  });

  it('a missing group fails the rows naming it (row number, failures file); --create-groups creates it', async () => {
    describePool();
    groupsExist();
    const file = csvFile(rows(3));
    mock.on(AdminCreateUserCommand).resolves({});
    const e = env();
    const refused = await run([file], { env: e });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^row 3 failed: group staff does not exist in the pool .*\(GroupNotFound\)$/m);
    expect(JSON.parse(refused.stdout)).toMatchObject({ created: 2, failed: 1, missingGroups: ['staff'] });
    expect(fs.readFileSync(path.join(path.dirname(file), 'users.failures.csv'), 'utf8')).toMatch(/^user1,user1@example.com,staff,GroupNotFound,/m);
    expect(usernames()).toEqual(['user0', 'user2']);

    mock.on(CreateGroupCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await run([file, '--create-groups'], { env: e });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(CreateGroupCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: POOL, GroupName: 'staff' }]);
    // the journal has the two created before; the row that failed is done now
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 1, resumed: 2, createdGroups: ['staff'] });
  });

  it('--on-exists: skip counts the user as existing, update changes what differs, fail fails the row', async () => {
    describePool();
    mock.on(AdminCreateUserCommand).rejects(awsError('UsernameExistsException', 'User account already exists'));
    mock.on(AdminGetUserCommand).resolves({
      Username: 'ann',
      Enabled: true,
      UserAttributes: [{ Name: 'email', Value: 'old@example.com' }, { Name: 'custom:tier', Value: 'gold' }],
    });
    mock.on(AdminUpdateUserAttributesCommand).resolves({});
    const file = csvFile('username,email,custom:tier\nann,ann@example.com,gold\n');

    const skip = await run([file]);
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ created: 0, existing: 1 });

    const update = await run([file, '--on-exists', 'update']);
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ updated: 1 });
    expect(mock.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'ann', UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }] },
    ]);

    const fail = await run([file, '--on-exists', 'fail']);
    expect(fail.code).toBe(3);
    expect(fail.stderr).toMatch(/^row 2 failed: user ann already exists \(--on-exists fail\) \(UsernameExistsException\)$/m);
    expect(fs.readFileSync(path.join(path.dirname(file), 'users.failures.csv'), 'utf8')).toMatch(/ann,ann@example.com,gold,UsernameExistsException,/);
  });

  it('throttling is retried and counted, nothing is lost', async () => {
    describePool();
    let calls = 0;
    mock.on(AdminCreateUserCommand).callsFake(() => {
      if (++calls <= 2) throw Object.assign(awsError('TooManyRequestsException', 'Rate exceeded'), { $retryable: { throttling: true } });
      return {};
    });
    const result = await run([csvFile('username,email\nann,ann@example.com\nbob,bob@example.com\n')]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 2, failed: 0, throttled: 2 });
  });

  it('a re-run resumes from the journal: finished rows are skipped, the failed one is tried again', async () => {
    describePool();
    const e = env();
    const file = csvFile('username,email\nann,ann@example.com\nbob,bob@example.com\ncarol,carol@example.com\n');
    mock.on(AdminCreateUserCommand).callsFake((input: AdminCreateUserCommandInput) => {
      if (input.Username === 'bob') throw awsError('InvalidParameterException', 'Invalid phone number format.');
      return {};
    });
    const first = await run([file], { env: e });
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 2, failed: 1 });
    expect(fs.readdirSync(path.join(e.XDG_STATE_HOME!, 'cognito-admin', 'imports')).some((f) => f.endsWith('.jsonl'))).toBe(true);

    mock.on(AdminCreateUserCommand).resolves({});
    const second = await run([file], { env: e });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 1, resumed: 2, failed: 0 });
    expect(second.stderr).toMatch(/resuming: an earlier run of this import finished 2 rows/);
    expect(creates().slice(-1).map((c) => c.Username)).toEqual(['bob']);
    // The failures file of the first run is left as it is (the user may be fixing it); this run had none.
    expect(fs.readFileSync(path.join(path.dirname(file), 'users.failures.csv'), 'utf8')).toMatch(/^bob,/m);
    expect(fs.existsSync(path.join(path.dirname(file), 'users.failures-2.csv'))).toBe(false);

    const fresh = await run([file, '--fresh'], { env: e });
    expect(JSON.parse(fresh.stdout)).toMatchObject({ created: 3, resumed: 0 });
  });

  it('never overwrites a failures file: a re-run and a dry run write the next free name and say so', async () => {
    describePool();
    const file = csvFile('username,email\nann,not-an-email\n');
    const failures = path.join(path.dirname(file), 'users.failures.csv');
    const first = await run([file]);
    expect(first.code).toBe(3);
    fs.appendFileSync(failures, '# being fixed\r\n');
    const dry = await run([file, '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain(`${failures} exists and was left as it is: this run's failures are in ${path.join(path.dirname(file), 'users.failures-2.csv')}`);
    const again = await run([file]);
    expect(JSON.parse(again.stdout)).toMatchObject({ failuresFile: path.join(path.dirname(file), 'users.failures-3.csv') });
    expect(fs.readFileSync(failures, 'utf8')).toMatch(/# being fixed/);
  });

  it('reads stdin with -', async () => {
    describePool();
    mock.on(AdminCreateUserCommand).resolves({});
    const result = await run(['-', '--failures', path.join(root, 'stdin-failures.csv')], { stdin: 'username,email\nann,ann@example.com\n' });
    expect(result.code).toBe(0);
    expect(usernames()).toEqual(['ann']);
  });

  it('Ctrl-C stops dispatching, lets requests in flight finish, prints the summary and exits 130; the handler is removed', async () => {
    describePool();
    const before = process.listenerCount('SIGINT');
    let started = 0;
    mock.on(AdminCreateUserCommand).callsFake(async () => {
      started++;
      if (started === 3) setImmediate(() => process.emit('SIGINT'));
      await new Promise((r) => setTimeout(r, 30));
      return {};
    });
    const result = await run([csvFile(rows(40).replace(/,staff/g, ',')), '--concurrency', '2', '--rate', 'unlimited']);
    expect(result.code).toBe(130);
    const summary = JSON.parse(result.stdout);
    expect(summary.interrupted).toBe(true);
    expect(summary.created).toBeGreaterThanOrEqual(3);
    expect(summary.created).toBeLessThan(40);
    expect(summary.created).toBe(started); // every request sent was let finish
    expect(result.stderr).toMatch(/stopping: finishing the requests in flight/);
    expect(result.stderr).toMatch(/interrupted: run the same command again/);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('on a terminal: a progress bar on stderr, the summary as a table on stdout', async () => {
    describePool();
    mock.on(AdminCreateUserCommand).resolves({});
    const result = await run([csvFile('username,email\nann,ann@example.com\n')], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\r\x1b[2K');
    expect(result.stderr).toMatch(/\[[#.]+\]\s+\d+%/);
    expect(result.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/│ created\s+│ 1 /);
    expect(result.stdout).toMatch(/users\/s/);
  });

  it('-q prints no progress', async () => {
    describePool();
    mock.on(AdminCreateUserCommand).resolves({});
    const result = await runCli(['user', 'import', csvFile('username,email\nann,ann@example.com\n'), '-q'], { env: env(), tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it.each([
    [['--rate', 'fast'], /--rate: expected requests per second/],
    [['--invite', 'pigeon'], /--invite: expected none, email, sms or email,sms/],
    [['--map', 'nonsense'], /--map "nonsense": expected <column>=<attribute>/],
    [['--mode', 'job'], /--mode job needs --cloudwatch-role-arn/],
    [['--mode', 'job', '--cloudwatch-role-arn', 'arn:aws:iam::1:role/x', '--rate', '5'], /--rate does not apply to --mode job/],
    [['--cloudwatch-role-arn', 'arn:aws:iam::1:role/x'], /--cloudwatch-role-arn needs --mode job/],
  ])('%j is a usage error before any request', async (flags, message) => {
    const result = await run([csvFile(rows(1)), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toEqual([]);
  });

  it('refuses to write the failures over the file being imported', async () => {
    const file = csvFile(rows(1));
    const result = await run([file, '--failures', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is the file being imported/);
  });
});

describe('user import --mode job', () => {
  it('creates the job with the role, uploads the converted file with the KMS header, starts it and polls it to the end', async () => {
    const uploads: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        uploads.push({ headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload?X-Amz-Signature=x`;
    try {
      describePool();
      mock.on(GetCSVHeaderCommand).resolves({ CSVHeader: [...COGNITO_TEMPLATE_COLUMNS, 'custom:tier'] });
      mock.on(CreateUserImportJobCommand).resolves({ UserImportJob: { JobId: 'import-1', PreSignedUrl: url, Status: 'Created' } });
      mock.on(StartUserImportJobCommand).resolves({ UserImportJob: { JobId: 'import-1', Status: 'Pending' } });
      mock
        .on(DescribeUserImportJobCommand)
        .resolvesOnce({ UserImportJob: { JobId: 'import-1', Status: 'InProgress' } })
        .resolves({ UserImportJob: { JobId: 'import-1', Status: 'Succeeded', ImportedUsers: 2, CompletionMessage: 'Import Job Completed Successfully.' } });
      const role = 'arn:aws:iam::123456789012:role/CognitoImport';
      const file = csvFile('username,email,email_verified,custom:tier\nann,ann@example.com,true,"a,b"\nbob,bob@example.com,true,\n');
      const result = await run([file, '--mode', 'job', '--cloudwatch-role-arn', role, '--poll-interval', '0.01']);
      expect(result.stderr).toMatch(/job 1\/1 \(import-1, 2 users\): Succeeded, 2 imported/);
      expect(result.code).toBe(0);
      expect(mock.commandCalls(CreateUserImportJobCommand)[0]!.args[0].input).toMatchObject({ UserPoolId: POOL, CloudWatchLogsRoleArn: role });
      expect(uploads).toHaveLength(1);
      expect(uploads[0]!.headers['x-amz-server-side-encryption']).toBe('aws:kms');
      const [header, ...lines] = uploads[0]!.body.trim().split('\n');
      expect(header).toBe([...COGNITO_TEMPLATE_COLUMNS, 'custom:tier'].join(','));
      expect(lines[0]).toContain('a\\,b');
      const summary = JSON.parse(result.stdout);
      expect(summary).toMatchObject({ mode: 'job', rows: 2, valid: 2, invalid: 0, imported: 2, failed: 0, succeeded: true });
      expect(summary.jobs).toEqual([expect.objectContaining({ part: 1, jobId: 'import-1', status: 'Succeeded', users: 2, imported: 2 })]);
      expect(summary.passwordReset).toMatch(/must reset the password/);
    } finally {
      server.close();
    }
  });

  it('--dry-run converts to the job format without creating a job; rows the format cannot carry are invalid', async () => {
    describePool();
    mock.on(GetCSVHeaderCommand).resolves({ CSVHeader: [...COGNITO_TEMPLATE_COLUMNS, 'custom:tier'] });
    const file = csvFile('username,email,email_verified\nann,ann@example.com,true\nbob,bob@example.com,false\n');
    const result = await run([file, '--mode', 'job', '--dry-run']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'job', dryRun: true, rows: 2, valid: 1, invalid: 1, jobs: 1 });
    expect(fs.readFileSync(path.join(path.dirname(file), 'users.failures.csv'), 'utf8')).toMatch(/bob,bob@example.com,false,NotVerified,/);
    expect(mock.commandCalls(CreateUserImportJobCommand)).toEqual([]);
  });
});

describe('import progress when stderr is not a terminal', () => {
  it('prints one status line every interval, not a bar', async () => {
    const { BulkProgress } = await import('../../../../src/io/bulk-progress.js');
    let text = '';
    const progress = new BulkProgress({ write: (t: string) => (text += t) }, { tty: false, quiet: false, statusIntervalMs: 20 });
    progress.start(10);
    for (let i = 0; i < 4; i++) progress.row({ line: i + 2, outcome: i === 3 ? 'failed' : 'created', cells: [] });
    await vi.waitFor(() => expect(text.trim().split('\n').length).toBeGreaterThanOrEqual(2), { interval: 5 });
    progress.stop();
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^import: 4\/10 rows \(40%\), [\d.]+ users\/s, created 3, failed 1, (ETA|elapsed) \S+$/);
    expect(text).not.toContain('\r');
  });
});
