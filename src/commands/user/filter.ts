// The ListUsers filter language (`attribute op "value"`), checked before anything is sent:
// Cognito answers a bad filter with a bare InvalidParameterException after a round trip. The
// same parsed filter is applied client-side where Cognito cannot filter (ListUsersInGroup, or
// --status next to --filter).
import { UsageError } from '../../errors.js';

/** The attributes ListUsers can search on; custom attributes are not searchable. */
export const SEARCHABLE = [
  'username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username',
  'cognito:user_status', 'status', 'sub',
] as const;

export const USER_STATUSES = [
  'UNCONFIRMED', 'CONFIRMED', 'ARCHIVED', 'COMPROMISED', 'UNKNOWN', 'RESET_REQUIRED',
  'FORCE_CHANGE_PASSWORD', 'EXTERNAL_PROVIDER',
] as const;

export interface Filter {
  attribute: (typeof SEARCHABLE)[number];
  /** `=` exact match, `^=` starts with. */
  op: '=' | '^=';
  value: string;
}

const FILTER_HINT = 'the form is attribute = "value" or attribute ^= "value", e.g. --filter \'email ^= "ann"\'';
// attribute, then a run of operator characters (or a word operator), then the quoted value.
const SHAPE = /^\s*(\S+?)(?:\s*([=^!<>~*$|]+)|\s+(contains|starts_with|like|in)(?=\s))\s*(.*?)\s*$/i;

export function parseFilter(text: string): Filter {
  const shape = SHAPE.exec(text);
  if (!shape) throw new UsageError(`--filter '${text}' is not a filter`, { hint: FILTER_HINT });
  const [, attribute, symbol, word, quoted] = shape as unknown as [string, string, string | undefined, string | undefined, string];
  const op = symbol ?? word!;
  if (op !== '=' && op !== '^=') {
    throw new UsageError(`--filter: the operator ${op} is not supported; only = (equals) and ^= (starts with)`, { hint: FILTER_HINT });
  }
  if (!(SEARCHABLE as readonly string[]).includes(attribute)) {
    const custom = attribute.startsWith('custom:') ? ' (Cognito cannot search custom attributes)' : '';
    throw new UsageError(`--filter: cannot search on ${attribute}${custom}`, {
      hint: `searchable attributes: ${SEARCHABLE.join(', ')}`,
    });
  }
  const value = unquote(quoted, text);
  const filter: Filter = { attribute: attribute as Filter['attribute'], op, value };
  checkFilterValue(filter);
  return filter;
}

/** The value between double quotes, with `\"` and `\\` escapes; anything else is refused. */
function unquote(quoted: string, text: string): string {
  const match = /^"((?:[^"\\]|\\["\\])*)"$/.exec(quoted);
  if (!match) {
    const why = quoted.startsWith('"') ? 'the value has an unescaped " or no closing quote' : 'the value must be in double quotes';
    throw new UsageError(`--filter '${text}': ${why}`, { hint: `${FILTER_HINT}; write \\" for a quote inside the value` });
  }
  return match[1]!.replace(/\\(["\\])/g, '$1');
}

function checkFilterValue(filter: Filter): void {
  if (filter.op !== '=') return;
  if (filter.attribute === 'status' && filter.value !== 'Enabled' && filter.value !== 'Disabled') {
    throw new UsageError(`--filter: status is "Enabled" or "Disabled" (case-sensitive), not "${filter.value}"`, {
      hint: 'for the account status use cognito:user_status, or --status',
    });
  }
  if (filter.attribute === 'cognito:user_status' && !(USER_STATUSES as readonly string[]).includes(filter.value.toUpperCase())) {
    throw new UsageError(`--filter: "${filter.value}" is not a user status`, { hint: `statuses: ${USER_STATUSES.join(', ')}` });
  }
}

/** The canonical text Cognito receives. */
export function formatFilter(filter: Filter): string {
  return `${filter.attribute} ${filter.op} "${filter.value.replace(/(["\\])/g, '\\$1')}"`;
}

export interface FilterableUser {
  Username?: string;
  UserStatus?: string;
  Enabled?: boolean;
  Attributes?: Array<{ Name?: string; Value?: string }>;
}

/** Cognito's matching rules: cognito:user_status ignores case, everything else is exact. */
export function matchesFilter(user: FilterableUser, filter: Filter): boolean {
  let actual: string | undefined;
  let expected = filter.value;
  switch (filter.attribute) {
    case 'username':
      actual = user.Username;
      break;
    case 'cognito:user_status':
      actual = user.UserStatus?.toUpperCase();
      expected = expected.toUpperCase();
      break;
    case 'status':
      actual = user.Enabled === undefined ? undefined : user.Enabled ? 'Enabled' : 'Disabled';
      break;
    default:
      actual = user.Attributes?.find((a) => a.Name === filter.attribute)?.Value;
  }
  if (actual === undefined) return false;
  return filter.op === '=' ? actual === expected : actual.startsWith(expected);
}

/** `--status` takes any case on the command line; Cognito wants upper case. */
export function parseStatus(value: string): string {
  const status = value.trim().toUpperCase();
  if (!(USER_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status ${value}: expected one of ${USER_STATUSES.join(', ')}`);
  }
  return status;
}
