// Everything a command prints passes through here. stdout carries data only, in the chosen
// format; notes, warnings and progress go to stderr (and notes are silenced by --quiet).
import { createRequire } from 'node:module';
import type { OutputFormat } from '../config/settings.js';
import { formatCsvRow, neutraliseCell } from './csv.js';
import { cell, toJson } from './format.js';
import type { IOStreams } from './streams.js';
import { makeStyle, type Style } from './style.js';
import { compileQuery, queryTextLines, type Query } from './query.js';

export interface Column<T> {
  header: string;
  get: (item: T) => unknown;
}

export interface OutputOptions {
  format: OutputFormat;
  color: boolean;
  quiet: boolean;
  /** The global --query (JMESPath) over the JSON data. */
  query?: string;
}

export class Output {
  readonly style: Style;
  private readonly query?: Query;

  constructor(
    readonly streams: IOStreams,
    readonly options: OutputOptions,
  ) {
    this.style = makeStyle(options.color);
    if (options.query !== undefined) this.query = compileQuery(options.query);
  }

  /** With --query every command produces JSON data; the query's result is then rendered (see writeJson). */
  get format(): OutputFormat {
    return this.query ? 'json' : this.options.format;
  }

  /** True for json and ndjson: whole objects, not tables. */
  get structured(): boolean {
    return this.format === 'json' || this.format === 'ndjson';
  }

  /** Prints one record: a key/value table, JSON, one CSV row, or `key: value` lines. */
  record(value: object, fields?: Column<any>[]): void {
    if (this.structured) return this.writeJson(value, this.format === 'json');
    const columns = fields ?? Object.keys(toJson(value) as object).map((key) => ({
      header: key,
      get: (v: any) => v[key],
    }));
    if (this.format === 'csv') {
      this.write(formatCsvRow(columns.map((c) => c.header), '\n'));
      this.write(formatCsvRow(columns.map((c) => neutraliseCell(cell(c.get(value)))), '\n'));
    } else if (this.format === 'text') {
      for (const c of columns) this.write(`${c.header}: ${cell(c.get(value))}\n`);
    } else {
      const table = this.newTable({});
      for (const c of columns) {
        const text = cell(c.get(value));
        if (text !== '') table.push({ [this.style.bold(c.header)]: text });
      }
      this.write(`${table.toString()}\n`);
    }
  }

  /**
   * Prints a list. ndjson, csv and text write each item as it arrives, so a long listing
   * streams page by page; table and json need the whole list first.
   * Returns the number of items printed.
   */
  async list<T>(items: AsyncIterable<T> | Iterable<T>, columns: Column<T>[], raw?: (item: T) => unknown): Promise<number> {
    const toData = raw ?? ((item: T) => item);
    let count = 0;
    switch (this.format) {
      case 'ndjson':
        for await (const item of items) {
          this.writeJson(toData(item), false);
          count++;
        }
        return count;
      case 'json': {
        const all: unknown[] = [];
        for await (const item of items) all.push(toJson(toData(item)));
        this.writeJson(all, true);
        return all.length;
      }
      case 'csv':
        this.write(formatCsvRow(columns.map((c) => c.header), '\n'));
        for await (const item of items) {
          this.write(formatCsvRow(columns.map((c) => neutraliseCell(cell(c.get(item)))), '\n'));
          count++;
        }
        return count;
      case 'text':
        for await (const item of items) {
          this.write(`${columns.map((c) => cell(c.get(item))).join('\t')}\n`);
          count++;
        }
        return count;
      default: {
        const table = this.newTable({ head: columns.map((c) => c.header) });
        for await (const item of items) {
          table.push(columns.map((c) => cell(c.get(item))));
          count++;
        }
        if (count === 0) this.note('(none)');
        else this.write(`${table.toString()}\n`);
        return count;
      }
    }
  }

  /**
   * The result of a change. Structured formats print `data` on stdout; table and text print
   * `message` on stderr, as the data is already known to the person who typed the command.
   */
  done(message: string, data: object): void {
    if (this.structured) this.writeJson(data, this.format === 'json');
    else if (this.format === 'csv') this.record(data);
    else if (!this.options.quiet) this.streams.stderr.write(`${this.style.green('✓')} ${message}\n`);
  }

  /** Plain text on stdout (an id, a script) regardless of format. */
  text(line: string): void {
    this.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  note(message: string): void {
    if (!this.options.quiet) this.streams.stderr.write(`${message}\n`);
  }

  warn(message: string): void {
    this.streams.stderr.write(`${this.style.yellow('warning:')} ${message}\n`);
  }

  private writeJson(value: unknown, pretty: boolean): void {
    if (this.query) return this.writeQueried(this.query.apply(toJson(value)));
    this.write(`${JSON.stringify(toJson(value), null, pretty ? 2 : undefined)}\n`);
  }

  /** The --query result in the format asked for: text one scalar a line, ndjson one item a line, else JSON. */
  private writeQueried(result: unknown): void {
    if (this.options.format === 'text') {
      for (const line of queryTextLines(result)) this.write(`${line}\n`);
    } else if (this.options.format === 'ndjson') {
      for (const item of Array.isArray(result) ? result : [result]) this.write(`${JSON.stringify(item ?? null)}\n`);
    } else {
      this.write(`${JSON.stringify(result ?? null, null, 2)}\n`);
    }
  }

  private write(text: string): void {
    this.streams.stdout.write(text);
  }

  private newTable(options: { head?: string[] }) {
    // cli-table3 is loaded on first use only: most commands that never print a table skip it.
    const Table = loadTable();
    return new Table({
      head: options.head ?? [],
      // Rows without separators between them: compact, and still aligned.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      style: { head: this.options.color ? ['bold'] : [], border: this.options.color ? ['grey'] : [] },
      wordWrap: true,
    });
  }
}

type TableCtor = new (options: object) => { push(...rows: unknown[]): number; toString(): string };
let tableCtor: TableCtor | undefined;
function loadTable(): TableCtor {
  tableCtor ??= createRequire(import.meta.url)('cli-table3') as TableCtor;
  return tableCtor;
}
