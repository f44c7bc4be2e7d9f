// The import's operation on the bulk engine (src/bulk/engine.ts): what one validated row does in
// Cognito — the create, a lost create recognised on its retry, password, groups, enabled state,
// --on-exists — and the groups pre-flight.
import type { Clock } from '../bulk/clock.js';
import { ItemFailure, runBulk, type BulkOptions, type ItemContext, type ItemEvent } from '../bulk/engine.js';
import type { CsvRow } from './csv-source.js';
import { ImportUsageError } from '../bulk/errors.js';
import type { RowOutcome } from '../bulk/journal.js';
import type { PoolFacts } from './pool-facts.js';
import type { RateBudget, QuotaCategory } from '../bulk/rate-budget.js';
import type { ImportSummary } from './report.js';
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
  /** Whether the group exists (the SDK implementation looks it up in one ListGroups listing). Category: read. */
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

/** The engine's per-item event, with the import's outcomes. */
export interface RowEvent extends ItemEvent {
  outcome: RowEventOutcome;
}

/** The engine's options (budget, journal, report, concurrency, retries, Ctrl-C…) and the import's own. */
export interface ExecutorOptions extends Omit<BulkOptions<CsvRow, UserSpec>, 'items' | 'check' | 'apply' | 'onItem'> {
  api: ImportApi;
  validator: RowValidator;
  /** Groups that do not exist (and are not created): a row naming one fails, nothing is sent for it. */
  missingGroups?: ReadonlySet<string>;
  onExists?: OnExists;
  /** Invitation channels; [] (the import default) suppresses invitations. */
  invite?: readonly InviteChannel[];
  onRow?: (event: RowEvent) => void;
}

/** Runs the import on the bulk engine. Never throws for a row; throws only if the source itself fails (bad CSV). */
export async function runImport(
  rows: AsyncIterable<CsvRow> | AsyncIterable<CsvRow[]>,
  options: ExecutorOptions,
): Promise<ImportSummary> {
  const { validator, missingGroups } = options;
  const steps = new ImportSteps(options);
  const { api: _api, validator: _validator, missingGroups: _missing, onExists: _onExists, invite: _invite, onRow, ...engine } = options;
  const summary = await runBulk<CsvRow, UserSpec>({
    ...engine,
    items: rows,
    check: (row) => {
      const check = validator.check(row);
      return check.ok ? { ok: true, value: check.user, username: check.user.username } : check;
    },
    apply: (user, op) => {
      // A group that does not exist fails its rows only (nothing is sent for them), as any row error.
      const missing = missingGroups?.size ? user.groups.filter((g) => missingGroups.has(g)) : [];
      if (missing.length > 0) {
        const one = missing.length === 1;
        return Promise.reject(
          new ItemFailure(
            'GroupNotFound',
            `${one ? 'group' : 'groups'} ${missing.join(', ')} ${one ? 'does' : 'do'} not exist in the pool (create ${one ? 'it' : 'them'} or pass --create-groups)`,
          ),
        );
      }
      return steps.processUser(user, op);
    },
    onItem: onRow as ((event: ItemEvent) => void) | undefined,
  });
  const { outcomes, items, perSecond, ...rest } = summary;
  return {
    ...rest,
    created: outcomes.created ?? 0,
    updated: outcomes.updated ?? 0,
    existing: outcomes.existing ?? 0,
    rows: items,
    usersPerSecond: perSecond,
  };
}

/** What one row does: the create, then password, groups and enabled state, or the update. */
class ImportSteps {
  private readonly api: ImportApi;
  private readonly pool: PoolFacts;
  private readonly onExists: OnExists;
  private readonly invite: readonly InviteChannel[];

  constructor(options: ExecutorOptions) {
    this.api = options.api;
    this.pool = options.validator.pool;
    this.onExists = options.onExists ?? 'skip';
    this.invite = options.invite ?? [];
  }

  async processUser(user: UserSpec, op: ItemContext): Promise<{ outcome: RowOutcome; recovered: boolean }> {
    let maybeApplied = false;
    let created = false;
    let recovered = false;
    try {
      await op.call(
        'create',
        (signal) =>
          this.api.createUser(
            { username: user.username, attributes: user.attributes },
            { invite: user.password === undefined ? this.invite : [], signal },
          ),
        {
          onFailedAttempt: (err) => {
            if (mayHaveBeenApplied(err)) maybeApplied = true;
          },
        },
      );
      created = true;
    } catch (err) {
      if (!op.sent || errorName(err) !== 'UsernameExistsException') throw err;
      if (maybeApplied || op.inflightBefore) {
        // Our own create: its response was lost (this run) or the run that sent it was stopped.
        created = true;
        recovered = true;
      }
    }

    if (created) {
      await this.afterCreate(user, op);
      return { outcome: 'created', recovered };
    }
    switch (this.onExists) {
      case 'skip':
        return { outcome: 'existing', recovered: false };
      case 'fail':
        throw new ItemFailure('UsernameExistsException', `user ${user.username} already exists (--on-exists fail)`);
      case 'update':
        await this.updateExisting(user, op);
        return { outcome: 'updated', recovered: false };
    }
  }

  /** Password, groups and enabled state of a user this run created. */
  private async afterCreate(user: UserSpec, op: ItemContext): Promise<void> {
    const step = async (what: string, fn: (signal: AbortSignal) => Promise<void>) => {
      try {
        await op.call('update', fn);
      } catch (err) {
        if (op.abandoned.aborted) throw err;
        const retried = classifyError(err) === 'fatal' ? '' : ' (after retries)';
        throw new ItemFailure(errorName(err), `user created, but ${what} failed${retried}: ${errorMessage(err)}`);
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
  private async updateExisting(user: UserSpec, op: ItemContext): Promise<void> {
    const existing = await op.call('read', (signal) => this.api.getUser(user.username, { signal }));
    if (!existing) throw new ItemFailure('UserNotFoundException', `user ${user.username} exists but cannot be read back`);
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
      throw new ItemFailure(
        'AttributeNotMutable',
        `user ${user.username} exists with a different ${immutable.join(', ')}, which the pool does not allow to change`,
      );
    }
    if (Object.keys(changed).length > 0) {
      await op.call('update', (signal) => this.api.updateAttributes(user.username, changed, { signal }));
    }
    if (user.password !== undefined) {
      await op.call('update', (signal) => this.api.setPassword(user.username, user.password!, true, { signal }));
    }
    for (const group of user.groups) {
      await op.call('update', (signal) => this.api.addToGroup(user.username, group, { signal }));
    }
    if (user.enabled === false && existing.enabled) {
      await op.call('update', (signal) => this.api.disableUser(user.username, { signal }));
    } else if (user.enabled === true && !existing.enabled) {
      await op.call('update', (signal) => this.api.enableUser(user.username, { signal }));
    }
  }
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
 * Pre-flight for the groups column: which groups do not exist. With --create-groups they are
 * created; otherwise they are returned, and each row naming one becomes a row error.
 */
export async function ensureGroups(groups: Iterable<string>, options: EnsureGroupsOptions): Promise<{ created: string[]; missing: string[] }> {
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
  if (missing.length === 0 || !options.create) return { created: [], missing };
  for (const group of missing) await paced('update', () => api.createGroup(group, { signal: options.signal }));
  return { created: missing, missing: [] };
}
