import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/import/csv-source.js';
import { ImportUsageError } from '../../../src/bulk/errors.js';
import { ensureGroups, parseInvite, runImport, type ExecutorOptions, type RowEvent } from '../../../src/import/executor.js';
import { planHeader } from '../../../src/import/header.js';
import { Journal, type JournalKey } from '../../../src/bulk/journal.js';
import { basicPoolFacts, type PoolFacts } from '../../../src/import/pool-facts.js';
import { RateBudget } from '../../../src/bulk/rate-budget.js';
import { FailureReport } from '../../../src/bulk/failures.js';
import type { ImportSummary } from '../../../src/import/report.js';
import { RowValidator } from '../../../src/import/validate.js';
import { FakeClock, FakeCognito, readable, seededRandom, tempDir } from './helpers.js';

const root = tempDir('executor-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let seq = 0;

interface RunOptions extends Partial<Omit<ExecutorOptions, 'api' | 'validator' | 'budget' | 'journal' | 'report'>> {
  pool?: PoolFacts;
  journalDir?: string;
  rate?: number;
  reportFile?: string;
}

async function run(csv: string, api: FakeCognito, clock: FakeClock, options: RunOptions = {}) {
  const pool = options.pool ?? basicPoolFacts({ poolId: 'local_Test' });
  const source = await openCsv(readable(csv));
  const validator = new RowValidator(planHeader(source.header, pool), pool);
  const key: JournalKey = { fileSha256: 'f'.repeat(64), poolId: pool.poolId, endpoint: 'http://127.0.0.1:1' };
  const journal = options.journalDir ? Journal.open(options.journalDir, key) : undefined;
  const report = options.reportFile ? new FailureReport(options.reportFile, source.header) : undefined;
  const events: RowEvent[] = [];
  try {
    const summary = await clock.run(
      runImport(source.batches(), {
        random: seededRandom(3),
        ...options,
        api,
        validator,
        journal,
        report,
        clock,
        budget: new RateBudget({ clock, rate: options.rate ?? Infinity }),
        onRow: (e) => events.push(e),
      }),
    );
    return { summary, events };
  } finally {
    journal?.close();
    report?.close();
  }
}

function users(n: number, extra: (i: number) => string = () => ''): string {
  const lines = ['username,email,email_verified,groups'];
  for (let i = 0; i < n; i++) lines.push(`user${i},user${i}@example.com,true,${i % 3 === 0 ? 'staff' : 'staff;admins'}${extra(i)}`);
  return `${lines.join('\n')}\n`;
}

function expectExactly(api: FakeCognito, n: number) {
  const snapshot = api.snapshot();
  expect(snapshot).toHaveLength(n);
  for (let i = 0; i < n; i++) {
    const u = api.users.get(`user${i}`);
    expect(u, `user${i}`).toBeDefined();
    expect(u!.attributes).toEqual({ email: `user${i}@example.com`, email_verified: 'true' });
    expect([...u!.groups].sort()).toEqual(i % 3 === 0 ? ['staff'] : ['admins', 'staff']);
  }
}

describe('runImport', () => {
  it('creates users with attributes, groups, a permanent password, and the enabled state', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    const csv = 'username,email,email_verified,phone_number,groups,password,enabled\n' +
      'ann,ann@example.com,true,+15550000001,staff;admins,,true\n' +
      'bob,bob@example.com,false,,,Secr3t!pass,false\n';
    const { summary, events } = await run(csv, api, clock, { invite: ['EMAIL'] });
    expect(summary).toMatchObject({ created: 2, failed: 0, invalid: 0, rows: 2, interrupted: false });
    const ann = api.users.get('ann')!;
    expect(ann.attributes).toEqual({ email: 'ann@example.com', email_verified: 'true', phone_number: '+15550000001' });
    expect([...ann.groups].sort()).toEqual(['admins', 'staff']);
    expect(ann.enabled).toBe(true);
    expect(ann.invite).toEqual(['EMAIL']);
    const bob = api.users.get('bob')!;
    expect(bob).toMatchObject({ enabled: false, password: 'Secr3t!pass', permanentPassword: true });
    expect(bob.invite).toEqual([]); // a user with a password gets no invitation
    expect(events.map((e) => [e.line, e.outcome])).toEqual(expect.arrayContaining([[2, 'created'], [3, 'created']]));
  });

  it('suppresses invitations by default', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    await run(users(3), api, clock);
    expect(api.callsTo('createUser').map((c) => (c.args[1] as { invite: string[] }).invite)).toEqual([[], [], []]);
  });

  it('never sends invalid rows; the failures CSV holds exactly them', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    const reportFile = path.join(root, `failures-${seq++}.csv`);
    const csv = users(4) + 'bad user,x@example.com,true,staff\nuser1,dup@example.com,true,staff\nzed,not-an-email,true,staff\n';
    const { summary } = await run(csv, api, clock, { reportFile });
    expect(summary).toMatchObject({ created: 4, invalid: 3, failed: 0, failuresFile: reportFile });
    expect(api.callsTo('createUser')).toHaveLength(4);
    const lines = fs.readFileSync(reportFile, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('username,email,email_verified,groups,error_code,error_message');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      'bad user,x@example.com,true,staff,InvalidUsername',
      'user1,dup@example.com,true,staff,DuplicateUsername',
      'zed,not-an-email,true,staff,InvalidEmail',
    ]);
  });

  it('handles existing users: skip (default), fail, update', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    await api.createUser({ username: 'user0', attributes: { email: 'old@example.com' } }, { invite: [] });
    await api.disableUser('user0');
    api.calls.length = 0;

    const skip = await run(users(2), api, clock);
    expect(skip.summary).toMatchObject({ created: 1, existing: 1 });
    expect(api.users.get('user0')!.attributes.email).toBe('old@example.com');

    const fail = await run(users(2), new FakeCognito({ clock, groups: ['staff', 'admins'] }), clock);
    expect(fail.summary.created).toBe(2);
    const failing = await run(users(2), api, clock, { onExists: 'fail' });
    expect(failing.summary).toMatchObject({ failed: 2 });
    expect(failing.events.find((e) => e.outcome === 'failed')!.code).toBe('UsernameExistsException');

    const csv = 'username,email,groups,enabled\nuser0,new@example.com,admins,true\n';
    const update = await run(csv, api, clock, { onExists: 'update' });
    expect(update.summary).toMatchObject({ updated: 1 });
    const u = api.users.get('user0')!;
    expect(u.attributes.email).toBe('new@example.com');
    expect(u.groups.has('admins')).toBe(true);
    expect(u.enabled).toBe(true);
    expect(api.callsTo('updateAttributes').at(-1)!.args[1]).toEqual({ email: 'new@example.com' });
  });

  it('refuses to update an attribute the pool does not allow to change', async () => {
    const clock = new FakeClock();
    const pool = basicPoolFacts({ poolId: 'p', custom: [{ name: 'tenant', mutable: false }] });
    const api = new FakeCognito({ clock });
    await api.createUser({ username: 'ann', attributes: { 'custom:tenant': 'a' } }, { invite: [] });
    const { summary, events } = await run('username,custom:tenant\nann,b\n', api, clock, { pool, onExists: 'update' });
    expect(summary.failed).toBe(1);
    expect(events[0]!.code).toBe('AttributeNotMutable');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, latencyMs: 50, groups: ['staff', 'admins'] });
    const { summary } = await run(users(60), api, clock, { concurrency: 5 });
    expect(summary.created).toBe(60);
    expect(api.maxInFlight).toBe(5);
  });

  it('paces creates at the given rate', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock });
    const { summary } = await run('username\n' + Array.from({ length: 210 }, (_, i) => `u${i}`).join('\n'), api, clock, { rate: 50, concurrency: 16 });
    expect(summary.created).toBe(210);
    // after a burst of 10, one every 20 ms: the last at 4 s
    expect(Math.max(...api.callsTo('createUser').map((c) => c.at))).toBe(4000);
    expect(summary.usersPerSecond).toBeCloseTo(52.5, 1);
  });

  it('paces each quota category on its own budget', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    const { summary } = await run(users(210), api, clock, { rate: 50, concurrency: 16 });
    expect(summary.created).toBe(210);
    const maxPerSecond = (times: number[]) => {
      let max = 0;
      for (const t of times) max = Math.max(max, times.filter((x) => x >= t && x < t + 1000).length);
      return max;
    };
    const creates = api.callsTo('createUser').map((c) => c.at);
    const adds = api.callsTo('addToGroup').map((c) => c.at);
    expect(adds).toHaveLength(350);
    expect(maxPerSecond(creates)).toBeLessThanOrEqual(60); // 50/s plus the initial burst of 10
    expect(maxPerSecond(adds)).toBeLessThanOrEqual(60);
    // the 350 group adds at 50/s take ~7 s: the update budget, not the create one, sets the pace
    expect(Math.max(...adds)).toBeGreaterThanOrEqual(6800);
    expect(Math.max(...adds)).toBeLessThan(7600);
  });

  it('loses nothing to throttling, 500s and connection resets, and slows down', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, latencyMs: 20, random: seededRandom(11), groups: ['staff', 'admins'] });
    api.rules = [
      { kind: 'throttle', probability: 0.25 },
      { kind: 'error500', probability: 0.05 },
      { kind: 'reset', probability: 0.05 },
    ];
    const { summary } = await run(users(300), api, clock, { rate: 50, concurrency: 8 });
    expect(summary).toMatchObject({ created: 300, failed: 0, existing: 0 });
    expect(api.faultsFired.throttle).toBeGreaterThan(50);
    expect(summary.throttled).toBe(api.faultsFired.throttle);
    expectExactly(api, 300);
  });

  it('counts a create whose response was lost, and whose retry finds the user, as created', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, latencyMs: 5, random: seededRandom(5), groups: ['staff', 'admins'] });
    api.rules = [
      { method: 'createUser', kind: 'lost', probability: 0.3 },
      { method: 'addToGroup', kind: 'lost', probability: 0.3 },
    ];
    const { summary, events } = await run(users(200), api, clock);
    expect(api.faultsFired.lost).toBeGreaterThan(60);
    expect(summary).toMatchObject({ created: 200, existing: 0, failed: 0 });
    expect(events.filter((e) => e.recovered).length).toBeGreaterThan(30);
    expectExactly(api, 200);
  });

  it('fails a row after the retries are used up, with the error in the report', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    api.rules = [{ method: 'createUser', kind: 'error500', when: (c) => (c.args[0] as { username: string }).username === 'user1' }];
    const { summary, events } = await run(users(3), api, clock, { retry: { maxAttempts: 3 } });
    expect(summary).toMatchObject({ created: 2, failed: 1 });
    expect(api.callsTo('createUser').filter((c) => (c.args[0] as { username: string }).username === 'user1')).toHaveLength(3);
    expect(events.find((e) => e.outcome === 'failed')).toMatchObject({ line: 3, code: 'InternalErrorException' });
  });

  it('reports a failed step after a create, and a re-run completes that user', async () => {
    const clock = new FakeClock();
    const journalDir = tempDir('executor-journal-');
    const api = new FakeCognito({ clock, groups: ['staff'] }); // "admins" is missing
    const first = await run(users(3), api, clock, { journalDir });
    expect(first.summary).toMatchObject({ created: 1, failed: 2 });
    expect(first.events.find((e) => e.outcome === 'failed')!.message).toMatch(/^user created, but adding to group admins failed: Group not found/);
    api.groups.add('admins');
    const second = await run(users(3), api, clock, { journalDir });
    expect(second.summary).toMatchObject({ created: 2, resumed: 1, failed: 0, existing: 0 });
    expectExactly(api, 3);
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it('stops on abort, then a re-run from the journal gives exactly the final set', async () => {
    const clock = new FakeClock();
    const journalDir = tempDir('executor-journal-');
    const controller = new AbortController();
    const api = new FakeCognito({
      clock,
      latencyMs: 30,
      random: seededRandom(9),
      groups: ['staff', 'admins'],
      onCall: (call) => {
        if (call.method === 'createUser' && api.callsTo('createUser').length === 120) controller.abort();
      },
    });
    api.rules = [{ kind: 'lost', probability: 0.1 }, { kind: 'throttle', probability: 0.1 }];
    const first = await run(users(400), api, clock, { journalDir, signal: controller.signal, concurrency: 8, rate: 100 });
    expect(first.summary.interrupted).toBe(true);
    expect(first.summary.created).toBeGreaterThan(100);
    expect(first.summary.created).toBeLessThan(400);
    expect(first.summary.unfinished).toBe(0); // in-flight rows finished within the drain time
    const createdFirst = first.summary.created;

    api.rules = [{ kind: 'lost', probability: 0.1 }];
    const second = await run(users(400), api, clock, { journalDir, concurrency: 8 });
    expect(second.summary.interrupted).toBe(false);
    expect(second.summary.resumed).toBe(createdFirst);
    expect(second.summary.created + second.summary.resumed).toBe(400);
    expect(second.summary.existing).toBe(0);
    expectExactly(api, 400);

    const third = await run(users(400), api, clock, { journalDir });
    expect(third.summary).toMatchObject({ resumed: 400, created: 0 });
    expect(api.callsTo('createUser').length).toBeLessThan(600);
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it('after a kill -9, rows left in flight whose create went through count as created', async () => {
    const clock = new FakeClock();
    const journalDir = tempDir('executor-journal-');
    const api = new FakeCognito({ clock, groups: ['staff', 'admins'] });
    // What a killed run leaves: user0 and user1 done, user2 sent (applied, no answer), user3 sent (not applied).
    const key: JournalKey = { fileSha256: 'f'.repeat(64), poolId: 'local_Test', endpoint: 'http://127.0.0.1:1' };
    const j = Journal.open(journalDir, key);
    for (const row of [2, 3]) {
      j.inflight(row);
      j.done(row, 'created');
    }
    j.inflight(4);
    j.inflight(5);
    j.close();
    for (const i of [0, 1, 2]) {
      await api.createUser({ username: `user${i}`, attributes: { email: `user${i}@example.com`, email_verified: 'true' } }, { invite: [] });
      await api.addToGroup(`user${i}`, 'staff');
      if (i % 3 !== 0) await api.addToGroup(`user${i}`, 'admins');
    }
    const { summary, events } = await run(users(5), api, clock, { journalDir });
    expect(summary).toMatchObject({ resumed: 2, created: 3, existing: 0 });
    expect(events.find((e) => e.line === 4)).toMatchObject({ outcome: 'created', recovered: true });
    expectExactly(api, 5);
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it('a second interrupt abandons requests in flight; the journal still has them', async () => {
    const clock = new FakeClock();
    const journalDir = tempDir('executor-journal-');
    const soft = new AbortController();
    const force = new AbortController();
    const api = new FakeCognito({
      clock,
      latencyMs: 1000,
      groups: ['staff', 'admins'],
      onCall: (call) => {
        if (call.method === 'createUser' && api.callsTo('createUser').length === 4) {
          soft.abort();
          force.abort();
        }
      },
    });
    const { summary } = await run(users(20), api, clock, { journalDir, signal: soft.signal, forceSignal: force.signal, concurrency: 4 });
    expect(summary.interrupted).toBe(true);
    expect(summary.unfinished).toBe(4);
    expect(summary.created).toBe(0);
    const again = await run(users(20), api, clock, { journalDir });
    expect(again.summary).toMatchObject({ created: 20, failed: 0 });
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it('bounds the wait for in-flight rows after an interrupt', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const api = new FakeCognito({
      clock,
      latencyMs: 60_000,
      groups: ['staff', 'admins'],
      onCall: () => controller.abort(),
    });
    const { summary } = await run(users(5), api, clock, { signal: controller.signal, drainTimeoutMs: 2000, concurrency: 2 });
    // The second worker's row had its slot but was not sent yet: it is dropped, not abandoned.
    expect(summary).toMatchObject({ interrupted: true, unfinished: 1, created: 0 });
    expect(clock.now()).toBe(2000);
  });

  it('does nothing when already aborted', async () => {
    const clock = new FakeClock();
    const api = new FakeCognito({ clock });
    const controller = new AbortController();
    controller.abort();
    const { summary } = await run(users(5), api, clock, { signal: controller.signal });
    expect(summary).toMatchObject({ interrupted: true, created: 0 } satisfies Partial<ImportSummary>);
    expect(api.calls).toHaveLength(0);
  });
});

describe('ensureGroups', () => {
  it('names the missing groups without changing anything, or creates them with --create-groups', async () => {
    const api = new FakeCognito({ groups: ['staff'] });
    const budget = new RateBudget({ rate: Infinity });
    expect(await ensureGroups(['staff', 'admins', 'ops'], { api, budget })).toEqual({ created: [], missing: ['admins', 'ops'] });
    expect(api.callsTo('createGroup')).toHaveLength(0);
    expect(await ensureGroups(['staff', 'admins'], { api, budget, create: true })).toEqual({ created: ['admins'], missing: [] });
    expect(api.groups.has('admins')).toBe(true);
  });
});

describe('parseInvite', () => {
  it('parses --invite', () => {
    expect(parseInvite('none')).toEqual([]);
    expect(parseInvite('email')).toEqual(['EMAIL']);
    expect(parseInvite('sms,email')).toEqual(['SMS', 'EMAIL']);
    expect(() => parseInvite('pigeon')).toThrow(ImportUsageError);
  });
});
