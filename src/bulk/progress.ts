// Progress for long imports: rate over a sliding window, ETA, and two renderings. The command
// decides which to use: the bar (redrawn in place on a terminal, on stderr) or the status line
// (printed every few seconds when stderr is not a terminal).
import { systemClock, type Clock } from './clock.js';
import { formatElapsed } from './summary.js';

export interface ProgressCounts {
  created?: number;
  updated?: number;
  existing?: number;
  /** (A verb's users done are the rows done: no count of their own.) */
  skipped?: number;
  invalid?: number;
  failed?: number;
  resumed?: number;
}

export interface ProgressSnapshot extends ProgressCounts {
  /** Rows finished (whatever their outcome). */
  done: number;
  /** Rows in all, when known (e.g. counted by the validation pass). */
  total?: number;
  elapsedMs: number;
  /** Rows per second over the recent window. */
  rate: number;
  /** Milliseconds left at the current rate, when the total is known and the rate is not 0. */
  etaMs?: number;
}

export interface ProgressMeterOptions {
  total?: number;
  clock?: Clock;
  /** Window for the rate (default 10 s): recent enough to follow throttling, long enough to be steady. */
  windowMs?: number;
}

export class ProgressMeter {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly started: number;
  /** (time, done) samples, one per bucket of windowMs / 20. */
  private samples: Array<[number, number]> = [];
  private done = 0;
  total?: number;

  constructor(options: ProgressMeterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.windowMs = options.windowMs ?? 10_000;
    this.total = options.total;
    this.started = this.clock.now();
    this.samples.push([this.started, 0]);
  }

  /** Counts `n` more rows done. */
  tick(n = 1): void {
    this.done += n;
    const now = this.clock.now();
    const last = this.samples[this.samples.length - 1]!;
    if (now - last[0] >= this.windowMs / 20) this.samples.push([now, this.done]);
    else last[1] = this.done;
    while (this.samples.length > 2 && this.samples[1]![0] <= now - this.windowMs) this.samples.shift();
  }

  snapshot(counts: ProgressCounts = {}): ProgressSnapshot {
    const now = this.clock.now();
    const first = this.samples[0]!;
    const span = now - first[0];
    const rate = span > 0 ? ((this.done - first[1]) * 1000) / span : 0;
    const elapsedMs = now - this.started;
    const left = this.total !== undefined ? Math.max(0, this.total - this.done) : undefined;
    const etaMs = left !== undefined && rate > 0 ? (left * 1000) / rate : left === 0 ? 0 : undefined;
    return { ...counts, done: this.done, total: this.total, elapsedMs, rate, etaMs };
  }
}

const formatDuration = (ms: number) => formatElapsed(ms, { compact: true });

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function formatRate(rate: number): string {
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1);
}

/** `[########............]  42% 4,200/10,000  48.3/s  ETA 2m00s  failed 3` fitted to `width`. */
export function renderBar(s: ProgressSnapshot, width = 80): string {
  const pct = s.total ? Math.min(100, Math.floor((s.done * 100) / s.total)) : undefined;
  const count = s.total !== undefined ? `${formatCount(s.done)}/${formatCount(s.total)}` : formatCount(s.done);
  const tail = [
    pct !== undefined ? `${String(pct).padStart(3)}%` : '',
    count,
    `${formatRate(s.rate)}/s`,
    s.etaMs !== undefined ? `ETA ${formatDuration(s.etaMs)}` : `${formatDuration(s.elapsedMs)}`,
    s.failed ? `failed ${formatCount(s.failed)}` : '',
    s.invalid ? `invalid ${formatCount(s.invalid)}` : '',
  ]
    .filter(Boolean)
    .join('  ');
  const barWidth = Math.min(30, width - tail.length - 3);
  if (barWidth < 5 || pct === undefined) return tail.slice(0, width);
  const filled = Math.round((barWidth * pct) / 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${tail}`.slice(0, width);
}

/** `import: 4,200/10,000 rows (42%), 48.3 users/s, created 4,100, failed 3, ETA 2m00s` for logs (the label is the verb). */
export function renderStatusLine(s: ProgressSnapshot, label = 'import'): string {
  const parts: string[] = [];
  const pct = s.total ? ` (${Math.min(100, Math.floor((s.done * 100) / s.total))}%)` : '';
  parts.push(`${label}: ${formatCount(s.done)}${s.total !== undefined ? `/${formatCount(s.total)}` : ''} rows${pct}`);
  parts.push(`${formatRate(s.rate)} users/s`);
  for (const key of ['created', 'updated', 'existing', 'skipped', 'resumed', 'invalid', 'failed'] as const) {
    const v = s[key];
    if (v) parts.push(`${key} ${formatCount(v)}`);
  }
  parts.push(s.etaMs !== undefined ? `ETA ${formatDuration(s.etaMs)}` : `elapsed ${formatDuration(s.elapsedMs)}`);
  return parts.join(', ');
}
