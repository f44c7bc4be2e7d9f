// The one engine behind every command that touches many users (`user import`, `group add|remove`,
// the `--from-file` user verbs): an operation per item, with bounded concurrency, one rate budget
// per Cognito quota category, retries for throttling and transient errors, the durable journal, the
// failures file and Ctrl-C in stages. Items are pulled from the source only when a worker is free,
// so a million-line input is never held in memory (backpressure all the way down to the file read).
//
// It asks and reports through its options (check, apply, onItem) and never prints.
import { abortReason, systemClock, type Clock } from './clock.js';
import type { FailureReport } from './failures.js';
import type { Journal } from './journal.js';
import type { QuotaCategory, RateBudget } from './rate-budget.js';
import { errorMessage, errorName, withRetry, type RetryPolicy } from './retry.js';

/** One line (row, record) of the input. `line` keys the journal: the same input gives the same lines. */
export interface BulkItem {
  line: number;
  /** What goes to the failures file when the item is invalid or fails. */
  cells: readonly string[];
}

/** An item that cannot be sent at all (found before any request): counted as invalid. */
export interface Rejection {
  ok: false;
  code: string;
  message: string;
  /** The user it names, when known (for the per-item event). */
  username?: string;
}

export type Check<V> = { ok: true; value: V; username: string } | Rejection;

/** How an item ended, as the operation names it: created, existing, done, skipped… */
export interface Applied {
  outcome: string;
  /** The first request's response was lost and its retry found the work done (counted as done). */
  recovered?: boolean;
}

/** A failure the operation describes itself (instead of the AWS error it caught). */
export class ItemFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CallHooks {
  /** Sees every failed attempt of this call (e.g. to note that a create may have been applied). */
  onFailedAttempt?: (err: unknown) => void;
}

/** What an operation may do for one item. */
export interface ItemContext {
  /**
   * One paced, retried request. The first call of an item is its dispatch: an item still waiting for
   * that first slot when Ctrl-C comes is dropped unsent, and the journal marks the item in flight
   * just before its first request goes out.
   */
  call<T>(category: QuotaCategory, fn: (signal: AbortSignal) => Promise<T>, hooks?: CallHooks): Promise<T>;
  /** An earlier run sent this item's first request and recorded no outcome for it. */
  readonly inflightBefore: boolean;
  /** The item's first request has gone out. */
  readonly sent: boolean;
  /** Aborted when requests in flight are abandoned (second Ctrl-C, drain time-out). */
  readonly abandoned: AbortSignal;
}

export type ItemEventOutcome = string;

export interface ItemEvent {
  line: number;
  username?: string;
  /** The operation's outcome, or 'invalid', 'failed', 'resumed'. */
  outcome: ItemEventOutcome;
  code?: string;
  message?: string;
  cells: readonly string[];
  recovered?: boolean;
}

export interface BulkCounts {
  /** Items read (valid and invalid). */
  items: number;
  /** Finished items by outcome (created, done, skipped…). */
  outcomes: Record<string, number>;
  invalid: number;
  failed: number;
  /** Finished by an earlier run (the journal says so): not sent again. */
  resumed: number;
}

export interface BulkSummary extends BulkCounts {
  /** Items that were being worked on when the run was interrupted (the journal has them). */
  unfinished: number;
  elapsedMs: number;
  /** Items finished by this run per second. */
  perSecond: number;
  /** Ctrl-C (or another abort) stopped the run before the end of the input. */
  interrupted: boolean;
  /** Throttling responses received, and transient failures retried. */
  throttled: number;
  retried: number;
  /** The failures file, when any item was invalid or failed. */
  failuresFile?: string;
}

export interface BulkOptions<I extends BulkItem, V> {
  /** The input, one item or a batch at a time. */
  items: AsyncIterable<I> | AsyncIterable<I[]>;
  /** Turns an item into what `apply` needs, or rejects it (never sent). */
  check: (item: I) => Check<V>;
  /** The operation for one item. Throws to fail the item (an ItemFailure names its own code). */
  apply: (value: V, op: ItemContext, item: I) => Promise<Applied>;
  budget: RateBudget;
  /** Without a journal the run is not resumable. */
  journal?: Journal;
  /** Receives every invalid and failed item. */
  report?: FailureReport;
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
  /** Ctrl-C: stop taking items, let requests in flight finish (up to drainTimeoutMs), return. */
  signal?: AbortSignal;
  /** A second Ctrl-C: abandon requests in flight at once. */
  forceSignal?: AbortSignal;
  /** Bound on the wait for in-flight items after `signal` (default 15 s). */
  drainTimeoutMs?: number;
  onItem?: (event: ItemEvent) => void;
}

/** Runs the operation over every item. Never throws for an item; throws only if the source fails. */
export async function runBulk<I extends BulkItem, V>(options: BulkOptions<I, V>): Promise<BulkSummary> {
  return new BulkRun(options).run();
}

const interrupted = () => new Error('interrupted');

class BulkRun<I extends BulkItem, V> {
  private readonly clock: Clock;
  private readonly counts: BulkCounts = { items: 0, outcomes: {}, invalid: 0, failed: 0, resumed: 0 };
  /** The items being worked on (each with its own signals). */
  private readonly active = new Set<Dispatch>();
  private stopped = false;
  private abandonedAll = false;
  private unfinished = 0;
  private throttled = 0;
  private retried = 0;

  constructor(private readonly options: BulkOptions<I, V>) {
    this.clock = options.clock ?? systemClock;
  }

  private get stopping(): boolean {
    return this.stopped;
  }

  /** First Ctrl-C: take no more items; those waiting for their first slot are dropped unsent. */
  private stop(): void {
    this.stopped = true;
    for (const item of this.active) item.stop();
  }

  /** Second Ctrl-C or the drain time-out: abandon the requests in flight. */
  private abandonAll(): void {
    this.stop();
    this.abandonedAll = true;
    for (const item of this.active) item.abandonNow();
  }

  async run(): Promise<BulkSummary> {
    const started = this.clock.now();
    const iterator = this.options.items[Symbol.asyncIterator]() as AsyncIterator<I | I[]>;
    let pending: I[] = [];
    let exhausted = false;
    let sourceError: unknown;

    // One pull at a time: workers wait for the reader, the reader waits for the file.
    let reading: Promise<void> | undefined;
    const nextItem = async (): Promise<I | undefined> => {
      for (;;) {
        if (this.stopping || sourceError !== undefined) return undefined;
        const item = pending.pop();
        if (item) return item;
        if (exhausted) return undefined;
        if (!reading) {
          reading = (async () => {
            try {
              const next = await iterator.next();
              if (next.done) exhausted = true;
              else pending = Array.isArray(next.value) ? next.value.slice().reverse() : [next.value];
            } catch (err) {
              sourceError = err;
            } finally {
              reading = undefined;
            }
          })();
        }
        await reading;
      }
    };

    const { signal, forceSignal } = this.options;
    let drainTimer: Promise<void> | undefined;
    const drainAbort = new AbortController();
    const onAbort = () => {
      if (this.stopping) return;
      this.stop();
      drainTimer = this.clock
        .sleep(this.options.drainTimeoutMs ?? 15_000, drainAbort.signal)
        .then(() => this.abandonAll())
        .catch(() => undefined);
    };
    const onForce = () => {
      onAbort();
      this.abandonAll();
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (forceSignal?.aborted) onForce();
    forceSignal?.addEventListener('abort', onForce, { once: true });

    const concurrency = Math.max(1, Math.floor(this.options.concurrency ?? 8));
    const worker = async () => {
      for (;;) {
        const item = await nextItem();
        if (!item) return;
        await this.handle(item);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      signal?.removeEventListener('abort', onAbort);
      forceSignal?.removeEventListener('abort', onForce);
      drainAbort.abort();
      await drainTimer;
      if (!exhausted || this.stopping) await iterator.return?.().catch(() => undefined);
    }
    if (sourceError !== undefined) throw sourceError;

    const elapsedMs = this.clock.now() - started;
    const finished = Object.values(this.counts.outcomes).reduce((a, b) => a + b, 0);
    const summary: BulkSummary = {
      ...this.counts,
      unfinished: this.unfinished,
      elapsedMs,
      perSecond: elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0,
      interrupted: this.stopping,
      throttled: this.throttled,
      retried: this.retried,
      failuresFile: this.options.report?.written ? this.options.report.file : undefined,
    };
    this.options.journal?.end(summary);
    return summary;
  }

  private emit(event: ItemEvent): void {
    this.options.onItem?.(event);
  }

  private async handle(item: I): Promise<void> {
    const { journal, report } = this.options;
    this.counts.items++;
    const check = this.options.check(item);
    if (!check.ok) {
      this.counts.invalid++;
      report?.add(item.cells, check.code, check.message);
      this.emit({ line: item.line, username: check.username, outcome: 'invalid', code: check.code, message: check.message, cells: item.cells });
      return;
    }
    const username = check.username;
    if (journal?.isFinished(item.line)) {
      this.counts.resumed++;
      this.emit({ line: item.line, username, outcome: 'resumed', cells: item.cells });
      return;
    }
    const op = new Dispatch(this as unknown as BulkRun<BulkItem, unknown>, item.line, journal?.wasInflightBefore(item.line) ?? false);
    if (this.abandonedAll) op.abandonNow();
    this.active.add(op);
    let applied: Applied;
    try {
      applied = await this.options.apply(check.value, op, item);
    } catch (err) {
      if (!op.sent && this.stopping) return; // dropped on Ctrl-C before anything was sent
      if (op.abandoned.aborted) {
        // Abandoned mid-item on interrupt: the journal shows it in flight; the re-run completes it.
        this.unfinished++;
        return;
      }
      const code = err instanceof ItemFailure ? err.code : errorName(err);
      const message = err instanceof ItemFailure ? err.message : errorMessage(err);
      this.counts.failed++;
      journal?.done(item.line, 'failed', code);
      report?.add(item.cells, code, message);
      this.emit({ line: item.line, username, outcome: 'failed', code, message, cells: item.cells });
      return;
    } finally {
      this.active.delete(op);
    }
    this.counts.outcomes[applied.outcome] = (this.counts.outcomes[applied.outcome] ?? 0) + 1;
    journal?.done(item.line, applied.outcome);
    this.emit({ line: item.line, username, outcome: applied.outcome, cells: item.cells, recovered: applied.recovered || undefined });
  }

  /** Paces and retries one request of an item (see Dispatch.call). */
  async call<T>(item: Dispatch, category: QuotaCategory, fn: (signal: AbortSignal) => Promise<T>, hooks: CallHooks): Promise<T> {
    const { budget } = this.options;
    const abandoned = item.abandoned;
    return withRetry(
      async (attempt) => {
        const first = !item.sent && attempt === 1;
        const waitSignal = first ? item.undispatched : abandoned;
        await budget.acquire(category, waitSignal);
        if (waitSignal.aborted) throw abortReason(waitSignal);
        if (abandoned.aborted) throw abortReason(abandoned);
        if (first) item.markSent();
        return fn(abandoned);
      },
      {
        policy: this.options.retry,
        clock: this.clock,
        random: this.options.random,
        signal: abandoned,
        onError: (event) => {
          if (event.kind === 'throttle') {
            this.throttled++;
            budget.throttled(category);
          } else if (event.kind === 'transient' && event.willRetry) {
            this.retried++;
          }
          hooks.onFailedAttempt?.(event.error);
        },
      },
    );
  }

  markInflight(line: number): void {
    this.options.journal?.inflight(line);
  }
}

/**
 * The ItemContext of one item. Each item has signals of its own, aborted by the run when it stops:
 * one signal shared by every request in flight would collect a listener per request and retry
 * wait (Node warns beyond ten: MaxListenersExceededWarning).
 */
class Dispatch implements ItemContext {
  sent = false;
  private readonly abandon = new AbortController();
  private readonly undispatch = new AbortController();

  constructor(
    private readonly runner: BulkRun<BulkItem, unknown>,
    private readonly line: number,
    readonly inflightBefore: boolean,
  ) {}

  get abandoned(): AbortSignal {
    return this.abandon.signal;
  }

  /** Aborted when the run stops taking work: the first request's wait for a slot ends. */
  get undispatched(): AbortSignal {
    return this.undispatch.signal;
  }

  stop(): void {
    if (!this.sent) this.undispatch.abort(interrupted());
  }

  abandonNow(): void {
    this.undispatch.abort(interrupted());
    this.abandon.abort(interrupted());
  }

  markSent(): void {
    if (this.sent) return;
    this.runner.markInflight(this.line);
    this.sent = true;
  }

  call<T>(category: QuotaCategory, fn: (signal: AbortSignal) => Promise<T>, hooks: CallHooks = {}): Promise<T> {
    return this.runner.call(this, category, fn, hooks);
  }
}
