// What an import hands back: the failures CSV (every row that was invalid or failed, with its
// original cells plus error_code and error_message, so it can be fixed and fed back as is) and
// the summary.
import fs from 'node:fs';
import path from 'node:path';
import { formatCsvRow } from './cells.js';

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

/** SPEC §1 exit codes: 130 interrupted, 3 when a row failed or was invalid, else 0. */
export function exitCodeFor(summary: Pick<ImportSummary, 'interrupted' | 'failed' | 'invalid'>): 0 | 3 | 130 {
  if (summary.interrupted) return 130;
  return summary.failed > 0 || summary.invalid > 0 ? 3 : 0;
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

/**
 * The failures CSV. The file is created on the first failure (no failures, no file) and every row
 * is written at once with writeSync, so it is complete up to the moment of a crash. Cells are
 * written exactly as they were read: no formula neutralisation here, so the file imports back to
 * the same values. A header that already has error_code / error_message (a failures file fed back)
 * reuses those columns.
 */
export class FailureReport {
  private fd: number | undefined;
  private readonly header: string[];
  private readonly codeIndex: number;
  private readonly messageIndex: number;
  private count = 0;

  constructor(
    readonly file: string,
    sourceHeader: readonly string[],
  ) {
    this.header = [...sourceHeader];
    let codeIndex = this.header.indexOf('error_code');
    if (codeIndex === -1) codeIndex = this.header.push('error_code') - 1;
    let messageIndex = this.header.indexOf('error_message');
    if (messageIndex === -1) messageIndex = this.header.push('error_message') - 1;
    this.codeIndex = codeIndex;
    this.messageIndex = messageIndex;
  }

  get rows(): number {
    return this.count;
  }

  /** Whether the file was written (any failure). */
  get written(): boolean {
    return this.fd !== undefined || this.count > 0;
  }

  add(cells: readonly string[], code: string, message: string): void {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
      // 0600: the rows may hold personal data and passwords.
      this.fd = fs.openSync(this.file, 'w', 0o600);
      fs.writeSync(this.fd, formatCsvRow(this.header));
    }
    const out = new Array<string>(this.header.length).fill('');
    for (let i = 0; i < cells.length && i < out.length; i++) out[i] = cells[i]!;
    out[this.codeIndex] = code;
    out[this.messageIndex] = message;
    fs.writeSync(this.fd, formatCsvRow(out));
    this.count++;
  }

  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
