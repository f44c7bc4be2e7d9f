// One rate budget per Cognito quota category. Cognito meters user creation (AdminCreateUser) and
// user resource updates (AdminAddUserToGroup, AdminSetUserPassword, AdminUpdateUserAttributes,
// AdminDisableUser…) as separate quotas, 50 and 25 requests/s by default per account, plus a read
// category (AdminGetUser, GetGroup; 120/s). Each category is paced independently.
//
// Pacing is GCRA (a token bucket expressed as a "theoretical arrival time"): every acquire() books
// the next slot, FIFO, with a small burst allowance, so concurrent workers share the rate fairly
// and nobody polls.
//
// The quota is a token bucket per account, shared with every other app in it, so the configured
// rate (the default quota) is only a ceiling: what is left for us is learnt from throttling.
// - A TooManyRequestsException estimates the quota: the pace times the share of requests that
//   went through, over the requests sent since the previous cut (at most `windowMs` back), so
//   that a pace well over the quota drops to it at once (by half at most) and an occasional
//   throttle costs almost nothing. The pace is then set below that estimate by as much again
//   (at most `margin`), which lets the bucket fill again. Throttles closer together than
//   `cooldownMs` count once: a volley of responses to requests already in flight says nothing new.
// - The pace then holds for `holdMs` and probes upwards slowly, from a few hundredths of the
//   estimate per second, faster the longer nothing is throttled (doubling every
//   `accelerateMs`), so that a quota other traffic has freed is found again within tens of
//   seconds while a quota that stays put is crossed gently, by a few throttled requests a probe.
//   (Climbing straight back to the ceiling re-throttles a shared quota every few seconds.)
// A pace the operator names (--rate) is not learnt but kept: after a cut it comes straight back,
// at a tenth of it per second ('linear' recovery, see RateBudget). A ceiling of Infinity means "no
// cap": the first throttle then starts from the rate actually observed, and the cap is lifted
// again once the pace climbs back to it.
import { systemClock, type Clock } from './clock.js';
import { ImportUsageError } from './errors.js';

export type QuotaCategory = 'create' | 'update' | 'read';

export const DEFAULT_RATES: Readonly<Record<QuotaCategory, number>> = { create: 50, update: 25, read: 120 };

export interface AdaptiveRateOptions {
  /** Requests per second, the ceiling; Infinity for no cap. */
  rate: number;
  clock?: Clock;
  /** Requests allowed back to back after an idle period (default: a fifth of a second's worth, ≥ 1). */
  burst?: number;
  /** Floor for the adapted rate (default 1/s). */
  minRate?: number;
  /** The deepest cut, as the factor kept when every request since the last cut was throttled (default 0.5). */
  decrease?: number;
  /** After a cut, how far below the estimated quota to pace (default 0.05: 5%). */
  margin?: number;
  /** Quiet time after a throttle before the pace climbs again (default 2 s). */
  holdMs?: number;
  /**
   * How the pace climbs back after a cut: 'probe' (the default) learns a quota shared with others,
   * from `probe` · the estimate per second, accelerating; 'linear' returns to the ceiling at a
   * tenth of it per second (of the estimate when uncapped), for a pace the operator named.
   */
  recovery?: 'probe' | 'linear';
  /** The first climb per second, as a share of the estimated quota (default 0.02). */
  probe?: number;
  /** The climb doubles for every this long without a throttle (default 10 s). */
  accelerateMs?: number;
  /** Throttles closer together than this count as one cut (default 1 s). */
  cooldownMs?: number;
  /** The throttled share is measured over at most this long (default 2 s). */
  windowMs?: number;
}

export interface RateSnapshot {
  /** Current pace, requests/s (Infinity when uncapped and never throttled). */
  rate: number;
  ceiling: number;
  /** The quota as last estimated from throttling (undefined until the first throttle). */
  estimate?: number;
  throttles: number;
  acquired: number;
}

/** Times of recent events, oldest first, dropped once older than the window. */
class RecentTimes {
  private times: number[] = [];
  private head = 0;

  push(t: number): void {
    this.times.push(t);
  }

  /** Events in (since, now]. */
  count(since: number, now: number): number {
    let n = 0;
    for (let i = this.head; i < this.times.length; i++) {
      const t = this.times[i]!;
      if (t > since && t <= now) n++;
    }
    return n;
  }

  /** Forgets events at or before `before`. Times arrive nearly in order; a few late ones stay a little longer. */
  prune(before: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= before) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}

export class AdaptiveRate {
  private readonly clock: Clock;
  readonly ceiling: number;
  private current: number;
  private estimate?: number;
  private readonly minRate: number;
  private readonly decrease: number;
  private readonly margin: number;
  private readonly holdMs: number;
  private readonly probe: number;
  private readonly linear: boolean;
  private readonly accelerateMs: number;
  private readonly cooldownMs: number;
  private readonly windowMs: number;
  private readonly burst?: number;
  private tat = -Infinity; // theoretical arrival time of the next request
  private lastCut = -Infinity;
  private lastAdjust = 0;
  private throttles = 0;
  private acquired = 0;
  /** When each recent request goes out (its slot), and when each recent throttle came back. */
  private readonly sent = new RecentTimes();
  private readonly refused = new RecentTimes();
  /** When uncapped: the observed rate at the first throttle, where the cap is lifted again. */
  private uncapAt = Infinity;
  /** Time spent probing upwards since the last cut. */
  private probedMs = 0;
  private lastReduced = -Infinity;


  constructor(options: AdaptiveRateOptions) {
    if (!(options.rate > 0)) throw new RangeError(`rate must be > 0, got ${options.rate}`);
    this.clock = options.clock ?? systemClock;
    this.ceiling = options.rate;
    this.current = options.rate;
    this.minRate = options.minRate ?? 1;
    this.decrease = options.decrease ?? 0.5;
    this.margin = options.margin ?? 0.05;
    this.holdMs = options.holdMs ?? 2000;
    this.probe = options.probe ?? 0.02;
    this.linear = options.recovery === 'linear';
    this.accelerateMs = options.accelerateMs ?? 10_000;
    this.cooldownMs = options.cooldownMs ?? 1000;
    this.windowMs = options.windowMs ?? 2000;
    this.burst = options.burst;
    this.lastAdjust = this.clock.now();
  }

  get rate(): number {
    return this.current;
  }

  snapshot(): RateSnapshot {
    return { rate: this.current, ceiling: this.ceiling, estimate: this.estimate, throttles: this.throttles, acquired: this.acquired };
  }

  /** Waits for this category's next slot. Rejects at once when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.recover(now);
    this.acquired++;
    if (this.current === Infinity) {
      this.noteSent(now, now);
      return Promise.resolve();
    }
    const interval = 1000 / this.current;
    const burst = this.burst ?? Math.max(1, Math.floor(this.current / 5));
    const tolerance = interval * (burst - 1);
    if (this.tat < now - tolerance) this.tat = now - tolerance;
    const at = Math.max(now, this.tat);
    this.tat += interval;
    this.noteSent(at, now);
    return at > now ? this.clock.sleep(at - now, signal) : Promise.resolve();
  }

  /** Reports a throttling response for a request of this category. */
  throttled(): void {
    const now = this.clock.now();
    this.throttles++;
    this.refused.push(now);
    // Responses to requests sent at the old pace arrive together: one cut per cool-down window.
    // At a low pace the window is longer, so that a cut rests on at least ~10 requests.
    const pace = this.current === Infinity ? Math.max(this.observedRate(now), this.minRate * 2) : this.current;
    if (now - this.lastCut < Math.max(this.cooldownMs, 10_000 / pace)) return;
    const since = Math.max(this.lastCut, now - Math.max(this.windowMs, 20_000 / pace));
    const sent = this.sent.count(since, now);
    const refused = this.refused.count(since, now);
    const share = refused / Math.max(sent, refused);
    this.lastCut = now;
    if (this.current === Infinity) this.uncapAt = pace;
    this.estimate = Math.max(this.minRate, pace * Math.max(this.decrease, 1 - share));
    this.current = Math.max(this.minRate, Math.min(this.ceiling, this.estimate * (1 - Math.min(this.margin, share))));
    this.lastAdjust = now;
    this.lastReduced = now;
    this.probedMs = 0;
    // Requests already booked keep their slots; the next ones wait at the new pace.
    this.tat = Math.max(this.tat, now + 1000 / this.current);
  }

  private recover(now: number): void {
    const elapsed = now - this.lastAdjust;
    this.lastAdjust = now;
    if (this.current >= this.ceiling) return;
    // Climb only while the pace is what holds requests back (slots booked up to now): a category
    // kept below its pace by demand, or by the other category, learns nothing by climbing.
    const limited = this.tat >= now - 2000 / this.current;
    if (!limited || now - this.lastReduced < this.holdMs) return;
    const before = this.probedMs;
    this.probedMs += elapsed;
    let next: number;
    if (this.linear) {
      next = this.current + ((this.ceiling === Infinity ? Math.max(1, this.uncapAt / 10) : this.ceiling / 10) * elapsed) / 1000;
    } else {
      // probe · estimate per second, doubling every accelerateMs of probing without a throttle.
      const k = Math.LN2 / this.accelerateMs;
      const base = this.probe * (this.estimate ?? this.current);
      next = this.current + ((base / 1000) * (Math.exp(k * this.probedMs) - Math.exp(k * before))) / k;
    }
    if (this.ceiling === Infinity) {
      // Uncapped: climb back to the rate that was running when throttling began, then drop the cap.
      this.current = next >= this.uncapAt ? Infinity : next;
    } else {
      this.current = Math.min(this.ceiling, next);
    }
  }

  private noteSent(at: number, now: number): void {
    this.sent.push(at);
    const horizon = now - Math.max(this.windowMs, 1000, this.current === Infinity ? 0 : 20_000 / this.current);
    this.sent.prune(horizon);
    this.refused.prune(horizon);
  }

  private observedRate(now: number): number {
    return this.sent.count(now - 1000, now);
  }
}

export interface RateBudgetOptions {
  /**
   * `--rate`: requests per second for every category, named by the operator; Infinity for no cap.
   * Without it each category starts at Cognito's default quota (DEFAULT_RATES) and learns what
   * is left of the account's quota from throttling.
   */
  rate?: number;
  /** Per-category ceilings (a quota raised with AWS), applied after `rate`; learnt from like the defaults. */
  rates?: Partial<Record<QuotaCategory, number>>;
  clock?: Clock;
  /** Passed to every category's AdaptiveRate. */
  tuning?: Omit<AdaptiveRateOptions, 'rate' | 'clock'>;
}

/**
 * With --rate the operator names the pace, so a throttle below it is passing contention: the pace
 * comes back to it within seconds (no margin, no hold, a tenth of it per second).
 */
const NAMED_RATE: Omit<AdaptiveRateOptions, 'rate' | 'clock'> = { recovery: 'linear', margin: 0, holdMs: 0 };

export class RateBudget {
  private readonly categories: Record<QuotaCategory, AdaptiveRate>;

  constructor(options: RateBudgetOptions = {}) {
    const make = (category: QuotaCategory) => {
      const override = options.rates?.[category];
      const named = override === undefined && options.rate !== undefined;
      return new AdaptiveRate({
        ...(named ? NAMED_RATE : {}),
        ...options.tuning,
        rate: override ?? options.rate ?? DEFAULT_RATES[category],
        clock: options.clock,
      });
    };
    this.categories = { create: make('create'), update: make('update'), read: make('read') };
  }

  acquire(category: QuotaCategory, signal?: AbortSignal): Promise<void> {
    return this.categories[category].acquire(signal);
  }

  throttled(category: QuotaCategory): void {
    this.categories[category].throttled();
  }

  rate(category: QuotaCategory): number {
    return this.categories[category].rate;
  }

  snapshot(): Record<QuotaCategory, RateSnapshot> {
    return {
      create: this.categories.create.snapshot(),
      update: this.categories.update.snapshot(),
      read: this.categories.read.snapshot(),
    };
  }
}

/** Parses `--rate`: a positive number of requests per second, or 0 / "unlimited" / "none" for no cap. */
export function parseRate(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === '0' || v === 'unlimited' || v === 'none' || v === 'off') return Infinity;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    throw new ImportUsageError(`--rate: expected requests per second (e.g. 20) or "unlimited", got ${JSON.stringify(value)}`, {
      code: 'InvalidRate',
    });
  }
  return n;
}
