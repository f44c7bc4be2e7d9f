// Turning values into cells: the one place that decides how dates, lists and objects look.

export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Plain JSON: Dates as ISO strings, undefined dropped, the SDK's $metadata left out. */
export function toJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === '$metadata' ? undefined : v)),
  );
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV field, quoted when needed (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula. A leading
 * apostrophe makes it text; `user import` removes exactly one such apostrophe again.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvLine(values: string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
