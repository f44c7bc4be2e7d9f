// The import's rate budget against Cognito-shaped throttling, on fake time: the real engine
// (runImport with its retries and concurrency) drives an in-memory Cognito whose user-creation and
// user-update calls go through token buckets, as Cognito meters them per account. No wall clock
// is involved: rates are virtual requests per virtual second.
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/import/csv-source.js';
import { runImport, type ImportApi } from '../../../src/import/executor.js';
import { planHeader } from '../../../src/import/header.js';
import { basicPoolFacts } from '../../../src/import/pool-facts.js';
import { RateBudget } from '../../../src/bulk/rate-budget.js';
import { RowValidator } from '../../../src/import/validate.js';
import { TokenBucket } from '../../support/token-bucket.js';
import { FakeClock, FakeCognito, readable, seededRandom } from './helpers.js';

interface Quota {
  rate: number;
  burst: number;
}

/** `rows` users; every other one joins a group, so that a file saturates both quotas at 2:1. */
function usersCsv(rows: number, groups = true): string {
  const lines = ['username,email,groups'];
  for (let i = 0; i < rows; i++) lines.push(`user${i},user${i}@example.com,${groups && i % 2 === 0 ? 'staff' : ''}`);
  return `${lines.join('\n')}\n`;
}

async function simulateImport(options: {
  rows: number;
  create: Quota;
  update: Quota;
  latencyMs?: number;
  seed?: number;
  /** The budget's ceiling, as --rate sets it (default: the built-in quotas). */
  rate?: number;
  /** Throttle this share of the creates at random besides the buckets. */
  randomThrottle?: number;
  /** Whether every other row joins a group (default true). */
  groups?: boolean;
  /** Each request is sent up to this much later than its slot, at random (timers firing late on a busy machine). */
  jitterMs?: number;
}) {
  const clock = new FakeClock();
  const api = new FakeCognito({ clock, latencyMs: options.latencyMs ?? 20, groups: ['staff'] });
  const buckets = {
    create: new TokenBucket(options.create.rate, options.create.burst, () => clock.now()),
    update: new TokenBucket(options.update.rate, options.update.burst, () => clock.now()),
  };
  const requests = { create: 0, update: 0 };
  const throttled = { create: 0, update: 0 };
  const random = seededRandom((options.seed ?? 7) + 1);
  const meter = (category: 'create' | 'update', randomShare = 0) => () => {
    requests[category]++;
    if (!(random() < randomShare) && buckets[category].take()) return false;
    throttled[category]++;
    return true;
  };
  api.rules = [
    { method: 'createUser', kind: 'throttle', when: meter('create', options.randomThrottle) },
    { method: 'addToGroup', kind: 'throttle', when: meter('update') },
  ];
  const jitter = seededRandom((options.seed ?? 7) + 2);
  const late = async () => {
    if (options.jitterMs) await clock.sleep(jitter() * options.jitterMs);
  };
  const client: ImportApi = Object.assign(Object.create(api) as FakeCognito, {
    createUser: async (...args: Parameters<ImportApi['createUser']>) => (await late(), api.createUser(...args)),
    addToGroup: async (...args: Parameters<ImportApi['addToGroup']>) => (await late(), api.addToGroup(...args)),
  });
  const pool = basicPoolFacts({ poolId: 'local_Quota' });
  const source = await openCsv(readable(usersCsv(options.rows, options.groups)));
  const budget = new RateBudget({ clock, rate: options.rate });
  const summary = await clock.run(
    runImport(source.batches(), {
      api: client,
      validator: new RowValidator(planHeader(source.header, pool), pool),
      budget,
      clock,
      random: seededRandom(options.seed ?? 7),
    }),
  );
  const seconds = clock.now() / 1000;
  const accepted = { create: requests.create - throttled.create, update: requests.update - throttled.update };
  return {
    summary,
    seconds,
    /** Accepted requests per second as a share of the bucket's rate. */
    share: { create: accepted.create / seconds / options.create.rate, update: accepted.update / seconds / options.update.rate },
    /** Share of all requests that were throttled. */
    throttledShare: (throttled.create + throttled.update) / (requests.create + requests.update),
    requests,
    throttled,
    budget: budget.snapshot(),
  };
}

describe('riding a token-bucket quota (simulated, fake time)', () => {
  // A burst of a fifth of a second's worth, requests sent up to 10 ms late (a busy machine).
  it.each([
    ['the default quotas, 50 creates/s and 25 updates/s', { rate: 50, burst: 10 }, { rate: 25, burst: 5 }, 0.95],
    ['what other traffic leaves of them, 20 creates/s and 10 updates/s', { rate: 20, burst: 4 }, { rate: 10, burst: 2 }, 0.9],
  ])('%s: with no --rate, reaches the bucket with no failed row and at most 5%% throttled', async (_name, create, update, target) => {
    const r = await simulateImport({ rows: 2000, create, update, jitterMs: 10 });
    expect(r.summary.failed).toBe(0);
    expect(r.summary.created).toBe(2000);
    expect(r.share.create).toBeGreaterThanOrEqual(target);
    expect(r.share.update).toBeGreaterThanOrEqual(target);
    expect(r.throttledShare).toBeLessThanOrEqual(0.05);
    // It learnt the quota: the budget ends near the bucket, not at the built-in rate.
    expect(r.budget.create.rate).toBeLessThan(create.rate * 1.15);
    expect(r.budget.create.rate).toBeGreaterThan(create.rate * 0.8);
  });

  it('the built-in budget alone, before this engine learnt from throttling, overshoots a shared quota', async () => {
    // The same 20/10 buckets with the pace pinned to the built-in rates (a named --rate of 50
    // comes back to it within seconds): most of what exceeds the bucket is throttled.
    const r = await simulateImport({ rows: 600, rate: 50, create: { rate: 20, burst: 4 }, update: { rate: 10, burst: 2 }, jitterMs: 10 });
    expect(r.summary.failed).toBe(0);
    expect(r.throttledShare).toBeGreaterThan(0.1);
  });

  it('a named --rate under steady random throttling (not a quota) stays near the rate it was given', async () => {
    const r = await simulateImport({
      rows: 1000,
      rate: 50,
      groups: false,
      randomThrottle: 0.1,
      create: { rate: 1e6, burst: 1e6 },
      update: { rate: 1e6, burst: 1e6 },
    });
    expect(r.summary.failed).toBe(0);
    expect(r.summary.created / r.seconds).toBeGreaterThanOrEqual(0.85 * 50);
  });
});
