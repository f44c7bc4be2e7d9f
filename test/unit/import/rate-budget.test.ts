import { describe, expect, it } from 'vitest';
import { ImportUsageError } from '../../../src/bulk/errors.js';
import { AdaptiveRate, parseRate, RateBudget } from '../../../src/bulk/rate-budget.js';
import { FakeClock } from './helpers.js';

/** Acquires `n` slots one after another and returns the virtual times they were granted. */
async function grant(clock: FakeClock, rate: { acquire(signal?: AbortSignal): Promise<void> }, n: number): Promise<number[]> {
  const times: number[] = [];
  await clock.run(
    Promise.all(
      Array.from({ length: n }, () =>
        rate.acquire().then(() => {
          times.push(clock.now());
        }),
      ),
    ),
  );
  return times;
}

describe('AdaptiveRate', () => {
  it('paces to the configured rate after a small burst', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 50, clock });
    const times = await grant(clock, rate, 110);
    // 10 in the initial burst (a fifth of a second), then one every 20 ms
    expect(times.filter((t) => t === 0)).toHaveLength(10);
    expect(times[times.length - 1]).toBe(2000);
    const achieved = (times.length - 10) / (times[times.length - 1]! / 1000);
    expect(achieved).toBeCloseTo(50, 5);
  });

  it('grants slots in call order', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 10, clock, burst: 1 });
    const order: number[] = [];
    await clock.run(Promise.all([0, 1, 2, 3].map((i) => rate.acquire().then(() => order.push(i)))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBe(300);
  });

  it('halves on throttling, once per cool-down, then recovers additively to the ceiling', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 40, clock, holdMs: 2000, cooldownMs: 1000 });
    rate.throttled();
    rate.throttled(); // same volley: counts once
    expect(rate.rate).toBe(20);
    expect(rate.snapshot().throttles).toBe(2);
    await clock.advance(500);
    rate.throttled();
    expect(rate.rate).toBe(20); // still within the cool-down of the previous cut
    await clock.advance(501);
    rate.throttled();
    expect(rate.rate).toBe(10);
    // held for 2 s, then +4/s (a tenth of the ceiling per second)
    await clock.advance(1999);
    await grant(clock, rate, 1);
    expect(rate.rate).toBe(10);
    await clock.advance(5000);
    await grant(clock, rate, 1);
    expect(rate.rate).toBeGreaterThan(25);
    await clock.advance(10_000);
    await grant(clock, rate, 1);
    expect(rate.rate).toBe(40);
  });

  it('cuts by the share of requests throttled, so occasional throttling keeps the pace near the ceiling', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 50, clock });
    // One second at 50/s with every tenth request throttled, as a busy account sees it.
    let granted = 0;
    const start = clock.now();
    for (let i = 0; i < 400; i++) {
      await clock.run(rate.acquire());
      granted++;
      if (i % 10 === 9) rate.throttled();
    }
    const achieved = granted / ((clock.now() - start) / 1000);
    expect(achieved).toBeGreaterThan(0.85 * 50);
    expect(rate.rate).toBeGreaterThan(40);
  });

  it('halves every window when every request is throttled', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 40, clock, cooldownMs: 1000 });
    // Every request throttled for three seconds: the first cut only sees its own throttle, each
    // later one the whole window's.
    while (clock.now() < 3000) {
      await clock.run(rate.acquire());
      rate.throttled();
    }
    expect(rate.rate).toBeLessThanOrEqual(40 * 0.5 * 0.5 + 3 * 4); // two halvings, plus the climb back
  });

  it('never goes below the floor', () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 4, clock, minRate: 1, cooldownMs: 0 });
    for (let i = 0; i < 10; i++) rate.throttled();
    expect(rate.rate).toBe(1);
  });

  it('slows the next requests right away after a throttle', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 100, clock, burst: 1 });
    await grant(clock, rate, 5); // 0,10,20,30,40
    rate.throttled(); // a fifth of the requests throttled: 80/s, the next slot 12.5 ms away
    expect(rate.rate).toBe(80);
    const [t] = await grant(clock, rate, 1);
    expect(t! - 40).toBeGreaterThanOrEqual(12.5);
  });

  it('with no cap, starts from the observed rate on the first throttle and lifts the cap again later', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: Infinity, clock, holdMs: 1000 });
    for (let i = 0; i < 200; i++) {
      await rate.acquire();
      if (i % 2 === 1) await clock.advance(10); // ~200/s
    }
    expect(rate.rate).toBe(Infinity);
    rate.throttled();
    expect(rate.rate).toBeGreaterThan(150); // one throttle in ~200 requests: a small cut from the observed pace
    expect(rate.rate).toBeLessThan(200);
    await clock.advance(60_000);
    await grant(clock, rate, 1);
    expect(rate.rate).toBe(Infinity);
  });

  it('stops waiting when the signal aborts', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 1, clock, burst: 1 });
    await rate.acquire();
    const controller = new AbortController();
    const waiting = rate.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('RateBudget', () => {
  it('has separate budgets per quota category with the account defaults', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock });
    expect([budget.rate('create'), budget.rate('update'), budget.rate('read')]).toEqual([50, 25, 120]);
    budget.throttled('update');
    expect(budget.rate('update')).toBe(12.5);
    expect(budget.rate('create')).toBe(50);
    const creates = await grant(clock, { acquire: (s) => budget.acquire('create', s) }, 60);
    expect(creates[creates.length - 1]).toBe(1000);
  });

  it('--rate applies to every category; per-category overrides win', () => {
    const budget = new RateBudget({ rate: 10, rates: { read: 200 } });
    expect([budget.rate('create'), budget.rate('update'), budget.rate('read')]).toEqual([10, 10, 200]);
    expect(budget.snapshot().create).toEqual({ rate: 10, ceiling: 10, throttles: 0, acquired: 0 });
  });

  it('parses --rate', () => {
    expect(parseRate('20')).toBe(20);
    expect(parseRate('0.5')).toBe(0.5);
    expect(parseRate('unlimited')).toBe(Infinity);
    expect(parseRate('0')).toBe(Infinity);
    expect(() => parseRate('fast')).toThrow(ImportUsageError);
    expect(() => parseRate('-1')).toThrow(/--rate/);
  });
});
