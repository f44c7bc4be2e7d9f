// `user export`: every user with every attribute, the enabled flag and group memberships, as a
// CSV that `user import` takes back unchanged (disabled users stay disabled, groups come back).
//
// The header has to be written before the first user is seen, and ListUsers streams: so the
// columns come from the pool's schema (DescribeUserPool lists every standard and custom
// attribute), in a fixed order: username, the standard attributes in Cognito's template order,
// custom and developer attributes sorted by name, enabled, groups. An attribute a user has that is
// not in that list (only sub/identities, which Cognito sets itself) is counted, not written.
// Cells a spreadsheet would run as a formula are neutralised (see src/io/csv.ts for the exact rule,
// which import reverses).
import type { Writable } from 'node:stream';
import { formatCsvRow, neutraliseCell } from '../io/csv.js';
import { COGNITO_TEMPLATE_COLUMNS } from './header.js';
import { SYSTEM_ATTRIBUTES, type PoolFacts } from './pool-facts.js';

export interface ExportedUser {
  /** As ListUsers returns it (the sub, in pools that sign in with email or phone). */
  username: string;
  /** ListUsers' Attributes (Name/Value pairs) or a plain record. */
  attributes: Record<string, string> | ReadonlyArray<{ Name?: string; Value?: string }>;
  enabled: boolean;
  /** UserStatus: EXTERNAL_PROVIDER users (federated) are not exported: import cannot recreate them. */
  status?: string;
}

export interface ExportOptions {
  pool: PoolFacts;
  /** ListUsers pages (at most 60 users each), or single users. */
  users: AsyncIterable<ExportedUser | readonly ExportedUser[]>;
  /** AdminListGroupsForUser, all pages. Called with the username ListUsers gave. */
  groupsOf: (username: string, signal?: AbortSignal) => Promise<string[]>;
  out: Writable;
  /** Group lookups in parallel (default 4); rows are still written in ListUsers order. */
  concurrency?: number;
  /** Start with a UTF-8 byte order mark (helps Excel with accented names). */
  bom?: boolean;
  signal?: AbortSignal;
  /** Called after each page with the number of users written so far. */
  onProgress?: (users: number) => void;
}

export interface ExportResult {
  users: number;
  columns: string[];
  /** Federated users left out. */
  skippedFederated: number;
  /** Attributes users had that have no column (sub, identities…), with how many users had them. */
  unexportedAttributes: Record<string, number>;
  /** Group names containing ';' (the separator of the groups column): they would not round-trip. */
  ambiguousGroups: string[];
}

const TEMPLATE_ORDER: ReadonlyMap<string, number> = new Map(COGNITO_TEMPLATE_COLUMNS.map((c, i) => [c, i]));

/** The export's columns for a pool. */
export function exportColumns(pool: PoolFacts): string[] {
  const attributes = [...pool.attributes.keys()].filter((name) => !SYSTEM_ATTRIBUTES.has(name));
  attributes.sort((a, b) => {
    const ia = TEMPLATE_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
    const ib = TEMPLATE_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ia !== ib ? ia - ib : a < b ? -1 : a > b ? 1 : 0;
  });
  return ['username', ...attributes, 'enabled', 'groups'];
}

function toRecord(attributes: ExportedUser['attributes']): Record<string, string> {
  if (!Array.isArray(attributes)) return attributes as Record<string, string>;
  const out: Record<string, string> = {};
  for (const a of attributes as ReadonlyArray<{ Name?: string; Value?: string }>) {
    if (a.Name !== undefined) out[a.Name] = a.Value ?? '';
  }
  return out;
}

/** The username import must use: the sign-in email/phone in pools where ListUsers gives a sub. */
function importUsername(user: ExportedUser, attributes: Record<string, string>, pool: PoolFacts): string {
  if (pool.usernameAttributes.length === 0) return user.username;
  for (const attribute of pool.usernameAttributes) {
    const value = attributes[attribute];
    if (value) return value;
  }
  return user.username;
}

async function mapInOrder<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function write(out: Writable, text: string): Promise<void> {
  if (out.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      out.off('drain', onDrain);
      reject(err);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

export async function writeExport(options: ExportOptions): Promise<ExportResult> {
  const { pool, out } = options;
  const columns = exportColumns(pool);
  const attributeColumns = columns.slice(1, -2);
  const known = new Set(attributeColumns);
  const result: ExportResult = { users: 0, columns, skippedFederated: 0, unexportedAttributes: {}, ambiguousGroups: [] };
  const ambiguous = new Set<string>();

  await write(out, (options.bom ? '\uFEFF' : '') + formatCsvRow(columns));
  for await (const item of options.users) {
    options.signal?.throwIfAborted();
    const page = (Array.isArray(item) ? item : [item]) as readonly ExportedUser[];
    const users = page.filter((u) => {
      if (u.status === 'EXTERNAL_PROVIDER') {
        result.skippedFederated++;
        return false;
      }
      return true;
    });
    const groups = await mapInOrder(users, options.concurrency ?? 4, (u) => options.groupsOf(u.username, options.signal));
    let text = '';
    for (let k = 0; k < users.length; k++) {
      const user = users[k]!;
      const attributes = toRecord(user.attributes);
      for (const name of Object.keys(attributes)) {
        if (!known.has(name)) result.unexportedAttributes[name] = (result.unexportedAttributes[name] ?? 0) + 1;
      }
      const userGroups = [...groups[k]!].sort();
      for (const g of userGroups) if (g.includes(';')) ambiguous.add(g);
      const cells = [importUsername(user, attributes, pool)];
      for (const name of attributeColumns) cells.push(attributes[name] ?? '');
      cells.push(user.enabled ? 'true' : 'false', userGroups.join(';'));
      text += formatCsvRow(cells.map(neutraliseCell));
    }
    await write(out, text);
    result.users += users.length;
    options.onProgress?.(result.users);
  }
  result.ambiguousGroups = [...ambiguous].sort();
  return result;
}
