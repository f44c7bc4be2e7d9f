// The pure parts of the user commands: --attr, --remove-attr, --filter, and the create plan.
import { describe, expect, it } from 'vitest';
import { parseAttributeNames, parseAttrs, parseRemovals } from '../../../../src/commands/user/attributes.js';
import { formatFilter, matchesFilter, parseFilter, parseStatus } from '../../../../src/commands/user/filter.js';
import { planCreate } from '../../../../src/commands/user/create.js';
import { planUpdate } from '../../../../src/commands/user/update.js';
import { UsageError } from '../../../../src/errors.js';

describe('--attr', () => {
  it('splits on the first = and accepts standard, verified and custom attributes', () => {
    expect(parseAttrs(['given_name=Ann', 'custom:note=a=b', 'email_verified=true', 'dev:custom:x=1'])).toEqual([
      { Name: 'given_name', Value: 'Ann' },
      { Name: 'custom:note', Value: 'a=b' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'dev:custom:x', Value: '1' },
    ]);
  });

  it.each([
    ['given_name', /--attr "given_name" is not name=value/],
    ['=Ann', /--attr "=Ann" is not name=value/],
    ['shoe_size=42', /--attr shoe_size: not a standard attribute, and custom ones start with custom:/],
    ['custom:=x', /not a standard attribute/],
    ['custom:waytoolongforcognitoxx=1', /not a standard attribute/],
    ['sub=123', /Cognito sets sub itself/],
    ['given_name=', /--attr given_name= has no value/],
    ['email=not-an-email', /--attr email= "not-an-email" is not an email address/],
    ['phone_number=07700900123', /is not a phone number in E\.164 format/],
    ['email_verified=yes', /email_verified=yes: expected true or false/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseAttrs([raw])).toThrow(message);
    expect(() => parseAttrs([raw])).toThrow(UsageError);
  });

  it('refuses the same attribute twice with different values, and keeps one of two equal ones', () => {
    expect(() => parseAttrs(['name=A', 'name=B'])).toThrow(/name is given twice with different values/);
    expect(parseAttrs(['name=A', 'name=A'])).toEqual([{ Name: 'name', Value: 'A' }]);
  });

  it('checks --remove-attr names and --attributes lists', () => {
    expect(parseRemovals(['custom:tier', 'phone_number,locale'])).toEqual(['custom:tier', 'phone_number', 'locale']);
    expect(() => parseRemovals(['sub'])).toThrow(/Cognito sets sub itself/);
    expect(() => parseRemovals(['nope'])).toThrow(/--remove-attr nope: not a standard attribute/);
    expect(parseAttributeNames('email, sub,custom:tier')).toEqual(['email', 'sub', 'custom:tier']);
    expect(() => parseAttributeNames('email,shoe')).toThrow(/--attributes shoe/);
    expect(() => parseAttributeNames(' , ')).toThrow(/at least one/);
  });
});

describe('--filter', () => {
  it('parses the two operators and normalises spacing', () => {
    expect(parseFilter('email ^= "ann"')).toEqual({ attribute: 'email', op: '^=', value: 'ann' });
    expect(parseFilter('username="ann"')).toEqual({ attribute: 'username', op: '=', value: 'ann' });
    expect(formatFilter(parseFilter('  given_name^="Jo"  '))).toBe('given_name ^= "Jo"');
    expect(parseFilter('cognito:user_status = "confirmed"').value).toBe('confirmed');
    expect(parseFilter('status = "Disabled"').value).toBe('Disabled');
  });

  it('keeps escaped quotes and backslashes in the value and escapes them again', () => {
    const filter = parseFilter(String.raw`name = "Ann \"The Hammer\" O\\Neil"`);
    expect(filter.value).toBe(String.raw`Ann "The Hammer" O\Neil`);
    expect(formatFilter(filter)).toBe(String.raw`name = "Ann \"The Hammer\" O\\Neil"`);
  });

  it.each([
    ['email != "ann"', /the operator != is not supported; only = \(equals\) and \^= \(starts with\)/],
    ['email == "ann"', /the operator == is not supported/],
    ['email > "a"', /the operator > is not supported/],
    ['email contains "ann"', /the operator contains is not supported/],
    ['custom:tier = "gold"', /cannot search on custom:tier \(Cognito cannot search custom attributes\)/],
    ['address = "x"', /cannot search on address/],
    ['email = ann', /the value must be in double quotes/],
    ["email = 'ann'", /the value must be in double quotes/],
    ['email = "ann', /unescaped " or no closing quote/],
    ['email = "a"nn"', /unescaped " or no closing quote/],
    ['email "ann"', /is not a filter/],
    ['', /is not a filter/],
    ['status = "enabled"', /status is "Enabled" or "Disabled" \(case-sensitive\)/],
    ['cognito:user_status = "ACTIVE"', /"ACTIVE" is not a user status/],
  ])('refuses %j', (text, message) => {
    expect(() => parseFilter(text)).toThrow(message);
  });

  it('matches users the way Cognito does, for the filtering done client-side', () => {
    const user = {
      Username: 'ann',
      UserStatus: 'CONFIRMED',
      Enabled: false,
      Attributes: [{ Name: 'email', Value: 'ann@example.com' }],
    };
    expect(matchesFilter(user, parseFilter('email ^= "ann@"'))).toBe(true);
    expect(matchesFilter(user, parseFilter('email = "ann"'))).toBe(false);
    expect(matchesFilter(user, parseFilter('username = "ann"'))).toBe(true);
    expect(matchesFilter(user, parseFilter('cognito:user_status = "confirmed"'))).toBe(true);
    expect(matchesFilter(user, parseFilter('status = "Disabled"'))).toBe(true);
    expect(matchesFilter(user, parseFilter('given_name ^= ""'))).toBe(false);
  });

  it('takes --status in any case', () => {
    expect(parseStatus('force_change_password')).toBe('FORCE_CHANGE_PASSWORD');
    expect(() => parseStatus('ACTIVE')).toThrow(/--status ACTIVE: expected one of UNCONFIRMED, CONFIRMED/);
  });
});

describe('planCreate', () => {
  it('turns the flags into attributes and the invitation settings', () => {
    const plan = planCreate('ann', {
      email: 'ann@example.com',
      emailVerified: true,
      phone: '+447700900123',
      phoneVerified: true,
      attr: ['custom:tier=gold'],
      invite: ['email', 'sms'],
      group: ['a', 'b', 'a'],
    });
    expect(plan.attributes).toEqual([
      { Name: 'custom:tier', Value: 'gold' },
      { Name: 'email', Value: 'ann@example.com' },
      { Name: 'phone_number', Value: '+447700900123' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'phone_number_verified', Value: 'true' },
    ]);
    expect(plan.deliveryMediums).toEqual(['EMAIL', 'SMS']);
    expect(plan.messageAction).toBeUndefined();
    expect(plan.groups).toEqual(['a', 'b']);
    expect(planCreate('ann', { invite: ['none'] }).messageAction).toBe('SUPPRESS');
    const byDefault = planCreate('ann', {});
    expect([byDefault.messageAction, byDefault.deliveryMediums]).toEqual([undefined, undefined]);
  });

  it.each([
    [{ email: 'ann@' }, /--email "ann@" is not an email address/],
    [{ phone: '447700900123' }, /--phone "447700900123" is not a phone number in E\.164 format/],
    [{ phone: '+44 7700 900123' }, /E\.164/],
    [{ emailVerified: true }, /--email-verified needs an email address/],
    [{ phoneVerified: true }, /--phone-verified needs a phone number/],
    [{ invite: ['sms'] }, /--invite sms needs a phone number/],
    [{ invite: ['email'] }, /--invite email needs an email address/],
    [{ email: 'a@example.com', attr: ['email=b@example.com'] }, /email is given twice with different values/],
  ])('refuses %o', (options, message) => {
    expect(() => planCreate('ann', options)).toThrow(message);
  });

  it('takes an email-shaped username as the invitation address', () => {
    expect(planCreate('ann@example.com', { invite: ['email'] }).deliveryMediums).toEqual(['EMAIL']);
  });

  it('refuses usernames Cognito would refuse', () => {
    expect(() => planCreate('ann smith', {})).toThrow(/invalid username "ann smith"/);
    expect(() => planCreate('x'.repeat(129), {})).toThrow(/1–128 characters/);
  });
});

describe('planUpdate', () => {
  it('needs something to change, and not the same attribute both ways', () => {
    expect(() => planUpdate('ann', {})).toThrow(/nothing to change/);
    expect(() => planUpdate('ann', { attr: ['locale=en'], removeAttr: ['locale'] })).toThrow(/locale is both set/);
    expect(planUpdate('ann', { attr: ['locale=en'], removeAttr: ['custom:tier'] })).toEqual({
      set: [{ Name: 'locale', Value: 'en' }],
      remove: ['custom:tier'],
    });
  });
});
