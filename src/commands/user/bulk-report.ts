// What every bulk user command reports on the way and at the end: the first rows that failed, the
// summary table, the exit code (130 interrupted, 3 when an item failed or was invalid) with the
// hint to re-run the failures file, and the failures file's name.
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../../context.js';
import { ExitCode, PartialFailure, SilentExit } from '../../errors.js';
import type { BulkProgress } from '../../io/bulk-progress.js';
import type { Column } from '../../io/output.js';

/** Invalid or failed rows printed on stderr as they are found; the rest are in the failures file. */
const ROWS_SHOWN = 10;

/** Prints the first few invalid and failed rows on stderr; counts the rest. */
export class RowLines {
  private shown = 0;
  private hidden = 0;

  constructor(
    private readonly progress: BulkProgress,
    private readonly quiet: boolean,
  ) {}

  add(line: number, code: string | undefined, message: string | undefined, what: 'invalid' | 'failed'): void {
    if (this.quiet) return;
    if (this.shown >= ROWS_SHOWN) {
      this.hidden++;
      return;
    }
    this.shown++;
    this.progress.line(`row ${line} ${what}: ${message ?? code ?? 'unknown error'}${code ? ` (${code})` : ''}`);
  }

  finish(failuresFile: string | undefined): void {
    if (this.hidden > 0) this.progress.line(`… and ${this.hidden} more ${this.hidden === 1 ? 'row' : 'rows'}${failuresFile ? ` in ${failuresFile}` : ''}`);
  }
}

export function table(pairs: Array<[string, string]>): Column<unknown>[] {
  return pairs.map(([header, value]) => ({ header, get: () => value }));
}

/** Exit codes of SPEC §1 after the summary: 130 interrupted, 3 some rows invalid or failed. */
export function finish(
  ctx: Context,
  s: { interrupted: boolean; invalid: number; failed: number; rows: number; failuresFile?: string },
  verb: string,
  rerun: (file: string) => string,
): void {
  if (s.interrupted) {
    ctx.out.note('interrupted: run the same command again to continue where it stopped');
    throw new SilentExit(ExitCode.interrupted);
  }
  const bad = s.invalid + s.failed;
  if (bad > 0) {
    const parts = [s.invalid ? `${s.invalid} invalid` : '', s.failed ? `${s.failed} failed` : ''].filter(Boolean).join(', ');
    throw new PartialFailure(`${bad} of ${s.rows} ${s.rows === 1 ? 'row was' : 'rows were'} not ${verb} (${parts})`, {
      hint: s.failuresFile
        ? `fix them in ${s.failuresFile} and ${rerun(shellWord(s.failuresFile))}`
        : undefined,
    });
  }
}

export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A failures file the user may be editing is never replaced: say which name was written instead. */
export function noteKeptFailuresFile(ctx: Context, result: { failuresFileKept?: string; summary: { failuresFile?: string } }): void {
  if (result.failuresFileKept && result.summary.failuresFile) {
    ctx.out.note(`${result.failuresFileKept} exists and was left as it is: this run's failures are in ${result.summary.failuresFile}`);
  }
}

/** Inputs whose extension the failures file (a CSV) replaces. */
const INPUT_EXTENSIONS = new Set(['.csv', '.txt', '.json', '.ndjson', '.jsonl']);

/** `dir/users.csv` (or .txt, .json, .ndjson) → `dir/users.failures.csv`; stdin → `./stdin.failures.csv`. */
export function defaultFailuresFile(file: string): string {
  if (file === '-') return 'stdin.failures.csv';
  const base = path.basename(file);
  const ext = path.extname(base);
  const name = INPUT_EXTENSIONS.has(ext.toLowerCase()) ? base.slice(0, -ext.length) : base;
  return path.join(path.dirname(file), `${name}.failures.csv`);
}

export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}
