// `--attr name=value` and `--remove-attr name` parsing, and the checks Cognito would make only
// after a round trip (attribute names, email syntax, E.164 phone numbers). Pure: every user
// command validates its whole input with these before the first AWS call.
import { UsageError } from '../../errors.js';
import { STANDARD_ATTRIBUTES } from '../pool/create-request.js';

export interface Attribute {
  Name: string;
  Value: string;
}

const VERIFIED = ['email_verified', 'phone_number_verified'];
/** Attributes Cognito keeps itself: readable, never written by an admin. */
const READ_ONLY = ['sub', 'identities'];
// Cognito allows 1–20 characters after `custom:`; `dev:custom:` are developer-only attributes.
const CUSTOM = /^(dev:)?custom:[^\s=]{1,20}$/;
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\].]{2,}$/;
const E164 = /^\+[1-9]\d{1,14}$/;

/** True for a name Cognito has or could have: standard, verified flags, sub, custom. */
export function isKnownAttribute(name: string): boolean {
  return STANDARD_ATTRIBUTES.includes(name) || VERIFIED.includes(name) || READ_ONLY.includes(name) || CUSTOM.test(name);
}

/** Throws a usage error naming `flag` unless `name` is an attribute an admin may write or remove. */
export function checkWritableName(name: string, flag: string): void {
  if (READ_ONLY.includes(name)) {
    throw new UsageError(`${flag} ${name}: Cognito sets ${name} itself; it cannot be changed`);
  }
  if (!isKnownAttribute(name)) {
    throw new UsageError(`${flag} ${name}: not a standard attribute, and custom ones start with custom:`, {
      hint: `standard attributes: ${[...STANDARD_ATTRIBUTES, ...VERIFIED].join(', ')}`,
    });
  }
}

export function checkEmail(value: string, flag = '--email'): void {
  if (!EMAIL.test(value)) throw new UsageError(`${flag} "${value}" is not an email address`);
}

export function checkPhone(value: string, flag = '--phone'): void {
  if (!E164.test(value)) {
    throw new UsageError(`${flag} "${value}" is not a phone number in E.164 format`, {
      hint: 'use + and the country code, digits only, e.g. +447700900123',
    });
  }
}

/** Usernames: 1–128 characters, no whitespace (what Cognito accepts for any pool). */
export function checkUsername(username: string): void {
  if (!username || username.length > 128 || /[\s\p{Cc}]/u.test(username)) {
    throw new UsageError(`invalid username "${username}": 1–128 characters without spaces`);
  }
}

/** Checks a value against what its attribute needs (email syntax, E.164, true/false). */
export function checkValue(name: string, value: string, flag: string): void {
  if (value === '') {
    throw new UsageError(`${flag} ${name}= has no value`, { hint: 'to remove an attribute use `user update --remove-attr`' });
  }
  if (name === 'email') checkEmail(value, `${flag} email=`);
  if (name === 'phone_number') checkPhone(value, `${flag} phone_number=`);
  if (VERIFIED.includes(name) && value !== 'true' && value !== 'false') {
    throw new UsageError(`${flag} ${name}=${value}: expected true or false`);
  }
}

/** Parses repeated `--attr name=value` flags (the value may itself contain `=`). */
export function parseAttrs(values: string[] | undefined, flag = '--attr'): Attribute[] {
  const out: Attribute[] = [];
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`${flag} "${raw}" is not name=value`, { hint: `e.g. ${flag} given_name=Ann or ${flag} custom:tier=gold` });
    }
    const name = raw.slice(0, eq).trim();
    const value = raw.slice(eq + 1);
    checkWritableName(name, flag);
    checkValue(name, value, flag);
    add(out, { Name: name, Value: value }, flag);
  }
  return out;
}

/** Parses `--remove-attr name` flags (a comma list is accepted too). */
export function parseRemovals(values: string[] | undefined): string[] {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const name of names) {
    if (!name) throw new UsageError('--remove-attr needs an attribute name');
    checkWritableName(name, '--remove-attr');
  }
  return [...new Set(names)];
}

/** Adds an attribute, refusing a second, different value for the same name. */
export function add(list: Attribute[], attr: Attribute, source: string): void {
  const existing = list.find((a) => a.Name === attr.Name);
  if (existing && existing.Value !== attr.Value) {
    throw new UsageError(`${attr.Name} is given twice with different values (${existing.Value} and ${attr.Value}, from ${source})`);
  }
  if (!existing) list.push(attr);
}

/** Attribute names for `--attributes a,b` (AttributesToGet): anything Cognito can return. */
export function parseAttributeNames(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError('--attributes needs at least one attribute name');
  for (const name of names) {
    if (!isKnownAttribute(name)) {
      throw new UsageError(`--attributes ${name}: not a standard attribute, and custom ones start with custom:`);
    }
  }
  return names;
}

/** `--attr k=v …` plus `--email` and `--phone`, checked, as Cognito attributes (user create, auth sign-up). */
export function attributesFromFlags(options: { attr?: string[]; email?: string; phone?: string }): Attribute[] {
  const attributes = parseAttrs(options.attr);
  if (options.email !== undefined) {
    checkEmail(options.email);
    add(attributes, { Name: 'email', Value: options.email }, '--email');
  }
  if (options.phone !== undefined) {
    checkPhone(options.phone);
    add(attributes, { Name: 'phone_number', Value: options.phone }, '--phone');
  }
  return attributes;
}
