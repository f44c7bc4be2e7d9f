// --custom-attribute specs, and pool add-attribute against a strict SDK mock.
import { describe, expect, it } from 'vitest';
import { AddCustomAttributesCommand, CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { parseCustomAttribute } from '../../../src/commands/pool/custom-attributes.js';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';

const mock = useStrictIdpMock();
const POOL = 'eu-west-1_Attrs';

describe('--custom-attribute specs', () => {
  it.each([
    ['tier:string', { Name: 'tier', AttributeDataType: 'String', Mutable: true }],
    ['custom:tier:string:immutable:1-20', { Name: 'tier', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '20' } }],
    ['score:Number:0-100:mutable', { Name: 'score', AttributeDataType: 'Number', Mutable: true, NumberAttributeConstraints: { MinValue: '0', MaxValue: '100' } }],
    ['joined:datetime', { Name: 'joined', AttributeDataType: 'DateTime', Mutable: true }],
  ])('%s', (spec, expected) => {
    expect(parseCustomAttribute(spec)).toEqual(expected);
  });

  it.each([
    ['tier', /unknown type ""/],
    ['tier:text', /unknown type "text"/],
    ['a-name-longer-than-twenty:string', /1 to 20/],
    ['vip:boolean:1-2', /takes no range/],
    ['tier:string:5-1', /runs backwards/],
    ['tier:string:1-5000', /at most 2048/],
    ['tier:string:sometimes', /neither mutable/],
  ])('refuses %s', (spec, why) => {
    expect(() => parseCustomAttribute(spec)).toThrow(why);
  });
});

describe('pool create --custom-attribute and pool add-attribute', () => {
  it('pool create sends the custom attributes in the schema, after the required ones', async () => {
    mock.on(CreateUserPoolCommand).resolves({ UserPool: { Id: POOL, Name: 'shop' } });
    const result = await runCli(['pool', 'create', 'shop', '--required', 'email', '--custom-attribute', 'tier:string:1-20', '--custom-attribute', 'score:number']);
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(CreateUserPoolCommand)[0]!.args[0].input.Schema).toEqual([
      { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
      { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '20' } },
      { Name: 'score', AttributeDataType: 'Number', Mutable: true },
    ]);
  });

  it('a bad spec is exit 2 before anything is sent', async () => {
    const result = await runCli(['pool', 'create', 'shop', '--custom-attribute', 'tier:text']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown type "text"/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('add-attribute adds to an existing pool and prints what it added', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: POOL, SchemaAttributes: [{ Name: 'email' }] } });
    mock.on(AddCustomAttributesCommand).resolves({});
    const env = isolatedEnv({ COGNITO_USER_POOL_ID: POOL });
    const result = await runCli(['pool', 'add-attribute', 'tier:string', 'seats:number:1-500'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(mock.commandCalls(AddCustomAttributesCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      CustomAttributes: [
        { Name: 'tier', AttributeDataType: 'String', Mutable: true },
        { Name: 'seats', AttributeDataType: 'Number', Mutable: true, NumberAttributeConstraints: { MinValue: '1', MaxValue: '500' } },
      ],
    });
    expect(JSON.parse(result.stdout)).toEqual({
      id: POOL,
      customAttributes: [
        { name: 'custom:tier', type: 'String', mutable: true },
        { name: 'custom:seats', type: 'Number', mutable: true, min: 1, max: 500 },
      ],
    });
  });

  it('add-attribute refuses an attribute the pool already has, and adds nothing', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: POOL, SchemaAttributes: [{ Name: 'custom:tier' }] } });
    const env = isolatedEnv({ COGNITO_USER_POOL_ID: POOL });
    const result = await runCli(['pool', 'add-attribute', 'tier:string', 'plan:string'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already has custom:tier \(nothing was added\)/);
    expect(mock.commandCalls(AddCustomAttributesCommand)).toHaveLength(0);
  });
});
