// What an import hands back: its counts and summary, and the summary as label/value pairs for a
// table (the failures file is src/bulk/failures.ts).
import { summaryRows as bulkSummaryRows } from '../bulk/summary.js';

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
  return bulkSummaryRows(
    [
      ['created', summary.created],
      ['updated', summary.updated],
      ['existing', summary.existing],
      ['invalid', summary.invalid],
      ['failed', summary.failed],
      ['resumed', summary.resumed],
    ],
    { ...summary, perSecond: summary.usersPerSecond },
  );
}
