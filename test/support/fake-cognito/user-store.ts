// Users in a pool: creating them (the sub as internal username in an email-username pool), finding
// the user a typed name means, and passwords (policy, salt).
import { randomBytes, randomUUID } from 'node:crypto';
import { fail, invalidParameter } from './errors.js';
import type { AddUserOptions, PoolState, UserState } from './state.js';

export function newSalt(): string {
  return randomBytes(16).toString('hex').replace(/^0+/, '') || '1';
}

export const userKey = (pool: PoolState, username: string) =>
  pool.caseSensitive ? username : username.toLowerCase();

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
const looksLikePhone = (s: string) => /^\+[1-9]\d{1,14}$/.test(s);

/**
 * The internal username and sign-in attribute for a new user. In a pool with UsernameAttributes the
 * name given is the email or phone number and the internal username is the sub, as Cognito does.
 */
export function placeNewUser(
  pool: PoolState,
  given: string,
  attributes: Record<string, string>,
  sub: string,
): { username: string; attributes: Record<string, string> } {
  const attrs = { ...attributes };
  if (pool.usernameAttributes.length === 0) {
    if (pool.aliasAttributes.length && (looksLikeEmail(given) || looksLikePhone(given))) {
      invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
    }
    return { username: given, attributes: attrs };
  }
  if (pool.usernameAttributes.includes('email') && looksLikeEmail(given)) attrs.email = given;
  else if (pool.usernameAttributes.includes('phone_number') && looksLikePhone(given)) attrs.phone_number = given;
  else {
    invalidParameter(
      pool.usernameAttributes.includes('email') ? 'Username should be an email.' : 'Username should be a phone number.',
    );
  }
  return { username: sub, attributes: attrs };
}

export function createUser(pool: PoolState, u: AddUserOptions): UserState {
  const sub = u.attributes?.sub ?? randomUUID();
  const placed = placeNewUser(pool, u.username, u.attributes ?? {}, sub);
  if (findUser(pool, placed.username) || findUser(pool, u.username)) {
    fail('UsernameExistsException', 'User already exists');
  }
  const now = new Date();
  const user: UserState = {
    username: placed.username,
    sub,
    password: u.password,
    salt: u.salt ?? newSalt(),
    attributes: { ...placed.attributes, sub },
    status: u.status ?? 'CONFIRMED',
    enabled: u.enabled ?? true,
    groups: [...(u.groups ?? [])],
    mfa: {
      totpSecret: u.mfa?.totpSecret,
      totpEnabled: Boolean(u.mfa?.totpSecret),
      sms: Boolean(u.mfa?.sms),
      email: Boolean(u.mfa?.email),
      preferred: u.mfa?.preferred,
    },
    createdAt: now,
    modifiedAt: now,
    origins: new Set(),
    passwordChanges: 0,
    codes: {},
  };
  pool.users.set(userKey(pool, user.username), user);
  return user;
}

/**
 * Finds the user a typed name means: the internal username (or the sub), then a sign-in attribute
 * (UsernameAttributes), then a verified alias (AliasAttributes), as Cognito resolves USERNAME.
 */
export function findUser(pool: PoolState, typed: string): UserState | undefined {
  const direct = pool.users.get(userKey(pool, typed));
  if (direct) return direct;
  const lower = typed.toLowerCase();
  for (const user of pool.users.values()) {
    if (user.sub === typed) return user;
    for (const attr of pool.usernameAttributes) {
      const value = user.attributes[attr];
      if (value !== undefined && (attr === 'email' ? value.toLowerCase() === lower : value === typed)) return user;
    }
    for (const attr of pool.aliasAttributes) {
      const value = user.attributes[attr];
      if (value === undefined) continue;
      const verified = attr === 'preferred_username' || user.attributes[`${attr}_verified`] === 'true';
      if (verified && (attr === 'phone_number' ? value === typed : value.toLowerCase() === lower)) return user;
    }
  }
  return undefined;
}

/** Cognito's password policy check, with its messages. */
export function checkPasswordPolicy(pool: PoolState, password: string): void {
  const p = pool.passwordPolicy;
  const refuse = (why: string) => fail('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if (password.length < p.MinimumLength) refuse('Password not long enough');
  if (p.RequireUppercase && !/[A-Z]/.test(password)) refuse('Password must have uppercase characters');
  if (p.RequireLowercase && !/[a-z]/.test(password)) refuse('Password must have lowercase characters');
  if (p.RequireNumbers && !/[0-9]/.test(password)) refuse('Password must have numeric characters');
  if (p.RequireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) {
    refuse('Password must have symbol characters');
  }
}

export function setPassword(user: UserState, password: string): void {
  user.password = password;
  user.salt = newSalt();
  user.passwordChanges++;
  user.modifiedAt = new Date();
}
