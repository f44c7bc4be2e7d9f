// The pieces `api` builds on, read from the real SDK modules: operation lookup, the SDK's schemas
// (member types, @sensitive marks) and the page helpers.
import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../../src/closest-names.js';
import { findOperation, loadSdk, operationNames } from '../../../src/api/operations.js';
import { maskSensitive, membersOf, operationSchemas } from '../../../src/api/schema.js';
import { applyFields, parseInputDocument } from '../../../src/api/input.js';
import { itemsMember, mergePages, pageTokenMember } from '../../../src/api/pages.js';
import { UsageError } from '../../../src/errors.js';

const idp = await loadSdk('idp');
const identity = await loadSdk('identity');

function schemasOf(sdk: Record<string, unknown>, name: string, service: 'idp' | 'identity' = 'idp') {
  const op = findOperation(sdk, name, service);
  return operationSchemas(new op.command({}).schema)!;
}

describe('operations', () => {
  it('lists the operations of both APIs from their command classes', () => {
    const names = operationNames(idp);
    expect(names).toContain('ListUsers');
    expect(names).toContain('AdminInitiateAuth');
    expect(names.length).toBeGreaterThan(100);
    expect(operationNames(identity)).toContain('GetCredentialsForIdentity');
    expect(names.some((n) => n.endsWith('Command') || n.startsWith('$'))).toBe(false);
  });

  it('finds an operation by its AWS name, in any case or in the AWS CLI spelling', () => {
    expect(findOperation(idp, 'ListUsers', 'idp').name).toBe('ListUsers');
    expect(findOperation(idp, 'list-users', 'idp').name).toBe('ListUsers');
    expect(findOperation(idp, 'describeuserpool', 'idp').name).toBe('DescribeUserPool');
  });

  it('refuses an unknown operation as a usage error naming the closest ones', () => {
    let error: unknown;
    try {
      findOperation(idp, 'ListUser', 'idp');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/no operation "ListUser"/);
    expect((error as UsageError).hint).toMatch(/did you mean ListUsers/);
    expect(closestNames('DescribeUserPoolClients', operationNames(idp))[0]).toBe('DescribeUserPoolClient');
    expect(closestNames('qqqqqqqqqqqqqqqqqqqqqqqqq', operationNames(idp))).toEqual([]);
  });

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('schema reader', () => {
  it('reads the member types of an input', () => {
    const members = membersOf(schemasOf(idp, 'ListUsers').input);
    expect(members.get('UserPoolId')?.kind).toBe('string');
    expect(members.get('Limit')?.kind).toBe('number');
    expect(members.get('AttributesToGet')?.kind).toBe('list');
    const create = membersOf(schemasOf(idp, 'CreateUserPoolClient').input);
    expect(create.get('GenerateSecret')?.kind).toBe('boolean');
    expect(create.get('TokenValidityUnits')?.kind).toBe('struct');
  });

  it('masks what the model marks sensitive, at any depth', () => {
    const client = maskSensitive(schemasOf(idp, 'DescribeUserPoolClient').output, {
      UserPoolClient: { ClientId: 'abc', ClientSecret: 'the-secret', CallbackURLs: ['https://x'] },
    }, '****');
    expect(client).toEqual({ UserPoolClient: { ClientId: 'abc', ClientSecret: '****', CallbackURLs: ['https://x'] } });

    const auth = maskSensitive(schemasOf(idp, 'AdminInitiateAuth').output, {
      AuthenticationResult: { AccessToken: 'a', IdToken: 'b', RefreshToken: 'c', ExpiresIn: 3600 },
      Session: 'sess',
    }, '****') as any;
    expect(auth.AuthenticationResult).toEqual({ AccessToken: '****', IdToken: '****', RefreshToken: '****', ExpiresIn: 3600 });
    expect(auth.Session).toBe('****');

    const totp = maskSensitive(schemasOf(idp, 'AssociateSoftwareToken').output, { SecretCode: 'JBSWY3DP' }, '****');
    expect(totp).toEqual({ SecretCode: '****' });

    const creds = maskSensitive(schemasOf(identity, 'GetCredentialsForIdentity', 'identity').output, {
      IdentityId: 'id', Credentials: { AccessKeyId: 'AKIA', SecretKey: 'sk', SessionToken: 'st' },
    }, '****') as any;
    expect(creds.Credentials.SecretKey).toBe('****');
    expect(creds.IdentityId).toBe('id');
  });

  it('finds the page token and the items of paged operations', () => {
    const members = (name: string) => {
      const s = schemasOf(idp, name);
      return [membersOf(s.input), membersOf(s.output)] as const;
    };
    expect(pageTokenMember(...members('ListUsers'))).toBe('PaginationToken');
    expect(pageTokenMember(...members('ListGroups'))).toBe('NextToken');
    expect(pageTokenMember(...members('DescribeUserPool'))).toBeUndefined();
    expect(itemsMember(members('ListUsers')[1], {})).toBe('Users');
  });
});

describe('input', () => {
  const members = membersOf(schemasOf(idp, 'ListUsers').input);

  it('types --field values as the operation declares them', () => {
    const input = applyFields({}, ['UserPoolId=12345', 'Limit=5', 'AttributesToGet=["email"]'], members, 'ListUsers');
    expect(input).toEqual({ UserPoolId: '12345', Limit: 5, AttributesToGet: ['email'] });
    expect(applyFields({}, ['AttributesToGet=email,name'], members, 'ListUsers').AttributesToGet).toEqual(['email', 'name']);
    const create = membersOf(schemasOf(idp, 'CreateUserPoolClient').input);
    expect(applyFields({}, ['GenerateSecret=true'], create, 'CreateUserPoolClient').GenerateSecret).toBe(true);
  });

  it('lets fields override the --input document and keeps the rest', () => {
    expect(applyFields({ UserPoolId: 'a', Limit: 1 }, ['Limit=2'], members, 'ListUsers')).toEqual({ UserPoolId: 'a', Limit: 2 });
  });

  it('parses JSON where the schema is unknown', () => {
    expect(applyFields({}, ['A=1', 'B=true', 'C=x', 'D={"e":1}'], new Map(), 'Op')).toEqual({ A: 1, B: true, C: 'x', D: { e: 1 } });
  });

  it.each([
    ['Limit=many', /expected a number/],
    ['Nope=1', /ListUsers has no input member "Nope"/],
    ['UserPoolId', /expected Key=Value/],
  ])('refuses %s', (field, message) => {
    expect(() => applyFields({}, [field], members, 'ListUsers')).toThrow(message);
  });

  it('accepts only a JSON object as --input', () => {
    expect(parseInputDocument('{"a":1}', 'x')).toEqual({ a: 1 });
    expect(() => parseInputDocument('[1]', 'x')).toThrow(UsageError);
    expect(() => parseInputDocument('{', 'x')).toThrow(/not valid JSON/);
  });
});

describe('pages', () => {
  it('merges pages: lists concatenated, the token dropped', () => {
    expect(mergePages([{ Users: [1, 2], PaginationToken: 't' }, { Users: [3] }], 'PaginationToken')).toEqual({ Users: [1, 2, 3] });
  });
});

describe('personal data is not a secret', () => {
  it('keeps user names and attribute values, which the model also marks sensitive', () => {
    const listed = maskSensitive(schemasOf(idp, 'ListUsers').output, {
      Users: [{ Username: 'ann', Attributes: [{ Name: 'email', Value: 'ann@example.com' }] }],
    }, '****');
    expect(listed).toEqual({ Users: [{ Username: 'ann', Attributes: [{ Name: 'email', Value: 'ann@example.com' }] }] });
  });
});
