// Reads the schema the AWS SDK ships with every command (Smithy's compact "static schema"
// arrays), for what `api` needs to know about an operation it has no code for: the input's
// member names and scalar types (so `--field` values get the type the operation expects), the
// page-token members, and which output members the model marks @sensitive (so they are masked).
// Anything this reader does not recognise is "unknown", and callers fall back to the plain rules.

type Ref = unknown;

export type Kind =
  | 'string' | 'number' | 'boolean' | 'timestamp' | 'blob' | 'document'
  | 'list' | 'map' | 'struct' | 'unknown';

export interface Shape {
  kind: Kind;
  sensitive: boolean;
  /** The named scalar type behind a member, e.g. `ClientSecretType`. */
  type?: string;
  /** struct: member name → schema */
  members?: [string, Ref][];
  /** list and map: the value's schema */
  value?: Ref;
}

const SENSITIVE_TRAIT = 0b1000;
const LIST_MODIFIER = 0b0100_0000;
const MAP_MODIFIER = 0b1000_0000;

function deref(ref: Ref): Ref {
  return typeof ref === 'function' ? (ref as () => Ref)() : ref;
}

function isSensitive(traits: unknown): boolean {
  if (typeof traits === 'number') return (traits & SENSITIVE_TRAIT) !== 0;
  return typeof traits === 'object' && traits !== null && Boolean((traits as { sensitive?: unknown }).sensitive);
}

function scalarKind(code: number): Kind {
  if (code === 0) return 'string';
  if (code === 1 || code === 17 || code === 19) return 'number';
  if (code === 2) return 'boolean';
  if (code >= 4 && code <= 7) return 'timestamp';
  if (code === 15) return 'document';
  if (code === 21 || code === 42) return 'blob';
  return 'unknown';
}

export function shapeOf(ref: Ref): Shape {
  let sensitive = false;
  let type: string | undefined;
  let s = deref(ref);
  // A member schema is a pair [target, member traits].
  while (Array.isArray(s) && s.length === 2) {
    sensitive ||= isSensitive(s[1]);
    s = deref(s[0]);
  }
  // A simple schema names a scalar: [0, namespace, name, traits, scalar].
  if (Array.isArray(s) && s[0] === 0) {
    sensitive ||= isSensitive(s[3]);
    type = typeof s[2] === 'string' ? s[2] : undefined;
    s = deref(s[4]);
  }
  if (typeof s === 'number') {
    if (s >= MAP_MODIFIER && s <= 0xff) return { kind: 'map', sensitive, value: s & 0b0011_1111 };
    if (s >= LIST_MODIFIER && s < MAP_MODIFIER) return { kind: 'list', sensitive, value: s & 0b0011_1111 };
    return { kind: scalarKind(s), sensitive, type };
  }
  if (!Array.isArray(s)) return { kind: 'unknown', sensitive };
  sensitive ||= isSensitive(s[3]);
  switch (s[0]) {
    case 1:
      return { kind: 'list', sensitive, value: s[4] };
    case 2:
      return { kind: 'map', sensitive, value: s[5] };
    case 3:
    case -3: {
      const names = Array.isArray(s[4]) ? (s[4] as string[]) : [];
      const refs = Array.isArray(s[5]) ? (s[5] as Ref[]) : [];
      return { kind: 'struct', sensitive, members: names.map((n, i) => [n, refs[i]]) };
    }
    default:
      return { kind: 'unknown', sensitive };
  }
}

/** An operation's input and output schemas: [9, namespace, name, traits, input, output]. */
export function operationSchemas(operationSchema: unknown): { input: Ref; output: Ref } | undefined {
  const op = deref(operationSchema);
  if (!Array.isArray(op) || op[0] !== 9) return undefined;
  return { input: op[4], output: op[5] };
}

/** The members of a structure, by name; empty when the schema cannot be read. */
export function membersOf(ref: Ref): Map<string, Shape> {
  const shape = ref === undefined ? undefined : shapeOf(ref);
  return new Map((shape?.members ?? []).map(([name, member]) => [name, shapeOf(member)]));
}

// The Cognito model marks personal data @sensitive as well as secrets: user names, attribute
// values, client ids and IP addresses are what an operator calls `api` to see, not secrets.
export const PERSONAL_NOT_SECRET = new Set(['UsernameType', 'AttributeValueType', 'ClientIdType', 'SessionIpAddressType']);

/** A copy of `data` with every secret value the schema marks sensitive replaced by `mask`. */
export function maskSensitive(ref: Ref, data: unknown, mask: string, depth = 0): unknown {
  if (data === null || data === undefined || depth > 40) return data;
  const shape = shapeOf(ref);
  if (shape.sensitive && !(shape.type && PERSONAL_NOT_SECRET.has(shape.type))) return mask;
  if (shape.kind === 'list' && Array.isArray(data)) {
    return data.map((v) => maskSensitive(shape.value, v, mask, depth + 1));
  }
  if (shape.kind === 'map' && typeof data === 'object') {
    return Object.fromEntries(
      Object.entries(data as object).map(([k, v]) => [k, maskSensitive(shape.value, v, mask, depth + 1)]),
    );
  }
  if (shape.kind === 'struct' && typeof data === 'object' && !Array.isArray(data) && !(data instanceof Date)) {
    const members = new Map(shape.members);
    return Object.fromEntries(
      Object.entries(data as object).map(([k, v]) => [k, members.has(k) ? maskSensitive(members.get(k), v, mask, depth + 1) : v]),
    );
  }
  return data;
}
