// Runs validated rows against Cognito: bounded concurrency, one rate budget per quota category,
// retries, the journal, and a clean stop on Ctrl-C. Rows are pulled from the source only when a
// worker is free, so a million-row file is never held in memory (backpressure all the way down
// to the file read).
import { abortReason, systemClock, type Clock } from '../bulk/clock.js';
import type { CsvRow } from './csv-source.js';
import { ImportUsageError } from '../bulk/errors.js';
import type { Journal, RowOutcome } from '../bulk/journal.js';
import type { PoolFacts } from './pool-facts.js';
import type { RateBudget, QuotaCategory } from '../bulk/rate-budget.js';
import { emptyCounts, type FailureReport, type ImportCounts, type ImportSummary } from './report.js';
import { classifyError, errorMessage, errorName, mayHaveBeenApplied, withRetry, type RetryPolicy } from '../bulk/retry.js';
import type { InviteChannel, RowValidator, UserSpec } from './validate.js';

export type { InviteChannel } from './validate.js';
export type OnExists = 'skip' | 'update' | 'fail';

/** A user as AdminGetUser returns it. */
export interface ExistingUser {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  status?: string;
}

export interface NewUser {
  username: string;
  /** Attribute name → value, including email_verified / phone_number_verified as 'true' / 'false'. */
  attributes: Record<string, string>;
}

export interface CallOptions {
  /** Aborts the request (pass it to the SDK's `send(command, { abortSignal })`). */
  signal?: AbortSignal;
}

export interface CreateUserOptions extends CallOptions {
  /** DesiredDeliveryMediums; empty means MessageAction SUPPRESS (no invitation at all). */
  invite: readonly InviteChannel[];
  /** TemporaryPassword; the engine leaves it unset so that Cognito generates one. */
  temporaryPassword?: string;
}

/**
 * What the import engine needs from Cognito; the command implements it with the AWS SDK.
 *
 * Errors are thrown as the SDK throws them: the engine reads `name` (UsernameExistsException,
 * TooManyRequestsException…), `$metadata.httpStatusCode` and socket codes (ECONNRESET).
 * Implementations must NOT retry (build the client with maxAttempts: 1): the engine retries, paces
 * each quota category, and must see every failed attempt to recognise a create whose response was
 * lost (its retry then answers UsernameExistsException and the user counts as created).
 */
export interface ImportApi {
  /** AdminCreateUser. Throws UsernameExistsException when the user exists. Category: create. */
  createUser(user: NewUser, options: CreateUserOptions): Promise<void>;
  /** AdminSetUserPassword. Category: update. */
  setPassword(username: string, password: string, permanent: boolean, options?: CallOptions): Promise<void>;
  /** AdminAddUserToGroup (adding a member again succeeds). Category: update. */
  addToGroup(username: string, group: string, options?: CallOptions): Promise<void>;
  /** AdminUpdateUserAttributes. Category: update. */
  updateAttributes(username: string, attributes: Record<string, string>, options?: CallOptions): Promise<void>;
  /** AdminDisableUser. Category: update. */
  disableUser(username: string, options?: CallOptions): Promise<void>;
  /** AdminEnableUser. Category: update. */
  enableUser(username: string, options?: CallOptions): Promise<void>;
  /** AdminGetUser; undefined on UserNotFoundException. Category: read. */
  getUser(username: string, options?: CallOptions): Promise<ExistingUser | undefined>;
  /** GetGroup: false on ResourceNotFoundException. Category: read. */
  groupExists(group: string, options?: CallOptions): Promise<boolean>;
  /** CreateGroup (GroupExistsException counts as success). Category: update. */
  createGroup(group: string, options?: CallOptions): Promise<void>;
}

/** `--invite none|email|sms|email,sms` → delivery channels (none → [] → MessageAction SUPPRESS). */
export function parseInvite(value: string): InviteChannel[] {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === '') return [];
  const channels = new Set<InviteChannel>();
  for (const part of v.split(',')) {
    const p = part.trim();
    if (p === 'email') channels.add('EMAIL');
    else if (p === 'sms') channels.add('SMS');
    else {
      throw new ImportUsageError(`--invite: expected none, email, sms or email,sms, got ${JSON.stringify(value)}`, {
        code: 'InvalidInvite',
      });
    }
  }
  return [...channels];
}

export type RowEventOutcome = RowOutcome | 'invalid' | 'resumed';

export interface RowEvent {
  line: number;
  username?: string;
  outcome: RowEventOutcome;
  code?: string;
  message?: string;
  /** The row's cells as read. */
  cells: readonly string[];
  /** For 'created': the create's response was lost and its retry found the user (counted as created). */
  recovered?: boolean;
}

export interface ExecutorOptions {
  api: ImportApi;
  validator: RowValidator;
  budget: RateBudget;
  /** Without a journal the run is not resumable (tests, or the command's --no-journal). */
  journal?: Journal;
  /** Receives every invalid and failed row. */
  report?: FailureReport;
  concurrency?: number;
  onExists?: OnExists;
  /** Invitation channels; [] (the import default) suppresses invitations. */
  invite?: readonly InviteChannel[];
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
  /** Ctrl-C: stop taking rows, let requests in flight finish (up to drainTimeoutMs), return. */
  signal?: AbortSignal;
  /** A second Ctrl-C: abandon requests in flight at once. */
  forceSignal?: AbortSignal;
  /** Bound on the wait for in-flight rows after `signal` (default 15 s). */
  drainTimeoutMs?: number;
  onRow?: (event: RowEvent) => void;
}

const NOT_SENT = Symbol('not-sent');

class RowFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs the import. Never throws for a row; throws only if the source itself fails (bad CSV). */
export async function runImport(
  rows: AsyncIterable<CsvRow> | AsyncIterable<CsvRow[]>,
  options: ExecutorOptions,
): Promise<ImportSummary> {
  return new ImportRun(options).run(rows);
}

class ImportRun {
  private readonly api: ImportApi;
  private readonly validator: RowValidator;
  private readonly pool: PoolFacts;
  private readonly budget: RateBudget;
  private readonly journal?: Journal;
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly onExists: OnExists;
  private readonly invite: readonly InviteChannel[];
  private readonly counts: ImportCounts = emptyCounts();
  private readonly hard = new AbortController();
  private stopping = false;
  private unfinished = 0;
  private throttled = 0;
  private retried = 0;

  constructor(private readonly options: ExecutorOptions) {
    this.api = options.api;
    this.validator = options.validator;
    this.pool = options.validator.pool;
    this.budget = options.budget;
    this.journal = options.journal;
    this.clock = options.clock ?? systemClock;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
    this.onExists = options.onExists ?? 'skip';
    this.invite = options.invite ?? [];
  }

  async run(source: AsyncIterable<CsvRow> | AsyncIterable<CsvRow[]>): Promise<ImportSummary> {
    const started = this.clock.now();
    const iterator = source[Symbol.asyncIterator]() as AsyncIterator<CsvRow | CsvRow[]>;
    let pending: CsvRow[] = [];
    let exhausted = false;
    let sourceError: unknown;

    // One pull at a time: workers wait for the reader, the reader waits for the file.
    let reading: Promise<void> | undefined;
    const nextRow = async (): Promise<CsvRow | undefined> => {
      for (;;) {
        if (this.stopping || sourceError !== undefined) return undefined;
        const row = pending.pop();
        if (row) return row;
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
      this.stopping = true;
      drainTimer = this.clock
        .sleep(this.options.drainTimeoutMs ?? 15_000, drainAbort.signal)
        .then(() => this.hard.abort(new Error('interrupted')))
        .catch(() => undefined);
    };
    const onForce = () => {
      onAbort();
      this.hard.abort(new Error('interrupted'));
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (forceSignal?.aborted) onForce();
    forceSignal?.addEventListener('abort', onForce, { once: true });

    const worker = async () => {
      for (;;) {
        const row = await nextRow();
        if (!row) return;
        await this.handle(row);
      }
    };
    try {
      await Promise.all(Array.from({ length: this.concurrency }, worker));
    } finally {
      signal?.removeEventListener('abort', onAbort);
      forceSignal?.removeEventListener('abort', onForce);
      drainAbort.abort();
      await drainTimer;
      if (!exhausted || this.stopping) await iterator.return?.().catch(() => undefined);
    }
    if (sourceError !== undefined) throw sourceError;

    const elapsedMs = this.clock.now() - started;
    const c = this.counts;
    const summary: ImportSummary = {
      ...c,
      unfinished: this.unfinished,
      elapsedMs,
      usersPerSecond: elapsedMs > 0 ? ((c.created + c.updated + c.existing) * 1000) / elapsedMs : 0,
      interrupted: this.stopping,
      throttled: this.throttled,
      retried: this.retried,
      failuresFile: this.options.report?.written ? this.options.report.file : undefined,
    };
    this.journal?.end(summary);
    return summary;
  }

  private emit(event: RowEvent): void {
    this.options.onRow?.(event);
  }

  private async handle(row: CsvRow): Promise<void> {
    this.counts.rows++;
    const check = this.validator.check(row);
    if (!check.ok) {
      this.counts.invalid++;
      this.options.report?.add(row.cells, check.code, check.message);
      this.emit({ line: row.line, username: check.username, outcome: 'invalid', code: check.code, message: check.message, cells: row.cells });
      return;
    }
    const user = check.user;
    if (this.journal?.isFinished(row.line)) {
      this.counts.resumed++;
      this.emit({ line: row.line, username: user.username, outcome: 'resumed', cells: row.cells });
      return;
    }
    let outcome: RowOutcome;
    let recovered = false;
    try {
      const result = await this.processUser(user);
      if (result === NOT_SENT) return; // interrupted before anything was sent
      ({ outcome, recovered } = result);
    } catch (err) {
      if (this.hard.signal.aborted) {
        // Abandoned mid-row on interrupt: the journal shows it in flight; the re-run completes it.
        this.unfinished++;
        return;
      }
      const code = err instanceof RowFailure ? err.code : errorName(err);
      const message = err instanceof RowFailure ? err.message : errorMessage(err);
      this.counts.failed++;
      this.journal?.done(row.line, 'failed', code);
      this.options.report?.add(row.cells, code, message);
      this.emit({ line: row.line, username: user.username, outcome: 'failed', code, message, cells: row.cells });
      return;
    }
    this.counts[outcome]++;
    this.journal?.done(row.line, outcome);
    this.emit({ line: row.line, username: user.username, outcome, cells: row.cells, recovered: recovered || undefined });
  }

  /** One API call with pacing and retries. `firstSignal` may cancel the wait before the first send. */
  private async call<T>(
    category: QuotaCategory,
    fn: (signal: AbortSignal) => Promise<T>,
    hooks: { beforeSend?: (attempt: number) => void; onFailedAttempt?: (err: unknown) => void; firstSignal?: AbortSignal } = {},
  ): Promise<T> {
    const hard = this.hard.signal;
    return withRetry(
      async (attempt) => {
        await this.budget.acquire(category, attempt === 1 && hooks.firstSignal ? anySignal(hooks.firstSignal, hard) : hard);
        if (hard.aborted) throw abortReason(hard);
        hooks.beforeSend?.(attempt);
        return fn(hard);
      },
      {
        policy: this.options.retry,
        clock: this.clock,
        random: this.options.random,
        signal: hard,
        onError: (event) => {
          if (event.kind === 'throttle') {
            this.throttled++;
            this.budget.throttled(category);
          } else if (event.kind === 'transient' && event.willRetry) {
            this.retried++;
          }
          hooks.onFailedAttempt?.(event.error);
        },
      },
    );
  }

  private async processUser(user: UserSpec): Promise<{ outcome: RowOutcome; recovered: boolean } | typeof NOT_SENT> {
    const row = user.line;
    const ours = this.journal?.wasInflightBefore(row) ?? false;
    let sent = false;
    let maybeApplied = false;
    let created = false;
    let recovered = false;
    // Stop taking new work on Ctrl-C: a row still waiting for its first create slot is dropped.
    const dispatch = new AbortController();
    const stopIfStopping = () => {
      if (this.stopping && !sent) dispatch.abort(new Error('interrupted'));
    };
    stopIfStopping();
    const poll = this.options.signal;
    poll?.addEventListener('abort', stopIfStopping);
    try {
      await this.call(
        'create',
        (signal) =>
          this.api.createUser(
            { username: user.username, attributes: user.attributes },
            { invite: user.password === undefined ? this.invite : [], signal },
          ),
        {
          firstSignal: dispatch.signal,
          beforeSend: () => {
            if (!sent) this.journal?.inflight(row);
            sent = true;
          },
          onFailedAttempt: (err) => {
            if (mayHaveBeenApplied(err)) maybeApplied = true;
          },
        },
      );
      created = true;
    } catch (err) {
      if (!sent) {
        if (dispatch.signal.aborted || this.hard.signal.aborted) return NOT_SENT;
        throw err;
      }
      if (errorName(err) !== 'UsernameExistsException') throw err;
      if (maybeApplied || ours) {
        // Our own create: its response was lost (this run) or the run that sent it was stopped.
        created = true;
        recovered = true;
      }
    } finally {
      poll?.removeEventListener('abort', stopIfStopping);
    }

    if (created) {
      await this.afterCreate(user);
      return { outcome: 'created', recovered };
    }
    switch (this.onExists) {
      case 'skip':
        return { outcome: 'existing', recovered: false };
      case 'fail':
        throw new RowFailure('UsernameExistsException', `user ${user.username} already exists (--on-exists fail)`);
      case 'update':
        await this.updateExisting(user);
        return { outcome: 'updated', recovered: false };
    }
  }

  /** Password, groups and enabled state of a user this run created. */
  private async afterCreate(user: UserSpec): Promise<void> {
    const step = async (what: string, fn: (signal: AbortSignal) => Promise<void>) => {
      try {
        await this.call('update', fn);
      } catch (err) {
        if (this.hard.signal.aborted) throw err;
        const retried = classifyError(err) === 'fatal' ? '' : ' (after retries)';
        throw new RowFailure(errorName(err), `user created, but ${what} failed${retried}: ${errorMessage(err)}`);
      }
    };
    if (user.password !== undefined) {
      await step('setting the password', (signal) => this.api.setPassword(user.username, user.password!, true, { signal }));
    }
    for (const group of user.groups) {
      await step(`adding to group ${group}`, (signal) => this.api.addToGroup(user.username, group, { signal }));
    }
    if (user.enabled === false) {
      await step('disabling', (signal) => this.api.disableUser(user.username, { signal }));
    }
  }

  /** --on-exists update: changed attributes, password, groups added (never removed), enabled state. */
  private async updateExisting(user: UserSpec): Promise<void> {
    const existing = await this.call('read', (signal) => this.api.getUser(user.username, { signal }));
    if (!existing) throw new RowFailure('UserNotFoundException', `user ${user.username} exists but cannot be read back`);
    const changed: Record<string, string> = {};
    const immutable: string[] = [];
    for (const [name, value] of Object.entries(user.attributes)) {
      if (existing.attributes[name] === value) continue;
      // A pool that signs in with email/phone holds the sign-in value; comparing case-insensitively.
      if (this.pool.usernameAttributes.includes(name) && existing.attributes[name]?.toLowerCase() === value.toLowerCase()) continue;
      if (this.pool.attributes.get(name)?.mutable === false) immutable.push(name);
      else changed[name] = value;
    }
    if (immutable.length > 0) {
      throw new RowFailure(
        'AttributeNotMutable',
        `user ${user.username} exists with a different ${immutable.join(', ')}, which the pool does not allow to change`,
      );
    }
    if (Object.keys(changed).length > 0) {
      await this.call('update', (signal) => this.api.updateAttributes(user.username, changed, { signal }));
    }
    if (user.password !== undefined) {
      await this.call('update', (signal) => this.api.setPassword(user.username, user.password!, true, { signal }));
    }
    for (const group of user.groups) {
      await this.call('update', (signal) => this.api.addToGroup(user.username, group, { signal }));
    }
    if (user.enabled === false && existing.enabled) {
      await this.call('update', (signal) => this.api.disableUser(user.username, { signal }));
    } else if (user.enabled === true && !existing.enabled) {
      await this.call('update', (signal) => this.api.enableUser(user.username, { signal }));
    }
  }
}

function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  return AbortSignal.any([a, b]);
}

export interface EnsureGroupsOptions {
  api: ImportApi;
  budget: RateBudget;
  /** --create-groups: create the missing ones instead of failing. */
  create?: boolean;
  clock?: Clock;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
}

/**
 * Pre-flight for the groups column: every group must exist, or be created with --create-groups.
 * Throws ImportUsageError (exit 2, nothing created) naming the missing groups otherwise.
 */
export async function ensureGroups(groups: Iterable<string>, options: EnsureGroupsOptions): Promise<{ created: string[] }> {
  const { api, budget } = options;
  const paced = <T>(category: QuotaCategory, fn: () => Promise<T>) =>
    withRetry(
      async () => {
        await budget.acquire(category, options.signal);
        return fn();
      },
      {
        clock: options.clock,
        signal: options.signal,
        policy: options.retry,
        onError: (e) => {
          if (e.kind === 'throttle') budget.throttled(category);
        },
      },
    );
  const missing: string[] = [];
  for (const group of groups) {
    if (!(await paced('read', () => api.groupExists(group, { signal: options.signal })))) missing.push(group);
  }
  if (missing.length === 0) return { created: [] };
  if (!options.create) {
    throw new ImportUsageError(
      `${missing.length === 1 ? 'group' : 'groups'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist in the pool`,
      { code: 'GroupNotFound', hint: 'create them first (group create <name>) or pass --create-groups' },
    );
  }
  for (const group of missing) await paced('update', () => api.createGroup(group, { signal: options.signal }));
  return { created: missing };
}
