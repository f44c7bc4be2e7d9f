// The one CSV writer (every CSV the tool writes: -o csv, user export, failures files) and its one
// spreadsheet formula rule, which export and -o csv apply and import undoes.
//
// The rule, chosen so that export → import is exact for every value:
//   export: a cell that matches /^'*[=+\-@\t\r]/ (a formula trigger, possibly already preceded by
//           apostrophes) is written with one more leading apostrophe;
//   import: a cell that matches /^'+[=+\-@\t\r]/ loses one leading apostrophe.
// Any value v either matches the export pattern (then the file holds "'" + v, which matches the
// import pattern, and import gives back v) or it does not (then the file holds v, and v cannot
// match the import pattern, which is a subset of the export one, so import gives back v).
// A hand-made file benefits too: a phone number typed as '+15551234567 to stop Excel from turning
// it into a formula imports as +15551234567. The password column is exempt (taken verbatim; export
// never writes passwords). The failures file writes cells exactly as they were read, so a fixed
// failures file round-trips through the same rule.

const EXPORT_TRIGGER = /^'*[=+\-@\t\r]/;
const IMPORT_TRIGGER = /^'+[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return EXPORT_TRIGGER.test(value) ? `'${value}` : value;
}

export function restoreCell(value: string): string {
  return value.charCodeAt(0) === 39 /* ' */ && IMPORT_TRIGGER.test(value) ? value.slice(1) : value;
}

/**
 * One CSV line: quoted when it holds a comma, quote, CR or LF, or edge spaces. Files end their
 * lines with CRLF (RFC 4180); `-o csv` on stdout with LF, as other Unix tools do.
 */
export function formatCsvRow(cells: readonly string[], eol: '\r\n' | '\n' = '\r\n'): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    out += quoteCsvCell(cells[i] ?? '');
  }
  return out + eol;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function quoteCsvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
