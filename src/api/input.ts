// The request of an `api` call: a JSON document (`--input`) with `--field Key=Value` on top.
// A field's value gets the type the operation's input declares for that member, as the AWS CLI
// would send it: numbers and booleans for numeric and boolean members, the text as is for
// strings (so `Username=12345` stays a string), parsed JSON for lists, maps and structures.
import { UsageError } from '../errors.js';
import type { Shape } from './schema.js';

export function parseInputDocument(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--input ${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--input ${source} must be a JSON object ({"UserPoolId": "…"})`);
  }
  return value as Record<string, unknown>;
}

/**
 * Merges `Key=Value` fields into the input. `members` is the input structure as the SDK's schema
 * describes it; when it is empty (unreadable), any key is accepted and values that parse as
 * JSON are sent parsed.
 */
export function applyFields(
  input: Record<string, unknown>,
  fields: string[],
  members: Map<string, Shape>,
  operation: string,
): Record<string, unknown> {
  const out = { ...input };
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field "${field}": expected Key=Value`);
    const key = field.slice(0, eq);
    const text = field.slice(eq + 1);
    const shape = members.get(key);
    if (members.size && !shape) {
      throw new UsageError(`${operation} has no input member "${key}"`, {
        hint: `its members: ${[...members.keys()].join(', ')}`,
      });
    }
    out[key] = fieldValue(key, text, shape);
  }
  return out;
}

function fieldValue(key: string, text: string, shape: Shape | undefined): unknown {
  switch (shape?.kind) {
    case 'string':
    case 'blob':
      return text;
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--field ${key}: expected a number, got "${text}"`);
      return n;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new UsageError(`--field ${key}: expected true or false, got "${text}"`);
      return text === 'true';
    case 'timestamp': {
      const seconds = Number(text);
      const date = text.trim() !== '' && Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(text);
      if (Number.isNaN(date.getTime())) throw new UsageError(`--field ${key}: expected a date or epoch seconds, got "${text}"`);
      return date;
    }
    case 'list':
    case 'map':
    case 'struct':
    case 'document': {
      const parsed = tryJson(text);
      if (parsed.ok) return parsed.value;
      // A list of plain words may be written as the AWS CLI's shorthand: a,b,c.
      if (shape.kind === 'list') return text.split(',').map((s) => s.trim()).filter(Boolean);
      throw new UsageError(`--field ${key}: expected JSON (${shape.kind === 'map' ? 'an object' : `a ${shape.kind}`}), got "${text}"`);
    }
    default: {
      const parsed = tryJson(text);
      return parsed.ok ? parsed.value : text;
    }
  }
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
