import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  GetGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { checkGroupName } from '../../../../src/commands/group/rules.js';
import { checkRoleArn } from '../../../../src/commands/role-arn.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const ROLE = 'arn:aws:iam::123456789012:role/admins';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });

describe('group rules', () => {
  it('accepts IAM role ARNs in every partition, with paths', () => {
    for (const arn of [ROLE, 'arn:aws-cn:iam::123456789012:role/x', 'arn:aws-us-gov:iam::123456789012:role/service/team/x_y.z@w']) {
      expect(() => checkRoleArn(arn, '--role-arn')).not.toThrow();
    }
  });

  it('rejects what is not an IAM role ARN', () => {
    for (const arn of ['admins', 'arn:aws:iam::12345:role/x', 'arn:aws:iam::123456789012:user/x', 'arn:aws:s3:::bucket', 'arn:aws:iam::123456789012:role/']) {
      expect(() => checkRoleArn(arn, '--role-arn'), arn).toThrow(/not an IAM role ARN/);
    }
  });

  it("checks names against Cognito's pattern and length", () => {
    expect(checkGroupName('admins')).toBe('admins');
    expect(checkGroupName('équipe-ß_1.2@x')).toBe('équipe-ß_1.2@x');
    expect(() => checkGroupName('two words')).toThrow(/not a valid group name/);
    expect(() => checkGroupName('x'.repeat(129))).toThrow(/1 to 128/);
  });
});

describe('group create', () => {
  it('sends every field and prints the group', async () => {
    mock.on(CreateGroupCommand).resolves({ Group: { GroupName: 'admins', Description: 'Admins', Precedence: 1, RoleArn: ROLE, UserPoolId: POOL } });
    const result = await runCli(['group', 'create', 'admins', '--description', 'Admins', '--precedence', '1', '--role-arn', ROLE], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(CreateGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      GroupName: 'admins',
      Description: 'Admins',
      Precedence: 1,
      RoleArn: ROLE,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'admins', roleArn: ROLE });
  });

  it.each([
    [['two words'], /not a valid group name/],
    [['admins', '--role-arn', 'admin-role'], /--role-arn "admin-role" is not an IAM role ARN/],
    [['admins', '--precedence', '-1'], /--precedence/],
    [['admins', '--precedence', '3000000000'], /--precedence must be between 0 and 2147483647/],
    [['admins', '--description', 'x'.repeat(2049)], /--description is longer/],
  ])('refuses bad input %# before sending anything', async (args, message) => {
    const result = await runCli(['group', 'create', ...args], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
  });

  it('reports an existing group with a hint', async () => {
    mock.on(CreateGroupCommand).rejects(awsError('GroupExistsException', 'A group with the name already exists in the user pool.'));
    const result = await runCli(['group', 'create', 'admins'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(GroupExistsException\)\nhint: .*group get/);
  });
});

describe('group update', () => {
  const current = { GroupName: 'admins', UserPoolId: POOL, Description: 'Old text', Precedence: 5, RoleArn: ROLE };

  it('keeps every field the operator did not name', async () => {
    mock.on(GetGroupCommand).resolves({ Group: current });
    mock.on(UpdateGroupCommand).callsFake((input) => ({ Group: { ...current, ...input } }));
    const result = await runCli(['group', 'update', 'admins', '--description', 'New text'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(UpdateGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      GroupName: 'admins',
      Description: 'New text',
      Precedence: 5,
      RoleArn: ROLE,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ description: 'New text', precedence: 5, roleArn: ROLE });
  });

  it('changes precedence and role without touching the description', async () => {
    mock.on(GetGroupCommand).resolves({ Group: current });
    mock.on(UpdateGroupCommand).callsFake((input) => ({ Group: { ...current, ...input } }));
    const other = 'arn:aws:iam::123456789012:role/other';
    const result = await runCli(['group', 'update', 'admins', '--precedence', '0', '--role-arn', other], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(UpdateGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      GroupName: 'admins',
      Description: 'Old text',
      Precedence: 0,
      RoleArn: other,
    });
  });

  it('--remove-role leaves the role out and keeps the rest', async () => {
    mock.on(GetGroupCommand).resolves({ Group: current });
    mock.on(UpdateGroupCommand).resolves({ Group: { ...current, RoleArn: undefined } });
    const result = await runCli(['group', 'update', 'admins', '--remove-role'], { env: env() });
    expect(result.code).toBe(0);
    const input = mock.commandCalls(UpdateGroupCommand)[0]!.args[0].input;
    expect(input).toEqual({ UserPoolId: POOL, GroupName: 'admins', Description: 'Old text', Precedence: 5 });
    expect('RoleArn' in input && input.RoleArn !== undefined).toBe(false);
    expect(result.stderr).not.toMatch(/warning/);
  });

  it('warns when the service kept a role it was asked to remove', async () => {
    mock.on(GetGroupCommand).resolves({ Group: current });
    mock.on(UpdateGroupCommand).resolves({ Group: current });
    const result = await runCli(['group', 'update', 'admins', '--remove-role'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: the service still reports role/);
  });

  it('does not invent fields the group never had', async () => {
    mock.on(GetGroupCommand).resolves({ Group: { GroupName: 'plain', UserPoolId: POOL } });
    mock.on(UpdateGroupCommand).callsFake((input) => ({ Group: { GroupName: 'plain', ...input } }));
    const result = await runCli(['group', 'update', 'plain', '--precedence', '3'], { env: env() });
    expect(result.code).toBe(0);
    const input = mock.commandCalls(UpdateGroupCommand)[0]!.args[0].input;
    expect(input.Description).toBeUndefined();
    expect(input.RoleArn).toBeUndefined();
    expect(input.Precedence).toBe(3);
  });

  it.each([
    [['admins'], /nothing to update/],
    [['admins', '--role-arn', ROLE, '--remove-role'], /contradict/],
    [['admins', '--role-arn', 'nope'], /not an IAM role ARN/],
  ])('refuses %# before reading or changing anything', async (args, message) => {
    const result = await runCli(['group', 'update', ...args], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
  });

  it('fails on a missing group without calling UpdateGroup', async () => {
    mock.on(GetGroupCommand).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    const result = await runCli(['group', 'update', 'nope', '--description', 'x'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/group nope does not exist/);
    expect(mock.commandCalls(UpdateGroupCommand)).toHaveLength(0);
  });
});
