// What an import hands back: its counts and summary, and the summary as label/value pairs for a
// table (the failures file is src/bulk/failures.ts).

export interface ImportCounts {
  created: number;
  updated: number;
  /** Already in the pool and left alone (--on-exists skip). */
  existing: number;
  /** Rows that failed validation (never sent). */
  invalid: number;
  /** Rows Cognito refused, or that kept failing after retries. */
  failed: number;
  /** Rows an earlier run of this import finished (skipped thanks to the journal). */
  resumed: number;
  /** Rows read so far (valid and invalid). */
  rows: number;
}

export interface ImportSummary extends ImportCounts {
  /** Rows that were being worked on when the run was interrupted (the journal has them). */
  unfinished: number;
  elapsedMs: number;
  /** Users written per second by this run: (created + updated + existing) / elapsed. */
  usersPerSecond: number;
  /** Ctrl-C (or another abort) stopped the run before the end of the file. */
  interrupted: boolean;
  /** Throttling responses received, and transient failures retried. */
  throttled: number;
  retried: number;
  /** The failures CSV, when any row was invalid or failed. */
  failuresFile?: string;
}

export function emptyCounts(): ImportCounts {
  return { created: 0, updated: 0, existing: 0, invalid: 0, failed: 0, resumed: 0, rows: 0 };
}


/** Label → value pairs in display order, for a table (JSON output uses the summary object itself). */
export function summaryRows(summary: ImportSummary): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['created', String(summary.created)],
    ['updated', String(summary.updated)],
    ['existing', String(summary.existing)],
    ['invalid', String(summary.invalid)],
    ['failed', String(summary.failed)],
    ['resumed', String(summary.resumed)],
    ['elapsed', formatElapsed(summary.elapsedMs)],
    ['users/s', summary.usersPerSecond.toFixed(1)],
  ];
  if (summary.unfinished > 0) rows.push(['unfinished', String(summary.unfinished)]);
  if (summary.throttled > 0) rows.push(['throttled (retried)', String(summary.throttled)]);
  if (summary.failuresFile) rows.push(['failures file', summary.failuresFile]);
  if (summary.interrupted) rows.push(['interrupted', 'yes: run the same command again to continue']);
  return rows;
}

export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
