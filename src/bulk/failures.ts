// The failures file of a bulk run: every item that was invalid or failed, with its original cells
// plus error_code and error_message, so that it can be fixed and fed back as is.
//
// It never replaces a file that is there already: the user may be fixing it in place (the tool
// tells them to). When the name is taken, the next free one is used — `users.failures.csv`, then
// `users.failures-2.csv`, `users.failures-3.csv`… — and `replacedName` says which was asked for.
import fs from 'node:fs';
import path from 'node:path';
import { formatCsvRow } from '../io/csv.js';

/** `users.failures.csv`, 2 → `users.failures-2.csv` (the number goes before the extension). */
export function numberedName(file: string, n: number): string {
  if (n <= 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}-${n}${ext}`;
}

/** Opens the first free name of `file`, `file-2`… for writing (never an existing file). */
function openFree(file: string): { fd: number; file: string } {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  for (let n = 1; ; n++) {
    const candidate = numberedName(file, n);
    try {
      // 0600: the rows may hold personal data and passwords.
      return { fd: fs.openSync(candidate, 'wx', 0o600), file: candidate };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 10_000) throw err;
    }
  }
}

/**
 * The file is created on the first failure (no failures, no file) and every row is written at once
 * with writeSync, so it is complete up to the moment of a crash. Cells are written exactly as they
 * were read, so the file reads back to the same values. A header that already has error_code /
 * error_message (a failures file fed back) reuses those columns.
 */
export class FailureReport {
  private fd: number | undefined;
  private opened: string | undefined;
  private readonly header: string[];
  private readonly codeIndex: number;
  private readonly messageIndex: number;
  private count = 0;

  constructor(
    /** The name asked for (--failures, or the default next to the input). */
    readonly requested: string,
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

  /** The file written (or to be written). */
  get file(): string {
    return this.opened ?? this.requested;
  }

  /** The requested name, when it was taken and another was used. */
  get replacedName(): string | undefined {
    return this.opened !== undefined && this.opened !== this.requested ? this.requested : undefined;
  }

  get rows(): number {
    return this.count;
  }

  /** Whether the file was written (any failure). */
  get written(): boolean {
    return this.opened !== undefined;
  }

  add(cells: readonly string[], code: string, message: string): void {
    if (this.fd === undefined) {
      const { fd, file } = openFree(this.requested);
      this.fd = fd;
      this.opened = file;
      fs.writeSync(fd, formatCsvRow(this.header));
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
