// One rate budget per Cognito quota category. Cognito meters user creation (AdminCreateUser) and
// user resource updates (AdminAddUserToGroup, AdminSetUserPassword, AdminUpdateUserAttributes,
// AdminDisableUser…) as separate quotas, 50 and 25 requests/s by default per account, plus a read
// category (AdminGetUser, GetGroup; 120/s). Each category is paced independently.
//
// Pacing is GCRA (a token bucket expressed as a "theoretical arrival time"): every acquire() books
// the next slot, FIFO, with a small burst allowance, so concurrent workers share the rate fairly
// and nobody polls. Throttling adapts it (AIMD): a TooManyRequestsException cuts the category's
// rate in proportion to the share of requests throttled since the last cut — by half at most, and
// at most once per cool-down window, so a volley of throttles from requests already in flight
// counts once — and the rate climbs back additively to the configured ceiling. Cutting by the
// share rather than by half each time keeps an occasional throttle (a busy account, a noisy
// neighbour) from dragging the pace down to the floor, while a pace well over the quota, where
// most requests are throttled, still halves every window. A ceiling of Infinity means "no cap":
// the first throttle then starts from the rate actually observed.
import { systemClock, type Clock } from './clock.js';
import { ImportUsageError } from './errors.js';

export type QuotaCategory = 'create' | 'update' | 'read';

export const DEFAULT_RATES: Readonly<Record<QuotaCategory, number>> = { create: 50, update: 25, read: 120 };

export interface AdaptiveRateOptions {
  /** Requests per second; Infinity for no cap. */
  rate: number;
  clock?: Clock;
  /** Requests allowed back to back after an idle period (default: a fifth of a second's worth, ≥ 1). */
  burst?: number;
  /** Floor for the adapted rate (default 1/s). */
  minRate?: number;
  /** The deepest multiplicative decrease, when every request since the last cut was throttled (default 0.5). */
  decrease?: number;
  /** Additive increase per second once recovering (default: a tenth of the ceiling per second). */
  increasePerSecond?: number;
  /** Quiet time after a throttle before the rate climbs again (default 0: it climbs at once). */
  holdMs?: number;
  /** Throttles closer together than this count as one (default 1 s). */
  cooldownMs?: number;
}

export interface RateSnapshot {
  /** Current pace, requests/s (Infinity when uncapped and never throttled). */
  rate: number;
  ceiling: number;
  throttles: number;
  acquired: number;
}

export class AdaptiveRate {
  private readonly clock: Clock;
  readonly ceiling: number;
  private current: number;
  private readonly minRate: number;
  private readonly decrease: number;
  private readonly increase?: number;
  private readonly holdMs: number;
  private readonly cooldownMs: number;
  private readonly burst?: number;
  private tat = -Infinity; // theoretical arrival time of the next request
  private lastThrottle = -Infinity;
  private lastCut = -Infinity;
  private lastAdjust = 0;
  private throttles = 0;
  private acquired = 0;
  /** Requests and throttles since the last cut: the share throttled sets the next cut's depth. */
  private windowAcquired = 0;
  private windowThrottles = 0;
  /** Acquire times within the last second, to know the real rate when uncapped. */
  private recent: number[] = [];

  constructor(options: AdaptiveRateOptions) {
    if (!(options.rate > 0)) throw new RangeError(`rate must be > 0, got ${options.rate}`);
    this.clock = options.clock ?? systemClock;
    this.ceiling = options.rate;
    this.current = options.rate;
    this.minRate = options.minRate ?? 1;
    this.decrease = options.decrease ?? 0.5;
    this.increase = options.increasePerSecond;
    this.holdMs = options.holdMs ?? 0;
    this.cooldownMs = options.cooldownMs ?? 1000;
    this.burst = options.burst;
    this.lastAdjust = this.clock.now();
  }

  get rate(): number {
    return this.current;
  }

  snapshot(): RateSnapshot {
    return { rate: this.current, ceiling: this.ceiling, throttles: this.throttles, acquired: this.acquired };
  }

  /** Waits for this category's next slot. Rejects at once when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.recover(now);
    this.acquired++;
    this.windowAcquired++;
    if (this.current === Infinity) {
      this.note(now);
      return Promise.resolve();
    }
    const interval = 1000 / this.current;
    const burst = this.burst ?? Math.max(1, Math.floor(this.current / 5));
    const tolerance = interval * (burst - 1);
    if (this.tat < now - tolerance) this.tat = now - tolerance;
    const at = this.tat;
    this.tat += interval;
    const wait = at - now;
    if (this.ceiling === Infinity) this.note(Math.max(now, at));
    return wait > 0 ? this.clock.sleep(wait, signal) : Promise.resolve();
  }

  /** Reports a throttling response for a request of this category. */
  throttled(): void {
    const now = this.clock.now();
    this.throttles++;
    this.windowThrottles++;
    this.lastThrottle = now;
    // Responses to requests sent at the old pace arrive together: one cut per cool-down window.
    if (now - this.lastCut < this.cooldownMs) return;
    this.lastCut = now;
    const share = this.windowThrottles / Math.max(this.windowAcquired, this.windowThrottles);
    this.windowAcquired = 0;
    this.windowThrottles = 0;
    if (this.current === Infinity) this.uncapAt = Math.max(this.observedRate(now), this.minRate * 2);
    const base = this.current === Infinity ? this.uncapAt : this.current;
    this.current = Math.max(this.minRate, base * Math.max(this.decrease, 1 - share));
    this.lastAdjust = now;
    // Requests already booked keep their slots; the next ones wait at the new pace.
    this.tat = Math.max(this.tat, now + 1000 / this.current);
  }

  private recover(now: number): void {
    if (this.current >= this.ceiling) return;
    if (now - this.lastThrottle < this.holdMs) {
      this.lastAdjust = now;
      return;
    }
    const step = this.increase ?? (this.ceiling === Infinity ? Math.max(1, this.current / 10) : this.ceiling / 10);
    const next = this.current + (step * (now - this.lastAdjust)) / 1000;
    this.lastAdjust = now;
    if (this.ceiling === Infinity) {
      // Uncapped: climb back to the rate that was running when throttling began, then drop the cap.
      this.current = next >= this.uncapAt ? Infinity : next;
    } else {
      this.current = Math.min(this.ceiling, next);
    }
  }

  /** When uncapped: the observed rate at the first throttle, where the cap is lifted again. */
  private uncapAt = Infinity;

  private note(t: number): void {
    // A queue of the last second's acquire times (head index, compacted now and then).
    const recent = this.recent;
    recent.push(t);
    while (this.recentHead < recent.length && recent[this.recentHead]! < t - 1000) this.recentHead++;
    if (this.recentHead > 1024 && this.recentHead * 2 > recent.length) {
      recent.splice(0, this.recentHead);
      this.recentHead = 0;
    }
  }

  private recentHead = 0;

  private observedRate(now: number): number {
    let n = 0;
    for (let i = this.recentHead; i < this.recent.length; i++) if (this.recent[i]! >= now - 1000) n++;
    return n;
  }
}

export interface RateBudgetOptions {
  /**
   * `--rate`: requests per second for every category (the defaults are the account quotas, which
   * can be raised with AWS). Infinity for no cap.
   */
  rate?: number;
  /** Per-category overrides, applied after `rate`. */
  rates?: Partial<Record<QuotaCategory, number>>;
  clock?: Clock;
  /** Passed to every category's AdaptiveRate. */
  tuning?: Omit<AdaptiveRateOptions, 'rate' | 'clock'>;
}

export class RateBudget {
  private readonly categories: Record<QuotaCategory, AdaptiveRate>;

  constructor(options: RateBudgetOptions = {}) {
    const make = (category: QuotaCategory) =>
      new AdaptiveRate({
        ...options.tuning,
        rate: options.rates?.[category] ?? options.rate ?? DEFAULT_RATES[category],
        clock: options.clock,
      });
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
