// Maps the CSV header onto the pool: which column is the username, which are attributes, groups,
// password, enabled. Everything here runs before any call that changes the pool, and every problem
// is an ImportUsageError (exit 2) naming the columns involved.
import { ImportUsageError } from '../bulk/errors.js';
import { SYSTEM_ATTRIBUTES, type PoolAttribute, type PoolFacts } from './pool-facts.js';

export type ColumnKind = 'username' | 'attribute' | 'groups' | 'password' | 'enabled' | 'mfa' | 'ignored';

export interface ColumnPlan {
  /** Position in the CSV row. */
  index: number;
  /** The header cell as written in the file. */
  source: string;
  /** What the column is used for (after --map). */
  kind: ColumnKind;
  /** For kind 'attribute': the pool attribute. */
  attribute?: PoolAttribute;
}

export interface HeaderPlan {
  header: readonly string[];
  columns: ColumnPlan[];
  /** Column of the username, or -1 when the username is taken from `usernameFrom`. */
  usernameIndex: number;
  /** For pools that sign in with email/phone and files without a username column. */
  usernameFrom?: 'email' | 'phone_number';
  attributes: ColumnPlan[];
  groupsIndex: number;
  passwordIndex: number;
  enabledIndex: number;
  mfaIndex: number;
  /** The header is Cognito's own import template (GetCSVHeader). */
  cognitoTemplate: boolean;
  /** Notes for the operator (ignored columns and the like); never fatal. */
  warnings: string[];
}

export interface HeaderOptions {
  /** `--map col=attribute` pairs: file column → what it is. An empty target ignores the column. */
  map?: Record<string, string>;
}

/** Columns `user import` understands besides attributes. */
const SPECIAL: Record<string, ColumnKind> = {
  username: 'username',
  'cognito:username': 'username',
  groups: 'groups',
  password: 'password',
  enabled: 'enabled',
  'cognito:mfa_enabled': 'mfa',
  // Added by the failures report; a fixed failures file is fed back as is.
  error_code: 'ignored',
  error_message: 'ignored',
};

/** Cognito's GetCSVHeader columns for a pool with no custom attributes. */
export const COGNITO_TEMPLATE_COLUMNS = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile',
  'picture', 'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale',
  'phone_number', 'phone_number_verified', 'address', 'updated_at', 'cognito:mfa_enabled', 'cognito:username',
] as const;

/** Parses repeated `--map col=attribute` values. The last `=` separates (column names may hold one). */
export function parseMappings(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    if (eq <= 0) {
      throw new ImportUsageError(`--map ${JSON.stringify(value)}: expected <column>=<attribute>, e.g. --map "E-mail=email"`, {
        code: 'InvalidMapping',
      });
    }
    const from = value.slice(0, eq).trim();
    if (Object.hasOwn(map, from)) {
      throw new ImportUsageError(`--map: column ${JSON.stringify(from)} is mapped twice`, { code: 'InvalidMapping' });
    }
    map[from] = value.slice(eq + 1).trim();
  }
  return map;
}

function resolveName(name: string, pool: PoolFacts): { kind: ColumnKind; attribute?: PoolAttribute } | undefined {
  const special = SPECIAL[name] ?? SPECIAL[name.toLowerCase()];
  if (special) return { kind: special };
  const exact = pool.attributes.get(name);
  if (exact) return { kind: 'attribute', attribute: exact };
  if (!name.includes(':')) {
    // Standard attributes are lower case; forgive `Email` or `Given_Name`.
    const lower = pool.attributes.get(name.toLowerCase());
    if (lower) return { kind: 'attribute', attribute: lower };
  }
  return undefined;
}

export function planHeader(header: readonly string[], pool: PoolFacts, options: HeaderOptions = {}): HeaderPlan {
  const map = options.map ?? {};
  const warnings: string[] = [];
  const present = new Set(header);
  const missingSources = Object.keys(map).filter((from) => !present.has(from));
  if (missingSources.length > 0) {
    throw new ImportUsageError(
      `--map names ${missingSources.map((s) => JSON.stringify(s)).join(', ')}, which ${missingSources.length === 1 ? 'is not a column' : 'are not columns'} of the file (columns: ${header.join(', ')})`,
      { code: 'InvalidMapping', row: 1 },
    );
  }

  const columns: ColumnPlan[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>(); // target → source column
  for (let index = 0; index < header.length; index++) {
    const source = header[index]!;
    const mapped = Object.hasOwn(map, source);
    const target = mapped ? map[source]! : source;
    if (target === '') {
      columns.push({ index, source, kind: 'ignored' });
      if (!mapped) warnings.push(`column ${index + 1} has no name and is ignored`);
      continue;
    }
    const resolved = resolveName(target, pool);
    if (!resolved) {
      unknown.push(mapped ? `${source} (mapped to ${target})` : source);
      continue;
    }
    let { kind } = resolved;
    const { attribute } = resolved;
    if (kind === 'attribute' && attribute && SYSTEM_ATTRIBUTES.has(attribute.name)) {
      warnings.push(`column ${JSON.stringify(source)} is ignored: Cognito sets ${attribute.name} itself`);
      kind = 'ignored';
    }
    if (kind !== 'ignored') {
      const key = kind === 'attribute' ? attribute!.name : kind;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new ImportUsageError(
          `columns ${JSON.stringify(earlier)} and ${JSON.stringify(source)} both give ${key === 'username' ? 'the username' : key}`,
          { code: 'DuplicateColumn', row: 1, hint: 'remove one of them, or ignore one with --map "<column>="' },
        );
      }
      seen.set(key, source);
    }
    columns.push({ index, source, kind, attribute: kind === 'attribute' ? attribute : undefined });
  }
  if (unknown.length > 0) {
    throw new ImportUsageError(
      `unknown ${unknown.length === 1 ? 'column' : 'columns'} ${unknown.map((u) => JSON.stringify(u)).join(', ')}: not ${unknown.length === 1 ? 'an attribute' : 'attributes'} of pool ${pool.poolId}`,
      {
        code: 'UnknownAttribute',
        row: 1,
        hint: 'custom attributes are named custom:<name>; rename a column with --map "<column>=<attribute>" or ignore it with --map "<column>="',
      },
    );
  }

  const find = (kind: ColumnKind) => columns.find((c) => c.kind === kind)?.index ?? -1;
  const attributes = columns.filter((c) => c.kind === 'attribute');
  const hasAttribute = (name: string) => attributes.some((c) => c.attribute!.name === name);

  let usernameIndex = find('username');
  let usernameFrom: HeaderPlan['usernameFrom'];
  if (usernameIndex === -1) {
    const from = pool.usernameAttributes.find((a) => (a === 'email' || a === 'phone_number') && hasAttribute(a));
    if (!from) {
      throw new ImportUsageError(
        pool.usernameAttributes.length > 0
          ? `the file has no username column and no ${pool.usernameAttributes.join(' or ')} column to sign in with`
          : 'the file has no username column (username or cognito:username)',
        { code: 'MissingUsernameColumn', row: 1, hint: 'name the column username, or use --map "<column>=username"' },
      );
    }
    usernameFrom = from as 'email' | 'phone_number';
    usernameIndex = -1;
  }

  const missingRequired: string[] = [];
  for (const attribute of pool.attributes.values()) {
    if (!attribute.required || SYSTEM_ATTRIBUTES.has(attribute.name)) continue;
    if (hasAttribute(attribute.name)) continue;
    // In a pool that signs in with email (or phone), the username is that attribute.
    if (pool.usernameAttributes.includes(attribute.name) && find('username') !== -1) continue;
    missingRequired.push(attribute.name);
  }
  if (missingRequired.length > 0) {
    throw new ImportUsageError(
      `pool ${pool.poolId} requires ${missingRequired.join(', ')}, but the file has no ${missingRequired.length === 1 ? 'such column' : 'such columns'}`,
      { code: 'MissingRequiredAttribute', row: 1 },
    );
  }

  const mfaIndex = find('mfa');
  const cognitoTemplate = COGNITO_TEMPLATE_COLUMNS.every((c) => present.has(c));
  return {
    header,
    columns,
    usernameIndex,
    usernameFrom,
    attributes,
    groupsIndex: find('groups'),
    passwordIndex: find('password'),
    enabledIndex: find('enabled'),
    mfaIndex,
    cognitoTemplate,
    warnings,
  };
}
