import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../../src/io/csv.js';
import { openCsv } from '../../../src/import/csv-source.js';
import { planHeader } from '../../../src/import/header.js';
import { basicPoolFacts, type PoolFacts } from '../../../src/import/pool-facts.js';
import { UsernameSet } from '../../../src/import/username-set.js';
import {
  checkPassword,
  EMAIL_PATTERN,
  isEmail,
  isValidUsernameText,
  preflightWarnings,
  RowValidator,
  USERNAME_PATTERN,
  validateSource,
  type RowCheck,
} from '../../../src/import/validate.js';
import { readable, seededRandom } from './helpers.js';

function validator(header: string[], pool: PoolFacts = basicPoolFacts({ poolId: 'p' })) {
  const v = new RowValidator(planHeader(header, pool), pool);
  let line = 1;
  return { v, check: (...cells: string[]): RowCheck => v.check({ line: ++line, cells }) };
}

function bad(result: RowCheck): { code: string; message: string } {
  expect(result.ok).toBe(false);
  return result as { code: string; message: string };
}

describe('RowValidator', () => {
  it('builds the user: attributes, verified flags normalised, groups, password, enabled', () => {
    const { check } = validator(['username', 'email', 'email_verified', 'phone_number', 'given_name', 'groups', 'password', 'enabled']);
    const r = check('ann', 'ann@example.com', 'TRUE', '+33612345678', ' Ann ', 'staff; admins;;staff', 'S3cret!pass', 'no');
    expect(r).toEqual({
      ok: true,
      user: {
        line: 2,
        username: 'ann',
        attributes: { email: 'ann@example.com', email_verified: 'true', phone_number: '+33612345678', given_name: ' Ann ' },
        groups: ['staff', 'admins'],
        password: 'S3cret!pass',
        enabled: false,
        mfaEnabled: undefined,
      },
    });
  });

  it('leaves empty cells unset, and enabled undefined when the file does not say', () => {
    const { check } = validator(['username', 'email', 'enabled']);
    const r = check('ann', '', '');
    expect(r.ok && r.user).toMatchObject({ attributes: {}, enabled: undefined });
  });

  it('checks email syntax and E.164 phone numbers', () => {
    const { check } = validator(['username', 'email', 'phone_number']);
    expect(check('a', 'ann@example.com', '+15551234567').ok).toBe(true);
    expect(bad(check('b', 'ann@', '')).code).toBe('InvalidEmail');
    expect(bad(check('c', 'ann example@x.com', '')).code).toBe('InvalidEmail');
    expect(bad(check('d', 'ann@localhost', '')).code).toBe('InvalidEmail');
    expect(bad(check('e', '', '0612345678')).message).toBe('phone_number: "0612345678" is not in E.164 format (+15551234567)');
    expect(bad(check('f', '', '+1 555 123')).code).toBe('InvalidPhoneNumber');
    expect(bad(check('g', 'x@', '12')).message).toMatch(/email: .*; phone_number: /);
  });

  it('checks numbers, booleans, dates and lengths against the schema', () => {
    const pool = basicPoolFacts({ poolId: 'p', custom: [{ name: 'score', type: 'Number', minValue: 0, maxValue: 10 }, { name: 'code', minLength: 2, maxLength: 4 }] });
    const { check } = validator(['username', 'custom:score', 'custom:code', 'birthdate', 'updated_at', 'phone_number_verified'], pool);
    expect(check('a', '7', 'ab', '1985-02-01', '1471453471', 'false').ok).toBe(true);
    expect(bad(check('b', '11', '', '', '', '')).code).toBe('InvalidNumber');
    expect(bad(check('c', '1.5', '', '', '', '')).code).toBe('InvalidNumber');
    expect(bad(check('d', '', 'abcde', '', '', '')).code).toBe('ValueTooLong');
    expect(bad(check('e', '', 'a', '', '', '')).code).toBe('ValueTooShort');
    expect(bad(check('f', '', '', '02/01/1985', '', '')).code).toBe('InvalidDate');
    expect(bad(check('g', '', '', '', '-5', '')).code).toBe('InvalidNumber');
    expect(bad(check('h', '', '', '', '', 'maybe')).code).toBe('InvalidBoolean');
  });

  it('requires required attributes to be non-empty', () => {
    const pool = basicPoolFacts({ poolId: 'p', custom: [{ name: 'given_name', required: true }] });
    const { check } = validator(['username', 'given_name'], pool);
    expect(bad(check('ann', '')).message).toBe('given_name is required by the pool and is empty');
  });

  it('wants a verified flag to vouch for a value', () => {
    const { check } = validator(['username', 'email', 'email_verified']);
    expect(bad(check('ann', '', 'true')).message).toBe('email_verified is true but email is empty');
  });

  it("applies Cognito's username rules", () => {
    const { check } = validator(['username']);
    expect(bad(check('')).message).toBe('username is empty');
    expect(bad(check('ann smith')).code).toBe('InvalidUsername');
    expect(bad(check('a'.repeat(129))).code).toBe('InvalidUsername');
    expect(check('zoë.ærø+1@x').ok).toBe(true);
  });

  it('wants an email (or phone) username in a pool that signs in with it, and fills the attribute', () => {
    const pool = basicPoolFacts({ poolId: 'p', usernameAttributes: ['email'] });
    const { check } = validator(['username', 'email'], pool);
    expect(bad(check('ann', '')).message).toBe('username "ann" must be an email address: the pool signs in with it');
    const ok = check('ann@example.com', '');
    expect(ok.ok && ok.user.attributes.email).toBe('ann@example.com');
    expect(bad(check('bob@example.com', 'other@example.com')).message).toMatch(/differ/);
    const derived = validator(['email', 'given_name'], pool);
    const r = derived.check('cid@example.com', 'Cid');
    expect(r.ok && r.user.username).toBe('cid@example.com');
    expect(bad(derived.check('', 'Nobody')).message).toBe('email is empty: it is the username in this pool');
  });

  it('refuses email-shaped usernames when email is an alias', () => {
    const pool = basicPoolFacts({ poolId: 'p', aliasAttributes: ['email'] });
    const { check } = validator(['username'], pool);
    expect(bad(check('ann@example.com')).message).toMatch(/cannot be an email address/);
    expect(check('ann').ok).toBe(true);
  });

  it('finds duplicates within the file, case-insensitively when the pool is', () => {
    const { check } = validator(['username'], basicPoolFacts({ poolId: 'p', caseSensitive: false }));
    expect(check('Ann').ok).toBe(true);
    expect(check('bob').ok).toBe(true);
    const dup = bad(check('ann'));
    expect(dup.code).toBe('DuplicateUsername');
    expect(dup.message).toBe('username "ann" is already on row 2');
    const sensitive = validator(['username'], basicPoolFacts({ poolId: 'p', caseSensitive: true }));
    expect(sensitive.check('Ann').ok).toBe(true);
    expect(sensitive.check('ann').ok).toBe(true);
  });

  it('does not let an invalid row claim its username', () => {
    const { check } = validator(['username', 'email']);
    expect(bad(check('ann', 'bad')).code).toBe('InvalidEmail');
    expect(check('ann', 'ann@example.com').ok).toBe(true);
  });

  it('undoes formula neutralisation, except in the password column', () => {
    const { check } = validator(['username', 'given_name', 'phone_number', 'password']);
    const r = check(neutraliseCell('-dash'), neutraliseCell('=SUM(A1)'), "'+15551234567", "'=Pa55word!");
    expect(r.ok && r.user).toMatchObject({ username: '-dash', attributes: { given_name: '=SUM(A1)', phone_number: '+15551234567' }, password: "'=Pa55word!" });
  });

  it('checks passwords against the pool policy without echoing them', () => {
    const policy = { minimumLength: 10, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true };
    expect(checkPassword('Abcdefgh1!', policy)).toBeUndefined();
    const message = checkPassword('hunter2', policy)!;
    expect(message).toBe("password does not meet the pool's policy: needs at least 10 characters, an upper-case letter, a symbol");
    expect(message).not.toContain('hunter2');
    expect(checkPassword(' x', undefined)).toMatch(/space/);
  });

  it('rejects invalid group names and counts the groups of valid rows', () => {
    const { v, check } = validator(['username', 'groups']);
    expect(bad(check('ann', 'a b')).code).toBe('InvalidGroupName');
    expect(check('bob', 'x;y').ok).toBe(true);
    expect([...v.groups]).toEqual(['x', 'y']);
    expect(v.stats).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
  });
});

describe('fast paths agree with the reference patterns', () => {
  it('isEmail matches EMAIL_PATTERN, isValidUsernameText matches USERNAME_PATTERN', () => {
    const rnd = seededRandom(17);
    const alphabet = ['a', 'b', '@', '.', ' ', '\u00a0', 'é', '-', '+', '日', '\t', '\u2003', '1', '_'];
    let emails = 0;
    for (let i = 0; i < 20_000; i++) {
      let v = '';
      const len = Math.floor(rnd() * 12);
      for (let k = 0; k < len; k++) v += alphabet[Math.floor(rnd() * alphabet.length)]!;
      if (rnd() < 0.3) v = `x${v}@ex.${v}`;
      expect(isEmail(v), JSON.stringify(v)).toBe(EMAIL_PATTERN.test(v));
      expect(isValidUsernameText(v), JSON.stringify(v)).toBe(USERNAME_PATTERN.test(v));
      if (isEmail(v)) emails++;
    }
    expect(emails).toBeGreaterThan(200);
  });
});

describe('validateSource', () => {
  it('validates a whole source and reports invalid rows with their row numbers', async () => {
    const pool = basicPoolFacts({ poolId: 'p' });
    const source = await openCsv(readable('username,email,groups\nann,ann@example.com,a\nbob,nope,b\nann,x@example.com,\n\ncid,,a;c\n'));
    const invalid: Array<[number, string]> = [];
    const report = await validateSource(source, new RowValidator(planHeader(source.header, pool), pool), {
      onInvalid: (row, r) => invalid.push([row.line, r.code]),
    });
    expect(invalid).toEqual([
      [3, 'InvalidEmail'],
      [4, 'DuplicateUsername'],
    ]);
    expect(report).toMatchObject({ rows: 4, valid: 2, invalid: 2, groups: ['a', 'c'] });
  });
});

describe('preflightWarnings', () => {
  const pool = basicPoolFacts({ poolId: 'p' });
  it('warns about required MFA, the default email quota, and passwords in the file', () => {
    expect(preflightWarnings({ ...pool, mfa: 'ON' }, { users: 10, invite: [], withPassword: 0 })[0]).toMatch(/requires MFA/);
    expect(preflightWarnings(pool, { users: 51, invite: ['EMAIL'], withPassword: 0 })[0]).toMatch(/50 messages a day: 51 invitations/);
    expect(preflightWarnings(pool, { users: 50, invite: ['EMAIL'], withPassword: 0 })).toEqual([]);
    expect(preflightWarnings({ ...pool, emailSendingAccount: 'DEVELOPER' }, { users: 500, invite: ['EMAIL'], withPassword: 0 })).toEqual([]);
    expect(preflightWarnings(pool, { users: 500, invite: [], withPassword: 0 })).toEqual([]);
    expect(preflightWarnings(pool, { users: 5, invite: ['EMAIL'], withPassword: 2 })[0]).toMatch(/passwords for 2 users.*no invitation/);
  });
});

describe('UsernameSet', () => {
  it('agrees with a Set of strings on 200,000 random usernames, and keeps the first row', () => {
    const rnd = seededRandom(1);
    const set = new UsernameSet(16);
    const reference = new Map<string, number>();
    let mismatches = 0;
    let duplicates = 0;
    for (let row = 2; row < 200_002; row++) {
      const name = `u${Math.floor(rnd() * 150_000).toString(36)}@example.com`;
      const first = set.addOrGet(name, row);
      if (first !== (reference.get(name) ?? 0)) mismatches++;
      if (first !== 0) duplicates++;
      if (!reference.has(name)) reference.set(name, row);
    }
    expect(mismatches).toBe(0);
    expect(duplicates).toBeGreaterThan(10_000);
    expect(set.size).toBe(reference.size);
  });

  it('stays compact: about 25 MB for a million entries', () => {
    const set = new UsernameSet();
    set.reserve(1_000_000);
    expect(set.byteLength).toBeLessThanOrEqual(2 ** 21 * 12);
  });
});
