import { describe, expect, it } from 'vitest';
import { ImportUsageError } from '../../../src/bulk/errors.js';
import { COGNITO_TEMPLATE_COLUMNS, parseMappings, planHeader } from '../../../src/import/header.js';
import { basicPoolFacts } from '../../../src/import/pool-facts.js';

const pool = basicPoolFacts({ poolId: 'eu-west-1_Test', custom: [{ name: 'tier' }, { name: 'custom:score', type: 'Number' }] });

function usageError(fn: () => unknown): ImportUsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ImportUsageError);
    expect((err as ImportUsageError).exitCode).toBe(2);
    return err as ImportUsageError;
  }
  throw new Error('expected an ImportUsageError');
}

describe('planHeader', () => {
  it('maps username, standard and custom attributes, groups, password, enabled', () => {
    const plan = planHeader(['username', 'email', 'email_verified', 'custom:tier', 'custom:score', 'groups', 'password', 'enabled'], pool);
    expect(plan.usernameIndex).toBe(0);
    expect(plan.attributes.map((c) => c.attribute!.name)).toEqual(['email', 'email_verified', 'custom:tier', 'custom:score']);
    expect(plan.groupsIndex).toBe(5);
    expect(plan.passwordIndex).toBe(6);
    expect(plan.enabledIndex).toBe(7);
    expect(plan.warnings).toEqual([]);
  });

  it("accepts Cognito's own GetCSVHeader template as is", () => {
    const plan = planHeader([...COGNITO_TEMPLATE_COLUMNS], pool);
    expect(plan.cognitoTemplate).toBe(true);
    expect(plan.usernameIndex).toBe(COGNITO_TEMPLATE_COLUMNS.indexOf('cognito:username'));
    expect(plan.mfaIndex).toBe(COGNITO_TEMPLATE_COLUMNS.indexOf('cognito:mfa_enabled'));
    expect(plan.attributes).toHaveLength(19);
  });

  it('forgives the case of standard attribute names, and ignores failure-report columns', () => {
    const plan = planHeader(['Username', 'Email', 'Given_Name', 'error_code', 'error_message'], pool);
    expect(plan.attributes.map((c) => c.attribute!.name)).toEqual(['email', 'given_name']);
    expect(plan.columns.filter((c) => c.kind === 'ignored').map((c) => c.source)).toEqual(['error_code', 'error_message']);
  });

  it('renames and ignores columns with --map', () => {
    const map = parseMappings(['E-mail=email', 'Login=username', 'Notes=', 'a=b=tier']);
    expect(map).toEqual({ 'E-mail': 'email', Login: 'username', Notes: '', 'a=b': 'tier' });
    delete map['a=b'];
    const plan = planHeader(['Login', 'E-mail', 'Notes'], pool, { map });
    expect(plan.usernameIndex).toBe(0);
    expect(plan.attributes[0]!.attribute!.name).toBe('email');
    expect(plan.columns[2]!.kind).toBe('ignored');
  });

  it('rejects unknown attributes before anything is sent, naming them all', () => {
    const err = usageError(() => planHeader(['username', 'email', 'favourite_colour', 'custom:nope'], pool));
    expect(err.code).toBe('UnknownAttribute');
    expect(err.row).toBe(1);
    expect(err.message).toBe('unknown columns "favourite_colour", "custom:nope": not attributes of pool eu-west-1_Test');
    expect(err.hint).toMatch(/--map/);
  });

  it('rejects a missing required attribute', () => {
    const strict = basicPoolFacts({ poolId: 'p', custom: [{ name: 'email', required: true }, { name: 'family_name', required: true }] });
    const err = usageError(() => planHeader(['username', 'email'], strict));
    expect(err.code).toBe('MissingRequiredAttribute');
    expect(err.message).toBe('pool p requires family_name, but the file has no such column');
  });

  it('takes the username from email in a pool that signs in with email', () => {
    const emailPool = basicPoolFacts({ poolId: 'p', usernameAttributes: ['email'], custom: [{ name: 'email', required: true }] });
    const plan = planHeader(['email', 'given_name'], emailPool);
    expect(plan.usernameIndex).toBe(-1);
    expect(plan.usernameFrom).toBe('email');
    // a username column satisfies a required email there
    expect(planHeader(['username', 'given_name'], emailPool).usernameIndex).toBe(0);
  });

  it('needs a username column otherwise', () => {
    expect(usageError(() => planHeader(['email'], pool)).code).toBe('MissingUsernameColumn');
  });

  it('rejects two columns for the same thing', () => {
    const err = usageError(() => planHeader(['username', 'cognito:username'], pool));
    expect(err.code).toBe('DuplicateColumn');
    expect(usageError(() => planHeader(['username', 'email', 'Email'], pool)).message).toMatch(/"email" and "Email" both give email/);
  });

  it('ignores columns Cognito sets itself, and unnamed columns, with a warning', () => {
    const plan = planHeader(['username', 'sub', ''], pool);
    expect(plan.columns.map((c) => c.kind)).toEqual(['username', 'ignored', 'ignored']);
    expect(plan.warnings).toHaveLength(2);
  });

  it('checks --map values', () => {
    expect(usageError(() => parseMappings(['email'])).code).toBe('InvalidMapping');
    expect(usageError(() => parseMappings(['a=email', 'a=name'])).message).toMatch(/mapped twice/);
    expect(usageError(() => planHeader(['username'], pool, { map: { Mail: 'email' } })).message).toMatch(/--map names "Mail"/);
  });
});
