// A bulk run's summary: the command's counts first, then what every run has (elapsed, users/s,
// unfinished, throttled, the failures file, interrupted), as label/value pairs for a table and as
// the fields of the JSON summary.
import type { BulkSummary } from './engine.js';

type RunStats = Pick<BulkSummary, 'elapsedMs' | 'perSecond' | 'unfinished' | 'throttled' | 'retried' | 'failuresFile' | 'interrupted'>;

export function summaryRows(counts: Array<[string, number]>, s: Omit<RunStats, 'retried'>): Array<[string, string]> {
  const rows: Array<[string, string]> = counts.map(([label, n]) => [label, String(n)]);
  rows.push(['elapsed', formatElapsed(s.elapsedMs)], ['users/s', s.perSecond.toFixed(1)]);
  if (s.unfinished > 0) rows.push(['unfinished', String(s.unfinished)]);
  if (s.throttled > 0) rows.push(['throttled (retried)', String(s.throttled)]);
  if (s.failuresFile) rows.push(['failures file', s.failuresFile]);
  if (s.interrupted) rows.push(['interrupted', 'yes: run the same command again to continue']);
  return rows;
}

/** What every run's JSON summary has after the command's counts. */
export function summaryFields(s: RunStats) {
  return {
    unfinished: s.unfinished,
    elapsedMs: Math.round(s.elapsedMs),
    usersPerSecond: Math.round(s.perSecond * 10) / 10,
    interrupted: s.interrupted,
    throttled: s.throttled,
    retried: s.retried,
    failuresFile: s.failuresFile ?? null,
  };
}

/**
 * The one duration formatter. Summaries: `850 ms`, `2.5 s`, `2 min 5 s`, `1 h 2 min`. Progress,
 * where width counts (`compact`): `42s`, `1m35s`, `1h02m`, and `--` for an unknown time.
 */
export function formatElapsed(ms: number, options: { compact?: boolean } = {}): string {
  if (options.compact) {
    if (!Number.isFinite(ms)) return '--';
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
  }
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
