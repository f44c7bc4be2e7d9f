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

/**
 * One caller that always wants the next slot (so the pace is what holds it back), for `ms` of
 * fake time; `after` runs after each granted request. Returns how many were granted.
 */
async function drive(clock: FakeClock, rate: AdaptiveRate, ms: number, after?: () => void): Promise<number> {
  const end = clock.now() + ms;
  let granted = 0;
  await clock.run(
    (async () => {
      // (An uncapped rate grants at once, without time passing: stop there.)
      while (clock.now() < end && rate.rate !== Infinity) {
        await rate.acquire();
        granted++;
        after?.();
      }
    })(),
  );
  return granted;
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

  it('a throttle estimates the quota from the share of requests that went through, and paces a margin below it', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 50, clock });
    const sent = await drive(clock, rate, 1000);
    rate.throttled(); // one in the ~60 requests of the last second: a small cut, and a margin as small
    const first = rate.snapshot();
    const share = 1 / sent;
    expect(first.estimate).toBeCloseTo(50 * (1 - share), 6);
    expect(first.rate).toBeCloseTo(first.estimate! * (1 - share), 6);
    rate.throttled(); // the same volley: counts once
    expect(rate.rate).toBe(first.rate);
    // The next second at that pace, with every other request throttled: the quota is about half.
    // Those within the cool-down of the first cut count towards the next one.
    let i = 0;
    await drive(clock, rate, 1000, () => {
      if (i++ % 2 === 1) rate.throttled();
    });
    expect(rate.snapshot().estimate).toBe(first.estimate);
    await clock.advance(10);
    rate.throttled();
    const second = rate.snapshot();
    expect(second.estimate).toBeGreaterThan(first.rate * 0.45);
    expect(second.estimate).toBeLessThan(first.rate * 0.55);
    expect(second.rate).toBeCloseTo(second.estimate! * 0.95, 6);
    expect(second.throttles).toBe(2 + Math.floor(i / 2) + 1);
  });

  it('cuts by half at most, never below the floor, and throttles in one cool-down count once', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 40, clock, margin: 0, minRate: 3 });
    rate.throttled(); // nothing sent yet: all throttled, the deepest cut
    expect(rate.rate).toBe(20);
    await clock.advance(500);
    rate.throttled();
    expect(rate.rate).toBe(20); // within the cool-down of the previous cut
    await clock.advance(501);
    rate.throttled();
    expect(rate.rate).toBe(10);
    for (let n = 0; n < 5; n++) {
      await clock.advance(5000);
      rate.throttled();
    }
    expect(rate.rate).toBe(3);
  });

  it('after a cut, holds, then probes upwards slowly, faster the longer no throttle comes, up to the ceiling', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 50, clock, margin: 0, holdMs: 2000, probe: 0.02, accelerateMs: 10_000 });
    rate.throttled(); // 50 → 25, the estimate
    expect(rate.rate).toBe(25);
    await drive(clock, rate, 2000);
    expect(rate.rate).toBe(25); // held
    await drive(clock, rate, 10_000);
    // ∫ 0.02 · 25 · 2^(t/10 s) dt over 10 s = 0.5 · 10 / ln 2 ≈ 7.2
    expect(rate.rate).toBeGreaterThan(25 + 6.5);
    expect(rate.rate).toBeLessThan(25 + 7.5);
    await drive(clock, rate, 10_000);
    // the next 10 s climb twice as far
    expect(rate.rate).toBeGreaterThan(25 + 6.5 + 13);
    await drive(clock, rate, 20_000);
    expect(rate.rate).toBe(50);
  });

  it('does not climb while demand keeps it under its pace', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 50, clock, margin: 0, holdMs: 0 });
    rate.throttled();
    expect(rate.rate).toBe(25);
    // One request a second for a minute: far under 25/s, so nothing is learnt by climbing.
    for (let s = 0; s < 60; s++) {
      await clock.run(rate.acquire());
      await clock.advance(1000);
    }
    expect(rate.rate).toBe(25);
    await drive(clock, rate, 5000);
    expect(rate.rate).toBeGreaterThan(25);
  });

  it('a named rate comes back within seconds: no margin, no hold, a tenth of it per second', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 40, clock, recovery: 'linear', margin: 0, holdMs: 0 });
    rate.throttled();
    expect(rate.rate).toBe(20);
    await drive(clock, rate, 2500);
    expect(rate.rate).toBeCloseTo(30, 0);
    await drive(clock, rate, 3000);
    expect(rate.rate).toBe(40);
  });

  it('under steady random throttling at a named rate, the pace stays near it', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 50, clock, recovery: 'linear', margin: 0, holdMs: 0 });
    // Every tenth request throttled, whatever the pace (not how a quota behaves, but a busy
    // account's noise): the cuts and the climb balance well above 85% of the rate.
    let i = 0;
    const granted = await drive(clock, rate, 20_000, () => {
      if (++i % 10 === 0) rate.throttled();
    });
    expect(granted / 20).toBeGreaterThan(0.85 * 50);
  });

  it('slows the next requests right away after a throttle', async () => {
    const clock = new FakeClock();
    const rate = new AdaptiveRate({ rate: 100, clock, burst: 1 });
    await grant(clock, rate, 5); // 0,10,20,30,40
    rate.throttled(); // a fifth of the requests throttled: an estimate of 80/s, paced 5% below
    expect(rate.snapshot().estimate).toBe(80);
    expect(rate.rate).toBe(76);
    const [t] = await grant(clock, rate, 1);
    expect(t! - 40).toBeGreaterThanOrEqual(1000 / 76 - 1e-9);
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
    await drive(clock, rate, 30_000);
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
    budget.throttled('update'); // nothing sent yet: the deepest cut, to half, and 5% below that
    expect(budget.rate('update')).toBe(25 * 0.5 * 0.95);
    expect(budget.rate('create')).toBe(50);
    const creates = await grant(clock, { acquire: (s) => budget.acquire('create', s) }, 60);
    expect(creates[creates.length - 1]).toBe(1000);
  });

  it('--rate applies to every category; per-category overrides win', () => {
    const budget = new RateBudget({ rate: 10, rates: { read: 200 } });
    expect([budget.rate('create'), budget.rate('update'), budget.rate('read')]).toEqual([10, 10, 200]);
    expect(budget.snapshot().create).toEqual({ rate: 10, ceiling: 10, throttles: 0, acquired: 0 });
  });

  it('a named --rate comes back to itself after a cut; without one, the budget learns the quota', async () => {
    const clock = new FakeClock();
    const named = new RateBudget({ clock, rate: 50 });
    const learning = new RateBudget({ clock });
    named.throttled('create');
    learning.throttled('create');
    expect(named.rate('create')).toBe(25); // no margin
    expect(learning.rate('create')).toBe(23.75); // 5% below the estimate
    const end = clock.now() + 3000;
    const drain = async (b: RateBudget) => {
      while (clock.now() < end) await b.acquire('create');
    };
    await clock.run(Promise.all([drain(named), drain(learning)]));
    expect(named.rate('create')).toBeGreaterThan(35); // climbing at 5/s from the start
    expect(learning.rate('create')).toBeLessThan(25); // held 2 s, then probing from 2% of the estimate per second
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
