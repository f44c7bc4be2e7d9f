// Writes job CSV files, starting a new part whenever the next row would exceed a job's limits
// (500,000 users or 100 MB per file, header included). Each part is a complete file with the header.
import fs from 'node:fs';
import path from 'node:path';

export const JOB_MAX_ROWS = 500_000;
export const JOB_MAX_BYTES = 100 * 1024 * 1024;

export interface JobPart {
  /** 1-based. */
  index: number;
  path: string;
  rows: number;
  bytes: number;
  /** Row numbers of the source CSV covered by this part. */
  firstLine: number;
  lastLine: number;
}

export interface JobFileWriterOptions {
  maxRows?: number;
  maxBytes?: number;
  /** File name prefix (default "import-part"). */
  prefix?: string;
}

export class JobFileWriter {
  readonly parts: JobPart[] = [];
  private fd: number | undefined;
  private current: JobPart | undefined;
  private buffer = '';
  private readonly headerLine: string;
  private readonly headerBytes: number;
  private readonly maxRows: number;
  private readonly maxBytes: number;

  constructor(
    private readonly dir: string,
    header: readonly string[],
    private readonly options: JobFileWriterOptions = {},
  ) {
    this.headerLine = `${header.join(',')}\n`;
    this.headerBytes = Buffer.byteLength(this.headerLine);
    this.maxRows = options.maxRows ?? JOB_MAX_ROWS;
    this.maxBytes = options.maxBytes ?? JOB_MAX_BYTES;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Adds one converted row (without line break) that came from source row `line`. */
  add(row: string, line: number): void {
    const text = `${row}\n`;
    const bytes = Buffer.byteLength(text);
    if (this.headerBytes + bytes > this.maxBytes) throw new RangeError(`row ${line} alone exceeds the job file size limit`);
    if (!this.current || this.current.rows + 1 > this.maxRows || this.current.bytes + bytes > this.maxBytes) this.roll(line);
    const part = this.current!;
    part.rows++;
    part.bytes += bytes;
    part.lastLine = line;
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) this.flushBuffer();
  }

  /** Closes the last part and returns them all. */
  finish(): JobPart[] {
    this.closeCurrent();
    return this.parts;
  }

  private roll(line: number): void {
    this.closeCurrent();
    const index = this.parts.length + 1;
    const file = path.join(this.dir, `${this.options.prefix ?? 'import-part'}-${String(index).padStart(3, '0')}.csv`);
    this.fd = fs.openSync(file, 'w', 0o600);
    this.current = { index, path: file, rows: 0, bytes: this.headerBytes, firstLine: line, lastLine: line };
    this.parts.push(this.current);
    this.buffer = this.headerLine;
  }

  private flushBuffer(): void {
    if (this.fd !== undefined && this.buffer.length > 0) fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  private closeCurrent(): void {
    if (this.fd === undefined) return;
    this.flushBuffer();
    fs.closeSync(this.fd);
    this.fd = undefined;
    this.current = undefined;
  }
}
