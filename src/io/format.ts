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

/** `delete user ann` → `Delete user ann` (prompts begin with a capital). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
