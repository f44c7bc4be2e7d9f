// Shared test doubles for the import engine: fake time, an in-memory Cognito with fault injection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Clock } from '../../../src/bulk/clock.js';
import type { CallOptions, CreateUserOptions, ExistingUser, ImportApi, NewUser } from '../../../src/import/executor.js';

export function tempDir(prefix = 'import-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readable(text: string | Buffer, chunkSize?: number): Readable {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  if (!chunkSize) return Readable.from([buf]);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Virtual time: sleeps resolve only when the test advances the clock (or run() does it). */
export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer: Timer = {
        at: this.t + ms,
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await macrotask();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.t = target;
    await macrotask();
  }

  /** Runs `promise` to completion, jumping time to the next timer whenever everything waits. */
  async run<T>(promise: Promise<T>, limitMs = 24 * 3600 * 1000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    let idle = 0;
    while (!settled) {
      await macrotask();
      if (settled) break;
      const next = this.earliest();
      if (!next) {
        // Waiting on real I/O (a file read): give it real time.
        if (++idle > 10_000) throw new Error('FakeClock.run: nothing to do and the promise never settles');
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      idle = 0;
      if (next.at > limitMs) throw new Error('FakeClock.run: time limit reached');
      this.fire(next);
    }
    return promise;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((x) => x !== timer);
    if (timer.at > this.t) this.t = timer.at;
    timer.resolve();
  }
}

/** Deterministic random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultKind = 'throttle' | 'error500' | 'reset' | 'lost';

export interface FaultRule {
  /** ImportApi method name; all methods when absent. */
  method?: keyof ImportApi;
  kind: FaultKind;
  /** Chance per call (default 1). */
  probability?: number;
  /** How many times the rule may fire (default unlimited). */
  times?: number;
  /** Extra condition on the call. */
  when?: (call: ApiCall) => boolean;
}

export interface ApiCall {
  method: keyof ImportApi;
  args: unknown[];
  at: number;
}

export interface StoredUser {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  groups: Set<string>;
  password?: string;
  permanentPassword: boolean;
  invite: string[];
  createdAt: number;
}

function awsError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}

function resetError(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/**
 * An in-memory Cognito behind the ImportApi interface, with injectable throttling, 500s,
 * connections reset before the request is applied, and responses lost after it was applied.
 */
export class FakeCognito implements ImportApi {
  readonly users = new Map<string, StoredUser>();
  readonly groups = new Set<string>();
  readonly calls: ApiCall[] = [];
  readonly faultsFired: Record<FaultKind, number> = { throttle: 0, error500: 0, reset: 0, lost: 0 };
  /** Max simultaneous calls seen. */
  maxInFlight = 0;
  private inFlight = 0;
  rules: FaultRule[] = [];

  constructor(
    private readonly options: {
      clock?: FakeClock;
      /** Simulated latency per call (virtual ms). */
      latencyMs?: number;
      random?: () => number;
      caseSensitive?: boolean;
      groups?: string[];
      /** Called with each call before it is applied (tests use it to abort mid-run). */
      onCall?: (call: ApiCall) => void;
    } = {},
  ) {
    for (const g of options.groups ?? []) this.groups.add(g);
  }

  key(username: string): string {
    return this.options.caseSensitive === false ? username.toLowerCase() : username;
  }

  callsTo(method: keyof ImportApi): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private async perform<T>(method: keyof ImportApi, args: unknown[], signal: AbortSignal | undefined, apply: () => T): Promise<T> {
    const call: ApiCall = { method, args, at: this.options.clock?.now() ?? 0 };
    this.calls.push(call);
    this.options.onCall?.(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.options.latencyMs && this.options.clock) await this.options.clock.sleep(this.options.latencyMs, signal);
      const random = this.options.random ?? Math.random;
      for (const rule of this.rules) {
        if (rule.method && rule.method !== method) continue;
        if (rule.times !== undefined && rule.times <= 0) continue;
        if (rule.when && !rule.when(call)) continue;
        if ((rule.probability ?? 1) < 1 && random() >= (rule.probability ?? 1)) continue;
        if (rule.times !== undefined) rule.times--;
        this.faultsFired[rule.kind]++;
        switch (rule.kind) {
          case 'throttle':
            throw awsError('TooManyRequestsException', 400, 'Rate exceeded');
          case 'error500':
            throw awsError('InternalErrorException', 500, 'Internal error');
          case 'reset':
            throw resetError();
          case 'lost':
            apply();
            throw resetError();
        }
      }
      return apply();
    } finally {
      this.inFlight--;
    }
  }

  createUser(user: NewUser, options: CreateUserOptions): Promise<void> {
    return this.perform('createUser', [user, options], options.signal, () => {
      const k = this.key(user.username);
      if (this.users.has(k)) throw awsError('UsernameExistsException', 400, 'User account already exists');
      this.users.set(k, {
        username: user.username,
        attributes: { ...user.attributes },
        enabled: true,
        groups: new Set(),
        permanentPassword: false,
        invite: [...options.invite],
        createdAt: this.options.clock?.now() ?? 0,
      });
    });
  }

  private get(username: string): StoredUser {
    const u = this.users.get(this.key(username));
    if (!u) throw awsError('UserNotFoundException', 400, 'User does not exist.');
    return u;
  }

  setPassword(username: string, password: string, permanent: boolean, options?: CallOptions): Promise<void> {
    return this.perform('setPassword', [username, '****', permanent], options?.signal, () => {
      const u = this.get(username);
      u.password = password;
      u.permanentPassword = permanent;
    });
  }

  addToGroup(username: string, group: string, options?: CallOptions): Promise<void> {
    return this.perform('addToGroup', [username, group], options?.signal, () => {
      if (!this.groups.has(group)) throw awsError('ResourceNotFoundException', 400, 'Group not found.');
      this.get(username).groups.add(group);
    });
  }

  updateAttributes(username: string, attributes: Record<string, string>, options?: CallOptions): Promise<void> {
    return this.perform('updateAttributes', [username, attributes], options?.signal, () => {
      Object.assign(this.get(username).attributes, attributes);
    });
  }

  disableUser(username: string, options?: CallOptions): Promise<void> {
    return this.perform('disableUser', [username], options?.signal, () => {
      this.get(username).enabled = false;
    });
  }

  enableUser(username: string, options?: CallOptions): Promise<void> {
    return this.perform('enableUser', [username], options?.signal, () => {
      this.get(username).enabled = true;
    });
  }

  getUser(username: string, options?: CallOptions): Promise<ExistingUser | undefined> {
    return this.perform('getUser', [username], options?.signal, () => {
      const u = this.users.get(this.key(username));
      return u ? { username: u.username, attributes: { ...u.attributes }, enabled: u.enabled } : undefined;
    });
  }

  groupExists(group: string, options?: CallOptions): Promise<boolean> {
    return this.perform('groupExists', [group], options?.signal, () => this.groups.has(group));
  }

  createGroup(group: string, options?: CallOptions): Promise<void> {
    return this.perform('createGroup', [group], options?.signal, () => {
      this.groups.add(group);
    });
  }

  /** The pool's contents in a comparable form. */
  snapshot(): Array<{ username: string; attributes: Record<string, string>; enabled: boolean; groups: string[] }> {
    return [...this.users.values()]
      .map((u) => ({
        username: u.username,
        attributes: Object.fromEntries(Object.entries(u.attributes).sort(([a], [b]) => (a < b ? -1 : 1))),
        enabled: u.enabled,
        groups: [...u.groups].sort(),
      }))
      .sort((a, b) => (a.username < b.username ? -1 : 1));
  }
}
