// Typed errors of the import engine. Each carries the exit code of SPEC §1 so the command layer can
// bridge it to the CLI's own error classes without guessing: 2 = bad input found before anything
// was changed, 1 = the operation failed.

export interface ImportErrorOptions {
  /** A stable machine code, e.g. CSV_QUOTE_NOT_CLOSED, UnknownAttribute. */
  code?: string;
  /** A next step for the operator, printed as `hint: …`. */
  hint?: string;
  cause?: unknown;
}

export class ImportError extends Error {
  readonly code: string;
  readonly hint?: string;

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options: ImportErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? new.target.name;
    this.hint = options.hint;
  }
}

/** Bad flags, a header that does not fit the pool, a file that cannot be read: exit 2, nothing changed. */
export class ImportUsageError extends ImportError {
  constructor(
    message: string,
    options: ImportErrorOptions & {
      /** The row of the CSV the problem is on (header = row 1), when there is one. */
      row?: number;
    } = {},
  ) {
    super(message, 2, options);
    this.row = options.row;
  }
  readonly row?: number;
}

/**
 * The CSV itself is malformed (unclosed quote, wrong column count, binary data, a row longer than
 * the limit, an empty file). `row` counts records as a spreadsheet shows them (header = row 1);
 * `line` is the physical line of the file where the problem was detected, which differs when
 * quoted fields span several lines.
 */
export class CsvFormatError extends ImportUsageError {
  constructor(
    message: string,
    override readonly row: number,
    readonly line: number,
    options: ImportErrorOptions = {},
  ) {
    super(message, { ...options, row });
  }
}

/** Another import of the same file into the same pool holds the journal. */
export class JournalLockedError extends ImportError {
  constructor(message: string, options: ImportErrorOptions = {}) {
    super(message, 1, { code: 'JournalLocked', ...options });
  }
}

/** A server-side import job (--mode job) failed, stopped or expired. */
export class ImportJobError extends ImportError {
  constructor(message: string, options: ImportErrorOptions = {}) {
    super(message, 1, options);
  }
}
