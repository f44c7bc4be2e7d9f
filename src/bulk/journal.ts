// The durable record of a bulk run (an import, a bulk delete…), so that a re-run after Ctrl-C, a
// crash or kill -9 continues where it stopped, does nothing twice and loses no item.
//
// One append-only file per (input content, pool, region/endpoint, operation): its name is the
// sha256 of these, so a changed file gets a new journal and is never mistaken for the one that
// ran before.
// One JSON object per line:
//   {"type":"run","v":1,"file":"<sha256>","pool":"…","endpoint":"…","source":"users.csv","started":"…","pid":…}
//   {"r":12,"s":"inflight"}                 written BEFORE the first request for row 12 is sent
//   {"r":12,"s":"created"}                  after the row finished (created|updated|existing|done|skipped|failed)
//   {"r":13,"s":"failed","code":"InvalidParameterException"}
//   {"type":"end","at":"…","summary":{…}}
// Lines are written with writeSync as they happen, so they survive the process being killed; they
// are fdatasync'ed at most every `syncIntervalMs` and on close, which bounds what a power cut or
// kernel crash can lose (a lost `inflight` line is still safe: the re-run's create answers
// UsernameExists and the row counts as existing, never as a duplicate).
//
// Re-run rules: rows whose last outcome is anything but failed are skipped ("resumed");
// failed rows are tried again; a row that was in flight in an earlier run and whose create now
// answers UsernameExistsException was created by that run and counts as created.
//
// Loading keeps one byte per row (a Uint8Array indexed by row number), 1 MB for a million rows.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JournalLockedError } from './errors.js';

export interface JournalKey {
  /** sha256 (hex) of the CSV file's bytes. */
  fileSha256: string;
  poolId: string;
  /** The region, or the endpoint URL when talking to an emulator. */
  endpoint: string;
  /**
   * What is done to each item (`user delete`, `group add admins`…): the same list of users gives a
   * journal per operation. Absent for `user import`, whose journals keep their names.
   */
  operation?: string;
}

/** The import's outcomes, then the other bulk verbs' (done, skipped): 3 bits in the state byte. */
export type FinishedOutcome = 'created' | 'updated' | 'existing' | 'done' | 'skipped';
export type RowOutcome = FinishedOutcome | 'failed';

const OUTCOMES: readonly RowOutcome[] = ['created', 'updated', 'existing', 'failed', 'done', 'skipped'];
const FAILED = OUTCOMES.indexOf('failed') + 1;
const PREV_INFLIGHT = 1;
const OUTCOME_SHIFT = 1; // bits 1-3: outcome index + 1 from earlier runs
const OUTCOME_MASK = 0b1110;
const RUN_INFLIGHT = 16;

export function journalId(key: JournalKey): string {
  const operation = key.operation === undefined ? '' : `\0${key.operation}`;
  return createHash('sha256').update(`v1\0${key.fileSha256}\0${key.poolId}\0${key.endpoint}${operation}`).digest('hex');
}

export interface JournalOptions {
  /** Ignore (and remove) what an earlier run recorded. */
  fresh?: boolean;
  /** Longest time between fdatasync calls (default 1000 ms). */
  syncIntervalMs?: number;
  /** Shown in the run header (the file name the user gave). */
  source?: string;
  now?: () => number;
}

export interface JournalHistory {
  /** Earlier runs recorded in this journal. */
  runs: number;
  /** Rows finished (created/updated/existing) by earlier runs. */
  finished: number;
  /** Rows that failed in the last earlier run that tried them. */
  failed: number;
  /** Rows left in flight (no outcome) by earlier runs. */
  inflight: number;
}

export class Journal {
  readonly id: string;
  readonly path: string;
  readonly history: JournalHistory;
  private readonly lockPath: string;
  private fd: number;
  private states: Uint8Array;
  private jobs: Map<number, { jobId: string; status: string }>;
  private readonly syncIntervalMs: number;
  private readonly now: () => number;
  private lastSync: number;
  private dirty = false;
  private closed = false;

  private constructor(stateDir: string, readonly key: JournalKey, options: JournalOptions) {
    this.id = journalId(key);
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    this.path = path.join(stateDir, `${this.id}.jsonl`);
    this.lockPath = path.join(stateDir, `${this.id}.lock`);
    this.now = options.now ?? Date.now;
    this.syncIntervalMs = options.syncIntervalMs ?? 1000;
    this.lastSync = this.now();
    this.lock();
    try {
      if (options.fresh) fs.rmSync(this.path, { force: true });
      const loaded = loadJournal(this.path);
      this.states = loaded.states;
      this.history = loaded.history;
      this.jobs = loaded.jobs;
      this.fd = fs.openSync(this.path, 'a', 0o600);
      // A line torn by a kill mid-write must not swallow the next one.
      if (loaded.endsMidLine) fs.writeSync(this.fd, '\n');
      this.write({
        type: 'run',
        v: 1,
        file: key.fileSha256,
        pool: key.poolId,
        endpoint: key.endpoint,
        source: options.source,
        started: new Date().toISOString(),
        pid: process.pid,
      });
    } catch (err) {
      this.unlock();
      throw err;
    }
  }

  /** Opens (or creates) the journal for `key` under `stateDir` and locks it for this process. */
  static open(stateDir: string, key: JournalKey, options: JournalOptions = {}): Journal {
    return new Journal(stateDir, key, options);
  }

  /** True when an earlier run finished this row (created, updated or found existing). */
  isFinished(row: number): boolean {
    const o = (this.states[row] ?? 0) & OUTCOME_MASK;
    return o !== 0 && o >> OUTCOME_SHIFT !== FAILED;
  }

  /** The outcome an earlier run recorded for this row. */
  previousOutcome(row: number): RowOutcome | undefined {
    const o = ((this.states[row] ?? 0) & OUTCOME_MASK) >> OUTCOME_SHIFT;
    return o === 0 ? undefined : OUTCOMES[o - 1];
  }

  /** True when an earlier run sent (or was about to send) this row's create. */
  wasInflightBefore(row: number): boolean {
    return ((this.states[row] ?? 0) & PREV_INFLIGHT) !== 0;
  }

  /** Records that the create for `row` is about to be sent. Call before sending. */
  inflight(row: number): void {
    this.ensure(row);
    this.states[row]! |= RUN_INFLIGHT;
    this.write({ r: row, s: 'inflight' });
  }

  /** Records how `row` ended. */
  done(row: number, outcome: string, code?: string): void {
    if (!OUTCOMES.includes(outcome as RowOutcome)) throw new TypeError(`journal: unknown outcome ${outcome}`);
    this.write(code ? { r: row, s: outcome, code } : { r: row, s: outcome });
  }

  /** --mode job: records the job that carries part `part` and its latest status. */
  jobPart(part: number, jobId: string, status: string): void {
    this.jobs.set(part, { jobId, status });
    this.write({ job: part, id: jobId, s: status });
  }

  /** --mode job: what an earlier run (or this one) recorded for a part. */
  jobPartState(part: number): { jobId: string; status: string } | undefined {
    return this.jobs.get(part);
  }

  /** Records the end of this run (and its summary) and syncs. */
  end(summary: object): void {
    this.write({ type: 'end', at: new Date().toISOString(), summary });
    this.sync();
  }

  sync(): void {
    if (this.closed || !this.dirty) return;
    fs.fdatasyncSync(this.fd);
    this.dirty = false;
    this.lastSync = this.now();
  }

  close(): void {
    if (this.closed) return;
    try {
      this.sync();
      fs.closeSync(this.fd);
    } finally {
      this.closed = true;
      this.unlock();
    }
  }

  /** Closes and deletes the journal (a fresh start next time). */
  discard(): void {
    this.close();
    fs.rmSync(this.path, { force: true });
  }

  private write(entry: object): void {
    if (this.closed) throw new Error('journal is closed');
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.dirty = true;
    if (this.now() - this.lastSync >= this.syncIntervalMs) this.sync();
  }

  private ensure(row: number): void {
    if (row < this.states.length) return;
    let size = Math.max(1024, this.states.length);
    while (size <= row) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.states);
    this.states = next;
  }

  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(this.lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = Number(fs.readFileSync(this.lockPath, 'utf8').trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
          throw new JournalLockedError(`another import of this file into ${this.key.poolId} is running (pid ${pid})`, {
            hint: `wait for it to finish, or remove ${this.lockPath} if that process is not an import`,
          });
        }
        fs.rmSync(this.lockPath, { force: true }); // stale: its process is gone
      }
    }
    throw new JournalLockedError(`cannot lock ${this.lockPath}`);
  }

  private unlock(): void {
    try {
      if (Number(fs.readFileSync(this.lockPath, 'utf8').trim()) === process.pid) fs.rmSync(this.lockPath, { force: true });
    } catch {
      // already gone
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Loaded {
  states: Uint8Array;
  jobs: Map<number, { jobId: string; status: string }>;
  history: JournalHistory;
  endsMidLine: boolean;
}

/** Reads a journal in 1 MiB chunks; only the per-row state byte is kept. */
function loadJournal(file: string): Loaded {
  let states = new Uint8Array(1024);
  const history: JournalHistory = { runs: 0, finished: 0, failed: 0, inflight: 0 };
  const jobs = new Map<number, { jobId: string; status: string }>();
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { states, jobs, history, endsMidLine: false };
    throw err;
  }
  let maxRow = 0;
  /** inflight: adds the in-flight bit; an outcome: replaces the earlier outcome, keeps the bit. */
  const set = (row: number, value: number) => {
    if (row >= states.length) {
      let size = states.length;
      while (size <= row) size *= 2;
      const next = new Uint8Array(size);
      next.set(states);
      states = next;
    }
    states[row] = value === PREV_INFLIGHT ? states[row]! | PREV_INFLIGHT : (states[row]! & PREV_INFLIGHT) | value;
    if (row > maxRow) maxRow = row;
  };
  const handle = (line: string) => {
    if (line.length === 0) return;
    let entry: { r?: unknown; s?: unknown; type?: unknown; job?: unknown; id?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return; // a line torn by a kill mid-write: the row simply did not get that far
    }
    if (entry.type === 'run') {
      history.runs++;
      return;
    }
    if (typeof entry.job === 'number' && typeof entry.id === 'string' && typeof entry.s === 'string') {
      jobs.set(entry.job, { jobId: entry.id, status: entry.s });
      return;
    }
    if (typeof entry.r !== 'number' || !Number.isInteger(entry.r) || entry.r < 0) return;
    if (entry.s === 'inflight') {
      set(entry.r, PREV_INFLIGHT);
      return;
    }
    const index = OUTCOMES.indexOf(entry.s as RowOutcome);
    if (index !== -1) set(entry.r, (index + 1) << OUTCOME_SHIFT);
  };
  let endsMidLine = false;
  try {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let carry = '';
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const text = carry + chunk.toString('utf8', 0, n);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl === -1) break;
        handle(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    if (carry.length > 0) {
      endsMidLine = true;
      handle(carry);
    }
  } finally {
    fs.closeSync(fd);
  }
  for (let row = 0; row <= maxRow; row++) {
    const s = states[row]!;
    const outcome = (s & OUTCOME_MASK) >> OUTCOME_SHIFT;
    if (outcome === FAILED) history.failed++;
    else if (outcome !== 0) history.finished++;
    else if (s & PREV_INFLIGHT) history.inflight++;
  }
  return { states, jobs, history, endsMidLine };
}

/** sha256 (hex) of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies a stream (stdin) to a private file under `dir` while hashing it, so that a piped import
 * can be validated, journaled and re-read like a file. The caller removes the file when done.
 */
export async function spoolToFile(input: NodeJS.ReadableStream, dir: string): Promise<{ path: string; sha256: string; bytes: number }> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `stdin-${process.pid}-${Date.now()}.csv`);
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'w', 0o600);
  let bytes = 0;
  try {
    for await (const chunk of input) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      hash.update(buf);
      fs.writeSync(fd, buf);
      bytes += buf.length;
    }
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  return { path: file, sha256: hash.digest('hex'), bytes };
}
