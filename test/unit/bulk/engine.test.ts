import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ItemFailure, runBulk, type BulkItem, type ItemEvent } from '../../../src/bulk/engine.js';
import { FailureReport } from '../../../src/bulk/failures.js';
import { Journal } from '../../../src/bulk/journal.js';
import { RateBudget } from '../../../src/bulk/rate-budget.js';
import { FakeClock, seededRandom, tempDir } from '../import/helpers.js';

const root = tempDir('engine-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let seq = 0;

interface Item extends BulkItem {
  username: string;
}

function itemsOf(names: string[]): AsyncIterable<Item[]> {
  return (async function* () {
    // two batches, as the CSV source hands them over
    const half = Math.ceil(names.length / 2);
    yield names.slice(0, half).map((username, i) => ({ line: i + 1, cells: [username], username }));
    yield names.slice(half).map((username, i) => ({ line: half + i + 1, cells: [username], username }));
  })();
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `user${i}`);

/** An in-memory user store with a per-call fault plan. */
class FakeUsers {
  readonly deleted: string[] = [];
  readonly users: Set<string>;
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    all: string[],
    private readonly clock: FakeClock,
    private readonly fault: (username: string, call: number) => 'throttle' | 'reset-before' | 'reset-after' | undefined = () => undefined,
  ) {
    this.users = new Set(all);
  }

  async delete(username: string, signal: AbortSignal): Promise<void> {
    const call = ++this.calls;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.clock.sleep(20, signal);
      const fault = this.fault(username, call);
      if (fault === 'throttle') throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 400 } });
      if (fault === 'reset-before') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      if (!this.users.delete(username)) throw Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
      this.deleted.push(username);
      if (fault === 'reset-after') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    } finally {
      this.inFlight--;
    }
  }
}

async function deleteAll(
  api: FakeUsers,
  clock: FakeClock,
  list: string[],
  extra: { journal?: Journal; report?: FailureReport; signal?: AbortSignal; concurrency?: number; onItem?: (e: ItemEvent) => void } = {},
) {
  const events: ItemEvent[] = [];
  const summary = await clock.run(
    runBulk<Item, string>({
      items: itemsOf(list),
      check: (item) => (item.username.startsWith('user') ? { ok: true, value: item.username, username: item.username } : { ok: false, code: 'InvalidUsername', message: `not a user: ${item.username}` }),
      apply: async (username, op) => {
        let lost = false;
        try {
          await op.call('update', (signal) => api.delete(username, signal), { onFailedAttempt: (err) => (lost ||= (err as { code?: string }).code === 'ECONNRESET') });
          return { outcome: 'done' };
        } catch (err) {
          // gone already: done for a delete (its own lost response, or deleted by someone else)
          if ((err as Error).name === 'UserNotFoundException') return { outcome: 'done', recovered: lost || op.inflightBefore };
          throw err;
        }
      },
      budget: new RateBudget({ clock, rate: 50 }),
      clock,
      random: seededRandom(7),
      concurrency: extra.concurrency ?? 8,
      journal: extra.journal,
      report: extra.report,
      signal: extra.signal,
      onItem: (e) => {
        events.push(e);
        extra.onItem?.(e);
      },
    }),
  );
  return { summary, events };
}

describe('runBulk', () => {
  it('does every item exactly once through throttling and connections reset before and after the request was applied', async () => {
    const clock = new FakeClock();
    const list = names(300);
    const api = new FakeUsers(list, clock, (_u, call) => (call % 7 === 0 ? 'throttle' : call % 11 === 0 ? 'reset-before' : call % 13 === 0 ? 'reset-after' : undefined));
    const { summary, events } = await deleteAll(api, clock, list);
    expect(summary).toMatchObject({ items: 300, outcomes: { done: 300 }, failed: 0, invalid: 0, interrupted: false });
    expect(summary.throttled).toBeGreaterThan(0);
    expect(summary.retried).toBeGreaterThan(0);
    expect(api.deleted.slice().sort()).toEqual(list.slice().sort());
    expect(new Set(api.deleted).size).toBe(300);
    expect(events.filter((e) => e.recovered).length).toBeGreaterThan(0);
    expect(api.maxInFlight).toBeLessThanOrEqual(8);
    // paced at 50/s in virtual time: 300 items take about 6 s
    expect(clock.now()).toBeGreaterThanOrEqual(5_500);
  });

  it('sends nothing for invalid items, fails the refused ones, and writes both to the failures file', async () => {
    const clock = new FakeClock();
    const api = new FakeUsers(['user1'], clock);
    const report = new FailureReport(path.join(root, `f${seq++}.csv`), ['username']);
    const { summary } = await deleteAll(api, clock, ['user1', 'bad', 'user2'], { report });
    report.close();
    // user2 does not exist: this test's operation counts that as done (a delete's rule)
    expect(summary).toMatchObject({ items: 3, outcomes: { done: 2 }, invalid: 1, failed: 0 });
    expect(fs.readFileSync(report.file, 'utf8')).toBe('username,error_code,error_message\r\nbad,InvalidUsername,not a user: bad\r\n');
    expect(api.calls).toBe(2);
  });

  it('an ItemFailure names its own code; other errors are read from the AWS error', async () => {
    const clock = new FakeClock();
    const events: ItemEvent[] = [];
    const summary = await clock.run(
      runBulk<Item, string>({
        items: itemsOf(['user1', 'user2']),
        check: (item) => ({ ok: true, value: item.username, username: item.username }),
        apply: async (u) => {
          if (u === 'user1') throw new ItemFailure('Mine', 'my own words');
          throw Object.assign(new Error('Nope.\nstack'), { name: 'NotAuthorizedException' });
        },
        budget: new RateBudget({ clock }),
        clock,
        onItem: (e) => events.push(e),
      }),
    );
    expect(summary.failed).toBe(2);
    expect(events.map((e) => [e.username, e.code, e.message]).sort()).toEqual([
      ['user1', 'Mine', 'my own words'],
      ['user2', 'NotAuthorizedException', 'Nope.'],
    ]);
  });

  it('resumes from the journal: finished items are skipped, failed ones tried again, each done once', async () => {
    const clock = new FakeClock();
    const list = names(40);
    const dir = path.join(root, `j${seq++}`);
    const key = { fileSha256: 'a'.repeat(64), poolId: 'local_1', endpoint: 'e', operation: 'user delete' };
    const api = new FakeUsers(list, clock);
    const controller = new AbortController();
    let journal = Journal.open(dir, key);
    const first = await deleteAll(api, clock, list, {
      journal,
      signal: controller.signal,
      onItem: (e) => {
        if (e.line === 10) controller.abort();
      },
    });
    journal.close();
    expect(first.summary.interrupted).toBe(true);
    const doneFirst = api.deleted.length;
    expect(doneFirst).toBeGreaterThanOrEqual(10);
    expect(doneFirst).toBeLessThan(40);

    journal = Journal.open(dir, key);
    const second = await deleteAll(api, clock, list, { journal });
    journal.close();
    expect(second.summary).toMatchObject({ resumed: doneFirst, interrupted: false, failed: 0 });
    expect(second.summary.outcomes.done).toBe(40 - doneFirst);
    expect(api.deleted.slice().sort()).toEqual(list.slice().sort());
    expect(api.calls).toBe(40);

    // another operation on the same list has a journal of its own
    const other = Journal.open(dir, { ...key, operation: 'user disable' });
    expect(other.history.finished).toBe(0);
    other.close();
  });

  it('stops taking items on the first interrupt and drops those still waiting for their first slot', async () => {
    const clock = new FakeClock();
    const list = names(100);
    const api = new FakeUsers(list, clock);
    const controller = new AbortController();
    const { summary } = await deleteAll(api, clock, list, {
      signal: controller.signal,
      onItem: (e) => {
        if (e.line === 5) controller.abort();
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.unfinished).toBe(0);
    // every request sent was finished and counted
    expect(summary.outcomes.done).toBe(api.deleted.length);
    expect(api.calls).toBe(api.deleted.length);
    expect(api.deleted.length).toBeLessThan(20);
  });

  it('adds no abort listener per request to a shared signal (no MaxListenersExceededWarning at any concurrency)', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const clock = new FakeClock();
      const list = names(200);
      const api = new FakeUsers(list, clock, (_u, call) => (call % 5 === 0 ? 'throttle' : undefined));
      const controller = new AbortController();
      const { summary } = await deleteAll(api, clock, list, { signal: controller.signal, concurrency: 32 });
      expect(summary.outcomes.done).toBe(200);
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
