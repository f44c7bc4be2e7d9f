// Row validation: everything that can be known to fail without asking Cognito is caught here, so
// invalid rows are reported with their row number and never sent. Runs at several hundred thousand
// rows per second with flat memory (duplicates are tracked in a UsernameSet, not a Set of strings).
import { restoreCell } from '../io/csv.js';
import { splitOn, type CsvRow, type CsvSource } from './csv-source.js';
import type { HeaderPlan } from './header.js';
import type { PasswordPolicyFacts, PoolAttribute, PoolFacts } from './pool-facts.js';
import { UsernameSet } from './username-set.js';

/** A valid row, ready to be sent. Attribute values are as Cognito takes them. */
export interface UserSpec {
  line: number;
  username: string;
  /** Attribute name → value; `email_verified` / `phone_number_verified` as 'true' / 'false'. */
  attributes: Record<string, string>;
  groups: string[];
  /** A permanent password to set (the `password` column). */
  password?: string;
  /**
   * The `enabled` column (written by `user export`): false = disable the user after creating it,
   * true = make sure it is enabled; undefined when the file does not say.
   */
  enabled?: boolean;
  /** The cognito:mfa_enabled column, when present and not empty. */
  mfaEnabled?: boolean;
}

export type RowCheck =
  | { ok: true; user: UserSpec }
  | { ok: false; line: number; username?: string; code: string; message: string };

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
/** Cognito's username pattern: letters, marks, symbols, numbers, punctuation; no spaces. */
export const USERNAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
/** Printable ASCII without space: all of it is in the classes above, and the test is much cheaper. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** USERNAME_PATTERN, with a fast path for the common all-ASCII case. */
export function isValidUsernameText(value: string): boolean {
  return PRINTABLE_ASCII.test(value) || USERNAME_PATTERN.test(value);
}

/** EMAIL_PATTERN, hand-coded in one pass (the regex backtracks over the domain); also refuses control characters. */
export function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || at === value.length - 1 || value.indexOf('@', at + 1) !== -1) return false;
  let labelStart = at + 1;
  let dots = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 32 || (c >= 0x7f && isSpaceCode(c))) return false;
    if (i > at && c === 46 /* . */) {
      if (i === labelStart) return false; // empty label
      labelStart = i + 1;
      dots++;
    }
  }
  return dots > 0 && labelStart < value.length;
}

function isSpaceCode(c: number): boolean {
  return /\s/.test(String.fromCharCode(c));
}
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER_PATTERN = /^-?\d+$/;
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

/** 'true' / 'false' for the spellings spreadsheets produce, undefined for anything else. */
function parseBoolean(value: string): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

type ValueKind = 'email' | 'phone' | 'boolean' | 'integer' | 'birthdate' | 'text';

interface AttributeRule {
  index: number;
  name: string;
  kind: ValueKind;
  /** Structured values lose edge whitespace; free text is kept verbatim. */
  trim: boolean;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
}

function ruleFor(index: number, attribute: PoolAttribute): AttributeRule {
  const name = attribute.name;
  let kind: ValueKind = 'text';
  if (name === 'email') kind = 'email';
  else if (name === 'phone_number') kind = 'phone';
  else if (attribute.type === 'Boolean') kind = 'boolean';
  else if (attribute.type === 'Number') kind = 'integer';
  else if (name === 'birthdate') kind = 'birthdate';
  return {
    index,
    name,
    kind,
    trim: kind !== 'text',
    required: attribute.required,
    minLength: attribute.minLength,
    maxLength: attribute.maxLength,
    minValue: attribute.minValue,
    maxValue: attribute.maxValue,
  };
}

interface Problem {
  code: string;
  message: string;
}

function addProblem(problems: Problem[] | undefined, code: string, message: string): Problem[] {
  const list = problems ?? [];
  list.push({ code, message });
  return list;
}

function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

export interface ValidatorOptions {
  /** Rows expected (sizes the duplicate table up front; it grows as needed anyway). */
  expectedRows?: number;
}

export interface ValidationStats {
  rows: number;
  valid: number;
  invalid: number;
  /** Valid rows with a password. */
  withPassword: number;
  /** Valid rows with cognito:mfa_enabled true. */
  mfaEnabled: number;
}

export class RowValidator {
  private readonly rules: AttributeRule[];
  private readonly buildAttributes: (values: ReadonlyArray<string | undefined>) => Record<string, string>;
  /** Scratch space for one row's attribute values (copied out by buildAttributes). */
  private readonly values: Array<string | undefined>;
  /** The few group names a file uses, compared with === before anything costlier. */
  private readonly knownGroups: string[] = [];
  private readonly seen: UsernameSet;
  private readonly usernameIsEmail: boolean;
  private readonly usernameIsPhone: boolean;
  private readonly aliasEmail: boolean;
  private readonly aliasPhone: boolean;
  private readonly emailIndex: number;
  private readonly phoneIndex: number;
  private readonly policy?: PasswordPolicyFacts;
  /** Every group named by a valid row. */
  readonly groups = new Set<string>();
  readonly stats: ValidationStats = { rows: 0, valid: 0, invalid: 0, withPassword: 0, mfaEnabled: 0 };

  constructor(
    readonly plan: HeaderPlan,
    readonly pool: PoolFacts,
    options: ValidatorOptions = {},
  ) {
    this.rules = plan.attributes.map((c) => ruleFor(c.index, c.attribute!));
    this.buildAttributes = compileRecordBuilder(this.rules.map((r) => r.name));
    this.values = new Array<string | undefined>(this.rules.length).fill(undefined);
    this.seen = new UsernameSet(options.expectedRows ?? 1024);
    this.usernameIsEmail = pool.usernameAttributes.includes('email');
    this.usernameIsPhone = pool.usernameAttributes.includes('phone_number');
    this.aliasEmail = pool.aliasAttributes.includes('email');
    this.aliasPhone = pool.aliasAttributes.includes('phone_number');
    this.emailIndex = plan.attributes.find((c) => c.attribute!.name === 'email')?.index ?? -1;
    this.phoneIndex = plan.attributes.find((c) => c.attribute!.name === 'phone_number')?.index ?? -1;
    this.policy = pool.passwordPolicy;
  }

  /** Prepares for about `rows` rows (sizes the duplicate table once instead of growing it). */
  reserve(rows: number): void {
    this.seen.reserve(rows);
  }

  /** Bytes held by the duplicate table. */
  get memoryBytes(): number {
    return this.seen.byteLength;
  }

  check(row: Pick<CsvRow, 'line' | 'cells'>): RowCheck {
    const result = this.checkRow(row.line, row.cells);
    this.stats.rows++;
    if (result.ok) {
      this.stats.valid++;
      if (result.user.password !== undefined) this.stats.withPassword++;
      if (result.user.mfaEnabled) this.stats.mfaEnabled++;
      const groups = result.user.groups;
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k]!;
        if (this.knownGroups.includes(g)) continue;
        if (this.knownGroups.length < 64) this.knownGroups.push(g);
        this.groups.add(g);
      }
    } else {
      this.stats.invalid++;
    }
    return result;
  }

  private checkRow(line: number, cells: readonly string[]): RowCheck {
    const plan = this.plan;
    let problems: Problem[] | undefined; // allocated only for an invalid row

    const rules = this.rules;
    const values = this.values;
    values.fill(undefined);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      let value = restoreCell(cells[rule.index]!);
      if (rule.trim) value = value.trim();
      if (value === '') {
        if (rule.required) {
          // Filled from the username below when the pool signs in with this attribute.
          if (!(rule.name === 'email' && this.usernameIsEmail) && !(rule.name === 'phone_number' && this.usernameIsPhone)) {
            problems = addProblem(problems, 'MissingRequiredAttribute', `${rule.name} is required by the pool and is empty`);
          }
        }
        continue;
      }
      if (rule.kind === 'boolean') {
        const b = parseBoolean(value);
        if (b === undefined) problems = addProblem(problems, 'InvalidBoolean', `${rule.name}: ${show(value)} is not true or false`);
        else values[r] = b ? 'true' : 'false';
        continue;
      }
      const problem = checkValue(rule, value);
      if (problem) {
        problems = addProblem(problems, problem.code, problem.message);
        continue;
      }
      values[r] = value;
    }
    const attributes = this.buildAttributes(values);

    // Username: its own column, or the email / phone the pool signs in with.
    let username: string;
    if (plan.usernameIndex >= 0) {
      username = restoreCell(cells[plan.usernameIndex]!).trim();
    } else {
      username = attributes[plan.usernameFrom!] ?? '';
    }
    const usernameProblem = this.checkUsername(username, attributes);
    if (usernameProblem) problems = addProblem(problems, usernameProblem.code, usernameProblem.message);

    // A verified flag needs the value it vouches for (an invalid value is reported already).
    if (attributes.email_verified === 'true' && attributes.email === undefined && !this.hasCell(cells, this.emailIndex)) {
      problems = addProblem(problems, 'MissingAttribute', 'email_verified is true but email is empty');
    }
    if (attributes.phone_number_verified === 'true' && attributes.phone_number === undefined && !this.hasCell(cells, this.phoneIndex)) {
      problems = addProblem(problems, 'MissingAttribute', 'phone_number_verified is true but phone_number is empty');
    }

    let groups: string[] = [];
    if (plan.groupsIndex >= 0) {
      const raw = restoreCell(cells[plan.groupsIndex]!);
      if (raw !== '') {
        const parts = splitOn(raw, ';');
        for (let k = 0; k < parts.length; k++) {
          const g = parts[k]!.trim();
          if (g === '' || groups.includes(g)) continue;
          if (!this.validGroupName(g)) {
            problems = addProblem(problems, 'InvalidGroupName', `groups: ${show(g)} is not a valid group name (1-128 characters, no spaces)`);
          }
          groups.push(g);
        }
      }
    }

    let password: string | undefined;
    if (plan.passwordIndex >= 0) {
      const raw = cells[plan.passwordIndex]!; // verbatim: no apostrophe rule, no trimming
      if (raw !== '') {
        const problem = checkPassword(raw, this.policy);
        if (problem) problems = addProblem(problems, 'InvalidPassword', problem);
        else password = raw;
      }
    }

    let enabled: boolean | undefined;
    if (plan.enabledIndex >= 0) {
      const raw = restoreCell(cells[plan.enabledIndex]!);
      if (raw.trim() !== '') {
        const b = parseBoolean(raw);
        if (b === undefined) problems = addProblem(problems, 'InvalidBoolean', `enabled: ${show(raw)} is not true or false`);
        else enabled = b;
      }
    }

    let mfaEnabled: boolean | undefined;
    if (plan.mfaIndex >= 0) {
      const raw = restoreCell(cells[plan.mfaIndex]!);
      if (raw.trim() !== '') {
        mfaEnabled = parseBoolean(raw);
        if (mfaEnabled === undefined) problems = addProblem(problems, 'InvalidBoolean', `cognito:mfa_enabled: ${show(raw)} is not true or false`);
      }
    }

    // Duplicates last, and only for rows that are otherwise valid: an invalid row does not claim
    // its username, so the fixed row can still be imported.
    if (!problems) {
      const key = this.pool.caseSensitive ? username : username.toLowerCase();
      const first = this.seen.addOrGet(key, line);
      if (first !== 0) {
        problems = addProblem(problems, 'DuplicateUsername', `username ${show(username)} is already on row ${first}`);
      }
    }

    if (problems) {
      return {
        ok: false,
        line,
        username: username || undefined,
        code: problems[0]!.code,
        message: problems.map((p) => p.message).join('; '),
      };
    }
    return { ok: true, user: { line, username, attributes, groups, password, enabled, mfaEnabled } };
  }

  private validGroupName(name: string): boolean {
    if (this.knownGroups.includes(name)) return true;
    return name.length <= 128 && isValidUsernameText(name);
  }

  private hasCell(cells: readonly string[], index: number): boolean {
    return index >= 0 && cells[index]!.trim() !== '';
  }

  private checkUsername(username: string, attributes: Record<string, string>): Problem | undefined {
    if (username === '') {
      return {
        code: 'InvalidUsername',
        message: this.plan.usernameIndex >= 0 ? 'username is empty' : `${this.plan.usernameFrom} is empty: it is the username in this pool`,
      };
    }
    if (username.length > 128) return { code: 'InvalidUsername', message: `username is longer than 128 characters` };
    if (!isValidUsernameText(username)) {
      return { code: 'InvalidUsername', message: `username ${show(username)} contains spaces or control characters` };
    }
    if (this.usernameIsEmail || this.usernameIsPhone) {
      const isEmailName = this.usernameIsEmail && isEmail(username);
      const isPhone = this.usernameIsPhone && E164_PATTERN.test(username);
      if (!isEmailName && !isPhone) {
        const wanted = [this.usernameIsEmail ? 'an email address' : '', this.usernameIsPhone ? 'a phone number (+15551234567)' : '']
          .filter(Boolean)
          .join(' or ');
        return { code: 'InvalidUsername', message: `username ${show(username)} must be ${wanted}: the pool signs in with it` };
      }
      const attr = isEmailName ? 'email' : 'phone_number';
      const given = attributes[attr];
      if (given === undefined) {
        attributes[attr] = username;
      } else if (given.toLowerCase() !== username.toLowerCase()) {
        return { code: 'InvalidUsername', message: `username ${show(username)} and ${attr} ${show(given)} differ: in this pool they are the same` };
      }
      return undefined;
    }
    if (this.aliasEmail && isEmail(username)) {
      return { code: 'InvalidUsername', message: `username ${show(username)} cannot be an email address: the pool uses email as an alias` };
    }
    if (this.aliasPhone && E164_PATTERN.test(username)) {
      return { code: 'InvalidUsername', message: `username ${show(username)} cannot be a phone number: the pool uses phone_number as an alias` };
    }
    return undefined;
  }
}

/**
 * A function turning values (in `names` order; undefined = not set) into an attribute record.
 * Generated, with one store per attribute name: object shapes stay monomorphic, about five times
 * faster than `record[name] = value` in a loop, which matters at a million rows. The names are
 * pool attribute names (standard, custom:…, dev:…), embedded as JSON string literals.
 */
function compileRecordBuilder(names: readonly string[]): (values: ReadonlyArray<string | undefined>) => Record<string, string> {
  if (names.some((n) => n === '__proto__' || n === 'constructor')) {
    return (values) => {
      const out: Record<string, string> = Object.create(null) as Record<string, string>;
      names.forEach((n, i) => {
        if (values[i] !== undefined) out[n] = values[i]!;
      });
      return out;
    };
  }
  const body = names.map((n, i) => `if (v[${i}] !== undefined) o[${JSON.stringify(n)}] = v[${i}];`).join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('v', `'use strict';\nconst o = {};\n${body}\nreturn o;`) as (values: ReadonlyArray<string | undefined>) => Record<string, string>;
}

function checkValue(rule: AttributeRule, value: string): Problem | undefined {
  switch (rule.kind) {
    case 'email':
      if (!isEmail(value)) return { code: 'InvalidEmail', message: `email: ${show(value)} is not a valid email address` };
      break;
    case 'phone':
      if (!E164_PATTERN.test(value)) {
        return { code: 'InvalidPhoneNumber', message: `phone_number: ${show(value)} is not in E.164 format (+15551234567)` };
      }
      break;
    case 'boolean':
      if (parseBoolean(value) === undefined) return { code: 'InvalidBoolean', message: `${rule.name}: ${show(value)} is not true or false` };
      return undefined;
    case 'integer': {
      if (!INTEGER_PATTERN.test(value) || (rule.name === 'updated_at' && value.startsWith('-'))) {
        return { code: 'InvalidNumber', message: `${rule.name}: ${show(value)} is not a whole number` };
      }
      const n = Number(value);
      if (rule.minValue !== undefined && n < rule.minValue) {
        return { code: 'InvalidNumber', message: `${rule.name}: ${value} is below the minimum ${rule.minValue}` };
      }
      if (rule.maxValue !== undefined && n > rule.maxValue) {
        return { code: 'InvalidNumber', message: `${rule.name}: ${value} is above the maximum ${rule.maxValue}` };
      }
      return undefined;
    }
    case 'birthdate': {
      const m = DATE_PATTERN.exec(value);
      const month = m ? Number(m[2]) : 0;
      const day = m ? Number(m[3]) : 0;
      if (!m || month < 1 || month > 12 || day < 1 || day > 31) {
        return { code: 'InvalidDate', message: `birthdate: ${show(value)} is not a date as YYYY-MM-DD` };
      }
      break;
    }
    case 'text':
      break;
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    return { code: 'ValueTooLong', message: `${rule.name} is longer than ${rule.maxLength} characters` };
  }
  if (rule.minLength !== undefined && value.length < rule.minLength) {
    return { code: 'ValueTooShort', message: `${rule.name} is shorter than ${rule.minLength} characters` };
  }
  return undefined;
}

/** Checks a password against the pool's policy. The message never contains the password. */
export function checkPassword(password: string, policy: PasswordPolicyFacts | undefined): string | undefined {
  if (password.length > 256) return 'password is longer than 256 characters';
  if (password.trim() !== password) return 'password starts or ends with a space';
  if (!policy) return undefined;
  const missing: string[] = [];
  if (password.length < policy.minimumLength) missing.push(`at least ${policy.minimumLength} characters`);
  if (policy.requireLowercase && !/[a-z]/.test(password)) missing.push('a lower-case letter');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) missing.push('an upper-case letter');
  if (policy.requireNumbers && !/[0-9]/.test(password)) missing.push('a digit');
  if (policy.requireSymbols && !SYMBOLS.test(password)) missing.push('a symbol');
  return missing.length > 0 ? `password does not meet the pool's policy: needs ${missing.join(', ')}` : undefined;
}

export interface ValidationReport extends ValidationStats {
  /** Groups named by valid rows, sorted. */
  groups: string[];
  elapsedMs: number;
  rowsPerSecond: number;
  /** The signal stopped the pass before the end of the file. */
  interrupted: boolean;
}

/**
 * Validates a whole source: what `user import --dry-run` runs, and the first pass of a real
 * import. `onInvalid` sees each invalid row (to print it and write the failures file).
 */
export async function validateSource(
  source: CsvSource,
  validator: RowValidator,
  options: {
    onInvalid?: (row: CsvRow, result: Extract<RowCheck, { ok: false }>) => void;
    now?: () => number;
    /** Ctrl-C: stop reading (the report says interrupted). */
    signal?: AbortSignal;
  } = {},
): Promise<ValidationReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let reserved = false;
  let interrupted = false;
  for await (const batch of source.batches()) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    if (!reserved && source.sizeBytes !== undefined && source.bytesRead > 0) {
      // Size the duplicate table from the file size and the bytes per row seen so far.
      reserved = true;
      validator.reserve(Math.ceil((source.sizeBytes / source.bytesRead) * source.rowCount * 1.02));
    }
    for (const row of batch) {
      const result = validator.check(row);
      if (!result.ok) options.onInvalid?.(row, result);
    }
  }
  const elapsedMs = now() - started;
  return {
    ...validator.stats,
    groups: [...validator.groups].sort(),
    elapsedMs,
    rowsPerSecond: elapsedMs > 0 ? (validator.stats.rows * 1000) / elapsedMs : validator.stats.rows,
    interrupted,
  };
}

export type InviteChannel = 'EMAIL' | 'SMS';

export interface PreflightInput {
  /** Valid rows that will be sent. */
  users: number;
  invite: readonly InviteChannel[];
  withPassword: number;
  mfaEnabled?: number;
  mode?: 'api' | 'job';
}

/** Warnings to print before anything is created (SPEC "pre-flight against the pool"). */
export function preflightWarnings(pool: PoolFacts, input: PreflightInput): string[] {
  const warnings: string[] = [];
  if (pool.mfa === 'ON') {
    warnings.push(`pool ${pool.poolId} requires MFA: every imported user must set up MFA at the first sign-in`);
  }
  if (input.invite.includes('EMAIL') && pool.emailSendingAccount === 'COGNITO_DEFAULT' && input.users > 50) {
    warnings.push(
      `pool ${pool.poolId} sends email with Cognito's default account, limited to 50 messages a day: ` +
        `${input.users} invitations will not all be delivered (configure SES for the pool, or import with --invite none)`,
    );
  }
  if (input.withPassword > 0) {
    warnings.push(
      `the file holds passwords for ${input.withPassword} ${input.withPassword === 1 ? 'user' : 'users'}: protect it and delete it after the import` +
        (input.invite.length > 0 ? '; users with a password get no invitation' : ''),
    );
  }
  if (input.mode !== 'job' && (input.mfaEnabled ?? 0) > 0) {
    warnings.push('cognito:mfa_enabled is only used by --mode job: users set up MFA themselves');
  }
  return warnings;
}
