// Streams a CSV file (a path or any Readable such as stdin) row by row with flat memory.
//
// How the work is split, and why: csv-parse's streaming parser runs at ~120-160k rows/s on the
// reference machine, below the 200k rows/s the dry-run benchmark asks for, because it inspects
// every byte in JavaScript. So this module finds record boundaries itself (a record ends at a line
// break outside quotes) and:
//   - a record without any `"` is split on commas: for such a line RFC 4180, and csv-parse, give
//     exactly the comma-separated pieces;
//   - every record that contains a `"` is handed, in batches of consecutive quoted records, to
//     csv-parse (sync API), which is the authority for quoting rules and quoting errors.
// Differential tests (test/unit/import/csv-source.test.ts) check both paths against csv-parse.
//
// Handled: UTF-8 with or without BOM, UTF-16LE with BOM, LF / CRLF / CR line endings, quoted fields
// with commas, quotes and line breaks, blank lines (skipped, still counted as rows). Malformed input
// (unclosed quote, stray quote, wrong column count, empty file, header only, NUL bytes or invalid
// UTF-8, a row longer than maxRecordSize) raises CsvFormatError with the row number; reading stops
// at once and the input stream is destroyed, so a 100 MB line costs about maxRecordSize of reading.
//
// Row numbers count records the way a spreadsheet shows them: the header is row 1, the first data
// record row 2, a blank line is a row, and a quoted field spanning 3 physical lines is one row.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse as parseSync } from 'csv-parse/sync';
import { CsvFormatError, ImportUsageError } from '../bulk/errors.js';

const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024; // characters per row
const QUOTED_BATCH_CHARS = 256 * 1024;
const PENDING: string[] = [];

export interface CsvSourceOptions {
  /** Longest row accepted, in characters (default 1 MiB). Cognito's own job format allows 16,000. */
  maxRecordSize?: number;
  /** Accept a file with a header and no data rows (default false: that is an error). */
  allowEmpty?: boolean;
  /** Read size when `input` is a path (default 64 KiB). */
  highWaterMark?: number;
  /** Sees every raw chunk as it is read: hash it, spool it. */
  onChunk?: (chunk: Buffer) => void;
}

const NO_HEADER: readonly string[] = [];

/** One data row. `line` is its row number as a spreadsheet counts it (header = row 1). */
export class CsvRow {
  /** The header, set when the row is handed out. */
  header: readonly string[] = NO_HEADER;

  constructor(
    readonly line: number,
    public cells: string[],
    /** The physical line of the file where the row starts (differs when quoted fields span lines). */
    readonly physicalLine: number = line,
  ) {}

  /** The row as header → value (built on demand: validation reads `cells` by index). */
  get record(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.header.length; i++) out[this.header[i]!] = this.cells[i] ?? '';
    return out;
  }
}

export interface CsvSource {
  /** Header cells, trimmed. */
  readonly header: readonly string[];
  /** Rows in order, a read chunk at a time (the fast path for million-row files). */
  batches(): AsyncGenerator<CsvRow[], void, undefined>;
  /** Rows in order, one at a time. */
  rows(): AsyncGenerator<CsvRow, void, undefined>;
  /** Data rows produced so far. */
  readonly rowCount: number;
  /** Raw bytes consumed so far. */
  readonly bytesRead: number;
  /** Size of the input when it is a file (for progress and for sizing tables), else undefined. */
  readonly sizeBytes?: number;
  /** Stops reading and releases the input. */
  close(): void;
}

interface PendingQuoted {
  /** Its place in the output: the cells are filled in when the batch is parsed. */
  record: CsvRow;
  row: number;
  line: number;
  raw: string;
}

const ROW_LIMIT_HINT = 'check that the file is a CSV with one user per row, and that every " is closed';

function sizeLabel(chars: number): string {
  return chars >= 1024 * 1024 && chars % (1024 * 1024) === 0
    ? `${chars / (1024 * 1024)} MiB`
    : chars >= 1024 && chars % 1024 === 0
      ? `${chars / 1024} KiB`
      : `${chars} characters`;
}

/**
 * The synchronous core: text in, records out. Exported for tests; use openCsv().
 * The first record it produces is the header.
 */
class CsvTokenizer {
  private buf = '';
  private pos = 0; // start of the pending record in buf
  private scanFrom = 0; // where scanning of the pending record resumes
  private inQuote = false;
  private quoted = false;
  private row = 0; // rows finished so far; the pending record is row + 1
  private line = 1; // physical line where the pending record starts
  private nl: string | undefined; // '\n' (also covers CRLF) or '\r'
  private batch: PendingQuoted[] = [];
  private batchChars = 0;
  private badAt = -1;
  private badReason = '';
  /** Records in file order (the first is the header); quoted ones get their cells at flush(). */
  out: CsvRow[] = [];

  constructor(private readonly maxRecordSize: number = DEFAULT_MAX_RECORD_SIZE) {}

  /**
   * Adds decoded text. `badOffset` marks a position in `text` holding bytes that are not valid text
   * (with `badReason`): rows before it are produced, the row that contains it fails.
   */
  push(text: string, badOffset = -1, badReason = ''): void {
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.scanFrom -= this.pos;
      if (this.badAt >= 0) this.badAt -= this.pos;
      this.pos = 0;
    }
    if (badOffset >= 0 && this.badAt < 0) {
      this.badAt = this.buf.length + badOffset;
      this.badReason = badReason;
    }
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    if (this.nl === undefined) this.detectDelimiter();
    if (this.nl !== undefined) this.scan();
    this.flush();
  }

  end(): void {
    if (this.nl === undefined) this.nl = '\n';
    this.scan();
    // The last record has no line break after it, so scan() has not looked at its quotes yet.
    const rest = this.buf.slice(this.pos);
    let quotes = 0;
    for (let k = rest.indexOf('"'); k !== -1; k = rest.indexOf('"', k + 1)) quotes++;
    this.quoted = quotes > 0;
    if (quotes % 2 === 1) this.unclosed('is never closed');
    if (rest.length > 0) {
      this.checkBad(this.buf.length);
      if (rest.length > this.maxRecordSize) this.tooLong(false);
      const last = this.nl === '\n' && rest.endsWith('\r') ? rest.slice(0, -1) : rest;
      if (this.quoted) this.finishQuoted(last);
      else this.finishPlain(last, 0, last.length);
      this.pos = this.buf.length;
    } else {
      this.checkBad(this.buf.length);
    }
    this.flush();
  }

  private detectDelimiter(): void {
    const buf = this.buf;
    const n = buf.indexOf('\n');
    const r = buf.indexOf('\r');
    if (n === -1 && r !== -1) {
      // Line breaks without any LF: classic Mac CR line endings (unless the CR starts a CRLF
      // split across chunks: then wait for the next chunk).
      if (r + 1 < buf.length) this.nl = '\r';
      else if (buf.length > this.maxRecordSize) this.nl = '\n';
    } else if (n !== -1 || buf.length > this.maxRecordSize) {
      this.nl = '\n';
    }
  }

  private scan(): void {
    const nlChar = this.nl!;
    const buf = this.buf;
    const max = this.maxRecordSize;
    // Position of the next quote at or after the scan point (-1: none in the buffer). Looked up
    // again only once passed, so a chunk without quotes costs a single indexOf.
    let nextQuote = buf.indexOf('"', this.scanFrom);
    for (;;) {
      const start = this.pos;
      let i = this.scanFrom;
      let inQ = this.inQuote;
      let quoted = this.quoted;
      let end = -1;
      for (;;) {
        if (inQ) {
          const q = buf.indexOf('"', i);
          if (q === -1) {
            i = buf.length;
            break;
          }
          inQ = false;
          i = q + 1;
        } else {
          const nl = buf.indexOf(nlChar, i);
          if (nl === -1) break;
          if (nextQuote !== -1 && nextQuote < i) nextQuote = buf.indexOf('"', i);
          if (nextQuote === -1 || nextQuote > nl) {
            end = nl;
            break;
          }
          quoted = true;
          inQ = true;
          i = nextQuote + 1;
        }
      }
      if (end === -1) {
        this.scanFrom = i;
        this.inQuote = inQ;
        this.quoted = quoted;
        if (buf.length - start > max) this.tooLong(inQ);
        this.checkBad(buf.length);
        return;
      }
      this.checkBad(end);
      let stop = end;
      if (nlChar === '\n' && stop > start && buf.charCodeAt(stop - 1) === 13) stop--;
      if (stop - start > max) this.tooLong(false);
      this.pos = end + 1;
      this.scanFrom = this.pos;
      this.inQuote = false;
      this.quoted = false;
      if (quoted) this.finishQuoted(buf.slice(start, stop));
      else this.finishPlain(buf, start, stop);
    }
  }

  /** A record without quotes: its cells are the comma-separated pieces of buf[start, stop). */
  private finishPlain(buf: string, start: number, stop: number): void {
    const row = ++this.row;
    const line = this.line++;
    if (start === stop) return; // a blank row: counted, skipped
    if (buf.charCodeAt(start) <= 32 && buf.slice(start, stop).trim().length === 0) return;
    const cells: string[] = [];
    let s = start;
    for (;;) {
      const comma = buf.indexOf(',', s);
      if (comma === -1 || comma >= stop) {
        cells.push(buf.slice(s, stop));
        break;
      }
      cells.push(buf.slice(s, comma));
      s = comma + 1;
    }
    this.out.push(new CsvRow(row, cells, line));
  }

  /** A record with quotes: parsed by csv-parse with the others of this chunk, at flush(). */
  private finishQuoted(raw: string): void {
    const row = ++this.row;
    const line = this.line;
    let lines = 1;
    for (let k = raw.indexOf(this.nl!); k !== -1; k = raw.indexOf(this.nl!, k + 1)) lines++;
    this.line += lines;
    const record = new CsvRow(row, PENDING, line); // keeps its place in the output meanwhile
    this.out.push(record);
    this.batch.push({ record, row, line, raw });
    this.batchChars += raw.length;
    if (this.batchChars > QUOTED_BATCH_CHARS) this.flush();
  }

  /** Parses the pending quoted records with csv-parse. */
  private flush(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    this.batchChars = 0;
    const nlChar = this.nl ?? '\n';
    let records: string[][];
    try {
      records = parseSync(batch.length === 1 ? batch[0]!.raw : batch.map((b) => b.raw).join(nlChar), {
        bom: false,
        record_delimiter: nlChar,
        relax_column_count: true,
      }) as string[][];
    } catch (err) {
      throw csvParseFailure(err, batch);
    }
    if (records.length !== batch.length) {
      const b = batch[0]!;
      throw new CsvFormatError(`row ${b.row}: cannot split this part of the file into rows`, b.row, b.line, {
        code: 'CSV_UNKNOWN_ERROR',
        hint: ROW_LIMIT_HINT,
      });
    }
    for (let k = 0; k < batch.length; k++) batch[k]!.record.cells = records[k]!;
  }

  private checkBad(upTo: number): void {
    if (this.badAt >= 0 && this.badAt < upTo) {
      this.flush();
      const row = this.row + 1;
      throw new CsvFormatError(`row ${row} ${this.badReason}`, row, this.line, {
        code: 'CSV_NOT_TEXT',
        hint: 'save the file as CSV with UTF-8 encoding',
      });
    }
  }

  private tooLong(inQuote: boolean): never {
    const limit = sizeLabel(this.maxRecordSize);
    if (inQuote) this.unclosed(`is not closed within ${limit}`);
    this.flush();
    const row = this.row + 1;
    throw new CsvFormatError(`row ${row} is longer than ${limit} (no line break found)`, row, this.line, {
      code: 'CSV_MAX_RECORD_SIZE',
      hint: ROW_LIMIT_HINT,
    });
  }

  /**
   * The pending record opened a quote that never closes. Most often the cause is a stray quote in
   * an unquoted field (`Jo"hn`): csv-parse run on the record's first line names that precisely.
   */
  private unclosed(what: string): never {
    this.flush();
    const row = this.row + 1;
    const start = this.pos;
    const firstLineEnd = this.buf.indexOf(this.nl ?? '\n', start);
    const firstLine = this.buf.slice(start, firstLineEnd === -1 ? Math.min(this.buf.length, start + 65536) : firstLineEnd);
    try {
      parseSync(firstLine, { bom: false, relax_column_count: true, relax_quotes: false });
    } catch (err) {
      if ((err as { code?: string }).code === 'INVALID_OPENING_QUOTE') {
        throw csvParseFailure(err, [{ record: new CsvRow(row, PENDING), row, line: this.line, raw: firstLine }]);
      }
    }
    throw new CsvFormatError(`row ${row}: a quoted field that opens on line ${this.line} ${what}`, row, this.line, {
      code: 'CSV_QUOTE_NOT_CLOSED',
      hint: ROW_LIMIT_HINT,
    });
  }
}

/** String.prototype.split is several times slower than this on sliced strings (V8). */
export function splitOn(text: string, separator: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(separator, start);
    if (at === -1) {
      out.push(start === 0 ? text : text.slice(start));
      return out;
    }
    out.push(text.slice(start, at));
    start = at + 1;
  }
}

function csvParseFailure(err: unknown, batch: PendingQuoted[]): CsvFormatError {
  const e = err as { code?: string; message?: string; records?: number; lines?: number };
  const index = Math.min(Math.max(e.records ?? 0, 0), batch.length - 1);
  const b = batch[index]!;
  const physical = typeof e.lines === 'number' ? batch[0]!.line + e.lines - 1 : b.line;
  const where = physical === b.line ? `row ${b.row}` : `row ${b.row} (line ${physical})`;
  let what: string;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      what = 'a quoted field is never closed';
      break;
    case 'CSV_INVALID_CLOSING_QUOTE':
      what = 'a closing quote must be followed by a comma or the end of the row';
      break;
    case 'INVALID_OPENING_QUOTE':
      what = 'a quote (") appears inside an unquoted field: quote the whole field and double the quotes inside it ("")';
      break;
    default:
      what = (e.message ?? 'cannot parse').split('\n')[0]!;
  }
  return new CsvFormatError(`${where}: ${what}`, b.row, physical, { code: e.code ?? 'CSV_UNKNOWN_ERROR', cause: err });
}

/** Opens a CSV and reads up to its header; rows are read lazily as they are iterated. */
export async function openCsv(input: string | Readable, options: CsvSourceOptions = {}): Promise<CsvSource> {
  let sizeBytes: number | undefined;
  if (typeof input === 'string') {
    try {
      const stat = await fs.promises.stat(input);
      if (stat.isFile()) sizeBytes = stat.size;
    } catch (err) {
      throw new ImportUsageError(`cannot read ${input}: ${(err as Error).message}`, {
        code: (err as NodeJS.ErrnoException).code ?? 'ReadError',
        cause: err,
      });
    }
  }
  const stream: Readable =
    typeof input === 'string' ? fs.createReadStream(input, { highWaterMark: options.highWaterMark ?? 64 * 1024 }) : input;
  const tokenizer = new CsvTokenizer(options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE);
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let decoder: TextDecoder | undefined;
  let bytesRead = 0;
  let ended = false;
  let closed = false;
  let rowCount = 0;

  const close = () => {
    if (closed) return;
    closed = true;
    void iterator.return?.();
    stream.destroy();
  };

  /** Reads one chunk into the tokenizer; false at end of input. */
  const pump = async (): Promise<boolean> => {
    if (ended) return false;
    let next: IteratorResult<Buffer | string>;
    try {
      next = await iterator.next();
    } catch (err) {
      close();
      throw err;
    }
    try {
      if (next.done) {
        ended = true;
        if (decoder) {
          const tail = decoder.decode();
          if (tail) tokenizer.push(tail);
        }
        tokenizer.end();
        return false;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      bytesRead += chunk.length;
      options.onChunk?.(chunk);
      if (!decoder) {
        const utf16 = chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe;
        decoder = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8', { fatal: true });
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        // Not valid text: let the rows before the bad bytes through, then fail on the row that has them.
        text = new TextDecoder(decoder.encoding).decode(chunk);
        const at = text.indexOf('\uFFFD');
        tokenizer.push(text, at === -1 ? 0 : at, `is not valid ${decoder.encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} text`);
        decoder = new TextDecoder(decoder.encoding, { fatal: true });
        return true;
      }
      const nul = text.indexOf('\0');
      if (nul !== -1) tokenizer.push(text, nul, 'contains a NUL byte: this looks like a binary file, not a CSV');
      else tokenizer.push(text);
      return true;
    } catch (err) {
      close();
      throw err;
    }
  };

  // Read up to the header.
  while (tokenizer.out.length === 0 && (await pump()));
  const first = tokenizer.out.shift();
  if (!first) {
    close();
    throw new CsvFormatError('the file is empty: expected a header row such as username,email', 1, 1, {
      code: 'CSV_EMPTY',
    });
  }
  const header = first.cells.map((h) => h.trim());
  const width = header.length;

  const take = (): CsvRow[] => {
    const rows = tokenizer.out;
    if (rows.length === 0) return rows;
    tokenizer.out = [];
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (r.cells.length !== width) {
        close();
        throw new CsvFormatError(
          `row ${r.line} has ${r.cells.length} ${r.cells.length === 1 ? 'column' : 'columns'}, the header has ${width}`,
          r.line,
          r.physicalLine,
          {
            code: 'CSV_RECORD_INCONSISTENT_COLUMNS',
            hint: 'a value that contains a comma must be quoted ("Doe, Jane")',
          },
        );
      }
      r.header = header;
    }
    rowCount += rows.length;
    return rows;
  };

  let started = false;
  async function* batches(): AsyncGenerator<CsvRow[], void, undefined> {
    if (started) throw new Error('a CsvSource can be iterated once');
    started = true;
    try {
      for (;;) {
        const rows = take();
        if (rows.length > 0) yield rows;
        if (closed || !(await pump())) break;
      }
      const rest = take();
      if (rest.length > 0) yield rest;
      if (rowCount === 0 && !options.allowEmpty && !closed) {
        throw new CsvFormatError('the file has a header row but no users after it', 2, first!.physicalLine + 1, {
          code: 'CSV_NO_ROWS',
        });
      }
    } finally {
      close();
    }
  }

  async function* rows(): AsyncGenerator<CsvRow, void, undefined> {
    for await (const batch of batches()) yield* batch;
  }

  return {
    header,
    batches,
    rows,
    get rowCount() {
      return rowCount;
    },
    get bytesRead() {
      return bytesRead;
    },
    sizeBytes,
    close,
  };
}
