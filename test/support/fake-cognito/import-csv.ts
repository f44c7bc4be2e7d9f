// Reads an import job's CSV the way Cognito documents it: no quoting (a comma inside a value is
// written `\,`), values trimmed, a header naming exactly the GetCSVHeader columns in any order,
// cognito:username, cognito:mfa_enabled and a verified auto-verified attribute on every row.
import { randomUUID } from 'node:crypto';
import type { Limits } from './context.js';
import { STANDARD_ATTRIBUTES } from './describe.js';
import { type PoolState } from './state.js';
import { createUser, findUser } from './user-store.js';

export function csvHeader(pool: PoolState): string[] {
  return [...STANDARD_ATTRIBUTES.map(([name]) => name), ...pool.customAttributes, 'cognito:mfa_enabled', 'cognito:username'];
}

/** Splits on commas not escaped with a backslash, unescapes `\,` and trims. */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && line[i + 1] === ',') {
      current += ',';
      i++;
    } else if (ch === ',') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

export interface ImportRun {
  /** Set when the whole file is refused (the job fails with this CompletionMessage). */
  fatal?: string;
  imported: number;
  failed: number;
  skipped: number;
  log: string[];
}

const EMAIL = /^[^\s@"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+[1-9]\d{1,14}$/;

function checkHeader(pool: PoolState, header: string[]): string | undefined {
  const expected = csvHeader(pool);
  const seen = new Set<string>();
  for (const column of header) {
    if (!expected.includes(column)) return `The CSV header is not valid: ${column} is not a column of this user pool's CSV header.`;
    if (seen.has(column)) return `The CSV header is not valid: ${column} appears twice.`;
    seen.add(column);
  }
  const missing = expected.filter((c) => !seen.has(c));
  if (missing.length) return `The CSV header is not valid: missing columns ${missing.join(', ')}.`;
  return undefined;
}

/** Why a row cannot be imported, or undefined when it can. */
function rowProblem(pool: PoolState, row: Record<string, string>): string | undefined {
  const username = row['cognito:username'] ?? '';
  if (!username) return 'The cognito:username attribute is required.';
  if (/\s/.test(username)) return 'The cognito:username attribute cannot contain spaces or tabs.';
  const mfa = row['cognito:mfa_enabled'];
  if (mfa !== 'true' && mfa !== 'false') return 'The cognito:mfa_enabled attribute must be true or false.';
  if (pool.mfa === 'ON' && mfa !== 'true') return 'MFA is required by the user pool: cognito:mfa_enabled must be true.';
  if (pool.mfa === 'OFF' && mfa !== 'false') return 'MFA is off in the user pool: cognito:mfa_enabled must be false.';
  for (const flag of ['email_verified', 'phone_number_verified']) {
    if (!['', 'true', 'false'].includes(row[flag] ?? '')) return `The ${flag} attribute must be true or false.`;
  }
  const verified = pool.autoVerifiedAttributes.filter((a) => row[`${a}_verified`] === 'true');
  if (verified.length === 0) {
    return 'The User Record does not set any of the auto verified attributes to verified. (Example: email_verified to true).';
  }
  if (row.email_verified === 'true' && !row.email) return 'email_verified is true but the email attribute is empty.';
  if (row.phone_number_verified === 'true' && !row.phone_number) {
    return 'phone_number_verified is true but the phone_number attribute is empty.';
  }
  if (row.email && !EMAIL.test(row.email)) return `Invalid email address format: ${row.email}`;
  if (row.phone_number && !PHONE.test(row.phone_number)) return `Invalid phone number format: ${row.phone_number}`;
  if (row.updated_at && !/^\d+$/.test(row.updated_at)) return 'updated_at must be a number of seconds since the epoch.';
  for (const attr of pool.requiredAttributes) {
    if (!row[attr]) return `The required attribute ${attr} is missing.`;
  }
  if (pool.usernameAttributes.length && !pool.usernameAttributes.some((a) => row[a])) {
    return `The user pool signs users in with ${pool.usernameAttributes.join(' or ')}, and the row has none.`;
  }
  return undefined;
}

export function runImport(pool: PoolState, text: string, limits: Limits): ImportRun {
  const run: ImportRun = { imported: 0, failed: 0, skipped: 0, log: [] };
  if (text.charCodeAt(0) === 0xfeff) return { ...run, fatal: 'The CSV file must be UTF-8 without a byte order mark.' };
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return { ...run, fatal: 'The CSV file is empty.' };
  if (lines.length - 1 > limits.maxImportUsers) {
    return { ...run, fatal: `The CSV file has more than ${limits.maxImportUsers} users.` };
  }
  const header = splitLine(lines[0]!);
  const bad = checkHeader(pool, header);
  if (bad) return { ...run, fatal: bad };
  if (pool.autoVerifiedAttributes.length === 0) {
    return { ...run, fatal: 'The user pool has no auto-verified attributes (email or phone_number).' };
  }
  for (let i = 1; i < lines.length; i++) {
    const lineNumber = i + 1;
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const failRow = (why: string) => {
      run.failed++;
      run.log.push(`[FAILED] Line Number ${lineNumber} - ${why}`);
    };
    if (line.length > limits.maxImportLineLength) {
      failRow(`The line is longer than ${limits.maxImportLineLength} characters.`);
      continue;
    }
    const values = splitLine(line);
    if (values.length !== header.length) {
      failRow(`The line has ${values.length} values but the header has ${header.length} columns.`);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((column, index) => (row[column] = values[index]!));
    const problem = rowProblem(pool, row);
    if (problem) {
      failRow(problem);
      continue;
    }
    const username = row['cognito:username']!;
    const signIn = pool.usernameAttributes.map((a) => row[a]).filter((v): v is string => Boolean(v));
    if (findUser(pool, username) || signIn.some((v) => findUser(pool, v))) {
      failRow('User already exists.');
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const column of header) {
      if (!column.startsWith('cognito:') && row[column]) attributes[column] = row[column]!;
    }
    const sub = randomUUID();
    const user = createUser(pool, {
      username: pool.usernameAttributes.length ? signIn[0]! : username,
      attributes: { ...attributes, sub },
      status: 'RESET_REQUIRED',
      mfa: { sms: row['cognito:mfa_enabled'] === 'true' && Boolean(row.phone_number) },
    });
    user.password = undefined;
    run.imported++;
    run.log.push(`[SUCCEEDED] Line Number ${lineNumber} - The import succeeded.`);
  }
  return run;
}
