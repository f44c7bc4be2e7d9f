// user import and user export end to end: the built binary against cognito-local and moto, with
// the emulator's state read back through its own API. Then, on cognito-local, the fault-injecting
// proxy between the CLI and the emulator, a SIGKILL mid-import and the re-run, and malformed CSVs;
// and --mode job against the fake Cognito (no emulator has import jobs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AddCustomAttributesCommand,
  CreateGroupCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { BIN, emulator, emulatorEnv, emulatorSdk, emulators, runBin, runJson } from '../support/e2e.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { startFakeCognito, type FakeCognito } from '../support/fake-cognito/index.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-import-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let fileNo = 0;
/** A CSV in a folder of its own (so its failures file is alone too). */
function csvFile(text: string | Buffer, name = 'users.csv'): string {
  const dir = path.join(work, String(fileNo++));
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const GROUPS = ['staff', 'admins'];
const TIERS = ['gold', 'silver', 'bronze'];

interface Expected {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  groups: string[];
}

/** The i-th user of a generated file: UTF-8 names, quoted commas, groups, some disabled. */
function expectedUser(prefix: string, i: number): Expected {
  const groups = [[], ['staff'], ['admins', 'staff'], ['admins']][i % 4]!;
  return {
    username: `${prefix}${i}`,
    attributes: {
      email: `${prefix}${i}@example.com`,
      email_verified: i % 3 ? 'true' : 'false',
      given_name: i % 5 === 0 ? `Zoë ${i}` : `Given${i}`,
      family_name: i % 7 === 0 ? `Doe, ${i}` : `Family${i}`,
      phone_number: `+1555${String(i).padStart(7, '0')}`,
      'custom:tier': TIERS[i % 3]!,
    },
    enabled: i % 10 !== 3,
    groups,
  };
}

const HEADER = 'username,email,email_verified,given_name,family_name,phone_number,custom:tier,groups,enabled';
function csvLine(u: Expected): string {
  const a = u.attributes;
  const family = a.family_name!.includes(',') ? `"${a.family_name}"` : a.family_name;
  return [u.username, a.email, a.email_verified, a.given_name, family, a.phone_number, a['custom:tier'], u.groups.join(';'), String(u.enabled)].join(',');
}
function usersCsv(prefix: string, count: number, extra: string[] = []): { text: string; users: Expected[] } {
  const users = Array.from({ length: count }, (_, i) => expectedUser(prefix, i));
  return { text: `${[HEADER, ...users.map(csvLine), ...extra].join('\r\n')}\r\n`, users };
}

interface Stored {
  attributes: Record<string, string>;
  enabled: boolean;
  groups: string[];
}

/** The pool as the emulator holds it: every user (all pages) with attributes, enabled and groups. */
async function poolState(sdk: CognitoIdentityProviderClient, poolId: string): Promise<Map<string, Stored>> {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const r = await sdk.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken: token }));
    users.push(...(r.Users ?? []));
    token = r.PaginationToken;
  } while (token);
  const state = new Map<string, Stored>();
  for (const u of users) {
    expect(state.has(u.Username!), `${u.Username} is listed twice`).toBe(false);
    const attributes = Object.fromEntries((u.Attributes ?? []).filter((a) => a.Name !== 'sub').map((a) => [a.Name!, a.Value ?? '']));
    state.set(u.Username!, { attributes, enabled: u.Enabled !== false, groups: [] });
  }
  for (const group of GROUPS) {
    let next: string | undefined;
    do {
      const r = await sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: group, Limit: 60, NextToken: next }));
      for (const u of r.Users ?? []) state.get(u.Username!)?.groups.push(group);
      next = r.NextToken;
    } while (next);
  }
  for (const s of state.values()) s.groups.sort();
  return state;
}

/** Every expected user exists once, with its attributes, groups and enabled flag. */
function expectUsers(state: Map<string, Stored>, expected: Expected[]): void {
  for (const u of expected) {
    const stored = state.get(u.username);
    expect(stored, `${u.username} is missing`).toBeDefined();
    expect(stored!.attributes, u.username).toMatchObject(u.attributes);
    expect(stored!.enabled, `${u.username} enabled`).toBe(u.enabled);
    expect(stored!.groups, `${u.username} groups`).toEqual(u.groups);
  }
}

function withPrefix(state: Map<string, Stored>, prefix: string): string[] {
  return [...state.keys()].filter((k) => k.startsWith(prefix)).sort();
}

/** A pool with custom:tier and the groups, created through the CLI and the emulator's API. */
async function newPool(env: Record<string, string | undefined>, sdk: CognitoIdentityProviderClient, name: string, groups = GROUPS) {
  const { id: poolId } = await runJson<{ id: string }>(['pool', 'create', name], { env });
  await sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }] }));
  for (const group of groups) await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
  return poolId;
}

for (const emu of emulators()) {
  describe.skipIf(!emu.url)(`user import and export on ${emu.name}`, () => {
    let env: Record<string, string | undefined>;
    let sdk: CognitoIdentityProviderClient;
    let poolId: string;
    const importJson = async (argv: string[], expectedCode = 0) => {
      const r = await runBin(['user', 'import', ...argv, '-o', 'json'], { env, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(expectedCode);
      return { summary: JSON.parse(r.stdout), stderr: r.stderr };
    };

    beforeAll(async () => {
      env = emulatorEnv(emu.url!);
      sdk = await emulatorSdk(emu.url!);
      poolId = await newPool(env, sdk, 'e2e-import');
      env.COGNITO_USER_POOL_ID = poolId;
    });

    it('imports every valid row once, with attributes (UTF-8, quoted commas), groups and disabled flags', async () => {
      const { text, users } = usersCsv('imp', 60);
      const { summary } = await importJson([csvFile(text), '--rate', 'unlimited']);
      expect(summary).toMatchObject({ created: 60, updated: 0, existing: 0, invalid: 0, failed: 0, resumed: 0, rows: 60 });
      const state = await poolState(sdk, poolId);
      expect(withPrefix(state, 'imp')).toEqual(users.map((u) => u.username).sort());
      expectUsers(state, users);
    });

    it('invalid rows: exit 3, the failures CSV holds exactly them; fixed, it imports as it is', async () => {
      const bad = ['bad user,bad@example.com,true,B,B,+15550000001,gold,,true', 'badmail,not-an-email,true,I,I,+15550000002,gold,staff,true',
        'badphone,badphone@example.com,true,I,I,555-1234,gold,,true', 'inv0,dup@example.com,true,D,D,+15550000003,gold,,true'];
      const { text, users } = usersCsv('inv', 20, bad);
      const file = csvFile(text);
      const { summary, stderr } = await importJson([file], 3);
      expect(summary).toMatchObject({ created: 20, invalid: 4, failed: 0 });
      expect(stderr).toMatch(/^error: 4 of 24 rows were not imported \(4 invalid\)$/m);
      const failures = path.join(path.dirname(file), 'users.failures.csv');
      const lines = fs.readFileSync(failures, 'utf8').trim().split('\r\n');
      expect(lines[0]).toBe(`${HEADER},error_code,error_message`);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['bad user', 'badmail', 'badphone', 'inv0']);
      const state = await poolState(sdk, poolId);
      expect(withPrefix(state, 'inv')).toEqual(users.map((u) => u.username).sort());

      // Fixed in place and fed back as it is: the error columns are ignored.
      const fixed = fs
        .readFileSync(failures, 'utf8')
        .replace('bad user,', 'baduser,')
        .replace('not-an-email', 'badmail@example.com')
        .replace('555-1234', '+15550001234')
        .replace('inv0,dup@', 'inv99,dup@');
      fs.writeFileSync(failures, fixed);
      const again = await importJson([failures]);
      expect(again.summary).toMatchObject({ created: 4, invalid: 0, failed: 0 });
      const after = await poolState(sdk, poolId);
      expect(after.get('badmail')).toMatchObject({ attributes: { email: 'badmail@example.com' }, groups: ['staff'] });
      expect(after.get('badphone')).toMatchObject({ attributes: { phone_number: '+15550001234' } });
      expect(after.get('baduser')).toBeDefined();
      expect(after.get('inv99')).toBeDefined();
    });

    it('--dry-run validates the whole file and changes nothing', async () => {
      const before = await poolState(sdk, poolId);
      const { text } = usersCsv('dry', 30, ['dry bad,x@example.com,true,X,X,+15550000009,gold,,true']);
      const r = await runBin(['user', 'import', csvFile(text), '--dry-run', '-o', 'json'], { env });
      expect(r.code, r.stderr).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, rows: 31, valid: 30, invalid: 1, missingGroups: [] });
      const after = await poolState(sdk, poolId);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    });

    it('round trip: export, then import into a fresh pool, recreates users, attributes, groups and disabled flags', async () => {
      const source = await newPool(env, sdk, 'e2e-export-source');
      const { text } = usersCsv('rt', 25);
      await importJson([csvFile(text), '--pool', source]);
      const out = path.join(work, `export-${emu.name}.csv`);
      const exported = await runBin(['user', 'export', '--pool', source, '--out', out, '-o', 'json'], { env });
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout)).toMatchObject({ users: 25, file: out });

      // The target has the schema but not the groups: the import recreates them.
      const target = await newPool(env, sdk, 'e2e-export-target', []);
      const { summary } = await importJson([out, '--pool', target, '--create-groups']);
      expect(summary).toMatchObject({ created: 25, invalid: 0, failed: 0, createdGroups: ['admins', 'staff'] });
      const [a, b] = [await poolState(sdk, source), await poolState(sdk, target)];
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [name, stored] of a) {
        expect(b.get(name), name).toEqual(stored);
      }
      expect([...b.values()].filter((s) => !s.enabled)).toHaveLength(3);

      // Through a pipe, as the help shows it.
      const piped = await runBin(['user', 'export', '--pool', source], { env });
      expect(piped.stdout).toBe(fs.readFileSync(out, 'utf8'));
    });
  });
}

describe.skipIf(!emulator('cognito-local').url)('user import through trouble (cognito-local)', () => {
  let upstream: string;
  let env: Record<string, string | undefined>;
  let sdk: CognitoIdentityProviderClient;
  beforeAll(async () => {
    upstream = emulator('cognito-local').url!;
    env = emulatorEnv(upstream);
    sdk = await emulatorSdk(upstream);
  });

  it('a fault-injecting proxy (throttling, 500s, resets before and after the emulator applied the request) loses and duplicates nothing', async () => {
    const poolId = await newPool(env, sdk, 'e2e-faults');
    const proxy = await startFaultProxy({
      upstream,
      plan: {
        rules: [
          { operation: 'AdminCreateUser', action: 'resetAfter', every: 6, times: 6 },
          { operation: 'AdminCreateUser', action: 'throttle', every: 7, times: 3 },
          { operation: 'AdminCreateUser', action: 'error500', every: 9, times: 4 },
          { operation: 'AdminCreateUser', action: 'resetBefore', every: 11, times: 4 },
          { operation: 'AdminAddUserToGroup', action: 'resetAfter', every: 5, times: 5 },
          { operation: 'AdminAddUserToGroup', action: 'throttle', every: 8, times: 3 },
          { operation: 'AdminAddUserToGroup', action: 'error500', every: 9, times: 3 },
          { operation: 'AdminDisableUser', action: 'resetAfter', times: 2 },
        ],
      },
    });
    try {
      const { text, users } = usersCsv('flt', 80);
      const r = await runBin(['user', 'import', csvFile(text), '--pool', poolId, '--rate', 'unlimited', '-o', 'json'], {
        env: { ...env, AWS_ENDPOINT_URL: proxy.url },
        timeoutMs: 90_000,
      });
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      const create = proxy.counters.byOperation.AdminCreateUser!;
      expect(create).toMatchObject({ resetAfter: 6, throttle: 3, error500: 4, resetBefore: 4 });
      expect(proxy.counters.byOperation.AdminAddUserToGroup).toMatchObject({ resetAfter: 5, throttle: 3, error500: 3 });
      expect(proxy.counters.byOperation.AdminDisableUser).toMatchObject({ resetAfter: 2 });
      // Every create whose answer was lost counts as created by this import, not as existing.
      expect(summary).toMatchObject({ created: 80, existing: 0, invalid: 0, failed: 0, throttled: 6 });
      // The import's client does not retry by itself: the engine saw every failed attempt.
      expect(summary.retried).toBe(create.resetAfter + create.error500 + create.resetBefore + 5 + 3 + 2);
      const state = await poolState(sdk, poolId);
      expect([...state.keys()].sort()).toEqual(users.map((u) => u.username).sort());
      expectUsers(state, users);
    } finally {
      await proxy.close();
    }
  });

  it('prints no process warning (MaxListenersExceededWarning or any other) in a default import at a high concurrency', async () => {
    const poolId = await newPool(env, sdk, 'e2e-warnings');
    const { text, users } = usersCsv('wrn', 150);
    for (const concurrency of ['8', '32']) {
      const r = await runBin(['user', 'import', csvFile(text), '--pool', poolId, '--rate', 'unlimited', '--concurrency', concurrency, '--fresh', '-o', 'json'], {
        env,
        timeoutMs: 90_000,
      });
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      // the second run of the same file is resumed from the journal, with --fresh it sends again
      expect(summary.created + summary.existing).toBe(users.length);
      expect(r.stderr).not.toMatch(/Warning|\(node:\d+\)/);
    }
  });

  it('SIGKILL mid-import, then the same command again: the exact set, nothing twice, the finished rows resumed', async () => {
    const poolId = await newPool(env, sdk, 'e2e-kill');
    const killEnv = { ...env, XDG_STATE_HOME: path.join(work, 'kill-state') };
    const journals = path.join(killEnv.XDG_STATE_HOME!, 'cognito-admin', 'imports');
    const { text, users } = usersCsv('kil', 120);
    const file = csvFile(text);
    const argv = ['user', 'import', file, '--pool', poolId, '-o', 'json'];

    const child = spawn(process.execPath, [BIN, ...argv, '--rate', '15', '--concurrency', '2'], { env: killEnv as NodeJS.ProcessEnv, stdio: 'ignore' });
    const finishedRows = () => {
      const journal = fs.existsSync(journals) ? fs.readdirSync(journals).find((f) => f.endsWith('.jsonl')) : undefined;
      if (!journal) return new Set<number>();
      const last = new Map<number, string>();
      for (const line of fs.readFileSync(path.join(journals, journal), 'utf8').split('\n')) {
        try {
          const e = JSON.parse(line) as { r?: number; s?: string };
          if (typeof e.r === 'number') last.set(e.r, e.s!);
        } catch {
          // a torn last line
        }
      }
      return new Set([...last].filter(([, s]) => s === 'created').map(([r]) => r));
    };
    await vi.waitFor(() => expect(finishedRows().size).toBeGreaterThanOrEqual(25), { timeout: 30_000, interval: 50 });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const finishedBefore = finishedRows().size;
    expect(finishedBefore).toBeGreaterThanOrEqual(25);
    expect(finishedBefore).toBeLessThan(120);

    const again = await runBin(argv, { env: killEnv, timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/resuming: an earlier run of this import finished \d+ rows/);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({ resumed: finishedBefore, created: 120 - finishedBefore, existing: 0, failed: 0, invalid: 0 });
    const state = await poolState(sdk, poolId);
    expect([...state.keys()].sort()).toEqual(users.map((u) => u.username).sort());
    expectUsers(state, users);
  });

  describe('malformed CSVs: one clear line with the row, exit 2, nothing created', () => {
    let poolId: string;
    beforeAll(async () => {
      poolId = await newPool(env, sdk, 'e2e-malformed');
    });
    const cases: Array<[string, () => string | Buffer, RegExp]> = [
      ['an unclosed quote', () => 'username,email\nann,ann@example.com\n"bob,bob@example.com\ncarol,carol@example.com\n', /row 3: a quoted field that opens on line 3 is never closed \(CSV_QUOTE_NOT_CLOSED\)/],
      ['a wrong column count', () => 'username,email\nann,ann@example.com\nbob,bob@example.com,extra\n', /row 3 has 3 columns, the header has 2 \(CSV_RECORD_INCONSISTENT_COLUMNS\)/],
      ['an empty file', () => '', /the file is empty: expected a header row/],
      ['a header only', () => 'username,email\n', /row 2|header row but no users/],
      ['binary junk', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /row \d+ (is not valid UTF-8 text|contains a NUL byte)/],
      ['a 100 MB single line', () => Buffer.concat([Buffer.from('username,email\nann,'), Buffer.alloc(100 * 1024 * 1024, 'a')]), /row 2 is longer than 1 MiB/],
    ];
    for (const [what, content, message] of cases) {
      it(what, async () => {
        const file = csvFile(content());
        // A hang would end in runBin's kill after 30 s (exit 137), not in exit 2.
        const r = await runBin(['user', 'import', file, '--pool', poolId], { env, timeoutMs: 30_000 });
        expect(r.code, r.stderr).toBe(2);
        const lines = r.stderr.trim().split('\n');
        expect(lines[0]).toMatch(/^error: /);
        expect(lines[0]).toMatch(message);
        expect(lines.length).toBeLessThanOrEqual(2);
        if (lines[1]) expect(lines[1]).toMatch(/^hint: /);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    }
    it('created nobody', async () => {
      expect((await poolState(sdk, poolId)).size).toBe(0);
    });
  });
});

describe('user import --mode job against the fake Cognito', () => {
  let fake: FakeCognito;
  let env: Record<string, string | undefined>;
  const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';
  beforeAll(async () => {
    fake = await startFakeCognito({ region: 'us-east-1' });
    env = emulatorEnv(fake.url);
  });
  afterAll(() => fake?.close());

  function jobCsv(count: number, extra: string[] = []): string {
    const lines = ['username,email,email_verified,given_name,family_name,custom:tier'];
    for (let i = 0; i < count; i++) lines.push(`job${i},job${i}@example.com,true,Given${i},"Doe, ${i}",${TIERS[i % 3]}`);
    return `${[...lines, ...extra].join('\n')}\n`;
  }

  it('converts to the template, uploads with the KMS header, starts the job, polls it to Succeeded; the summary has the counts and the reset note', async () => {
    const pool = fake.createPool({ customAttributes: ['tier'], autoVerifiedAttributes: ['email'] });
    const file = csvFile(jobCsv(30, ['jobbad,jobbad@example.com,false,B,B,gold']));
    const r = await runBin(['user', 'import', file, '--pool', pool.id, '--mode', 'job', '--cloudwatch-role-arn', ROLE, '--poll-interval', '0.05', '-o', 'json'], {
      env,
    });
    expect(r.code, r.stderr).toBe(3); // the unverified row is invalid for a job
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ mode: 'job', rows: 31, valid: 30, invalid: 1, imported: 30, failed: 0, skipped: 0, succeeded: true });
    expect(summary.jobs).toEqual([expect.objectContaining({ part: 1, status: 'Succeeded', users: 30, imported: 30 })]);
    expect(summary.passwordReset).toMatch(/RESET_REQUIRED: each must reset the password/);
    expect(r.stderr).toMatch(/job 1\/1 \(import-\w+, 30 users\): Succeeded, 30 imported/);

    const [jobId, upload] = [...fake.uploads][0]!;
    expect(upload.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    const job = fake.importJobs.get(jobId)!;
    expect(job).toMatchObject({ Status: 'Succeeded', ImportedUsers: 30, CloudWatchLogsRoleArn: ROLE });
    const body = upload.body.toString('utf8');
    expect(body.split('\n')[0]).toContain('cognito:username');
    expect(body).toContain('Doe\\, 7');
    expect(body).not.toContain('"');
    expect(fake.user(pool.id, 'job7')).toMatchObject({ status: 'RESET_REQUIRED' });
    expect(fake.user(pool.id, 'job7')!.attributes).toMatchObject({ family_name: 'Doe, 7', 'custom:tier': 'silver' });
    // Only what job mode needs: no user or group admin calls, which the fake does not have.
    expect(new Set(fake.calls.map((c) => c.operation))).toEqual(
      new Set(['DescribeUserPool', 'GetCSVHeader', 'CreateUserImportJob', 'UploadImportCsv', 'StartUserImportJob', 'DescribeUserImportJob']),
    );
  });

  it('a file over the upload limit is split into several jobs, each under it, all imported', async () => {
    const pool = fake.createPool({ customAttributes: ['tier'], autoVerifiedAttributes: ['email'] });
    const file = csvFile(jobCsv(90));
    const limit = 4096;
    fake.limits.maxUploadBytes = limit;
    try {
      const before = fake.uploads.size;
      const r = await runBin(
        ['user', 'import', file, '--pool', pool.id, '--mode', 'job', '--cloudwatch-role-arn', ROLE, '--poll-interval', '0.05', '--job-max-bytes', String(limit), '-o', 'json'],
        { env },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/the file is split into \d+ import jobs/);
      const summary = JSON.parse(r.stdout);
      expect(summary.jobs.length).toBeGreaterThan(1);
      expect(summary).toMatchObject({ rows: 90, valid: 90, imported: 90, succeeded: true });
      expect(summary.jobs.every((j: { status: string }) => j.status === 'Succeeded')).toBe(true);
      const uploads = [...fake.uploads.values()].slice(before);
      expect(uploads).toHaveLength(summary.jobs.length);
      for (const u of uploads) expect(u.body.length).toBeLessThanOrEqual(limit);
      expect(fake.pool(pool.id)!.users.size).toBe(90);
    } finally {
      fake.limits.maxUploadBytes = 100 * 1024 * 1024;
    }
  });
});
