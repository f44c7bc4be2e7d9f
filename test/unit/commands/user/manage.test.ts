// user get | update | delete | disable | enable | confirm | sign-out, against a strict SDK mock.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  type AdminGetUserCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = () => isolatedEnv({ COGNITO_USER_POOL_ID: POOL });

describe('user get', () => {
  const answer: Omit<AdminGetUserCommandOutput, '$metadata'> = {
    Username: 'ann',
    UserStatus: 'CONFIRMED',
    Enabled: true,
    UserCreateDate: new Date('2026-01-01T00:00:00Z'),
    UserLastModifiedDate: new Date('2026-02-01T00:00:00Z'),
    UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }, { Name: 'custom:tier', Value: 'gold' }],
    PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
  };

  it('prints the user with attributes as an object and the MFA settings', async () => {
    mock.on(AdminGetUserCommand, { UserPoolId: POOL, Username: 'ann' }).resolves(answer);
    const result = await runCli(['user', 'get', 'ann'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      username: 'ann',
      status: 'CONFIRMED',
      enabled: true,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-02-01T00:00:00.000Z',
      attributes: { email: 'ann@example.com', 'custom:tier': 'gold' },
      mfa: { preferred: 'SOFTWARE_TOKEN_MFA', methods: ['SOFTWARE_TOKEN_MFA'] },
    });
  });

  it('prints one line per field, attributes sorted, as text', async () => {
    mock.on(AdminGetUserCommand).resolves({ ...answer, PreferredMfaSetting: undefined, UserMFASettingList: undefined });
    const result = await runCli(['user', 'get', 'ann', '-o', 'text'], { env: env() });
    expect(result.stdout).toBe(
      'username: ann\nstatus: CONFIRMED\nenabled: true\ncreated: 2026-01-01T00:00:00.000Z\n' +
        'modified: 2026-02-01T00:00:00.000Z\nmfa: none\npreferred mfa: \ncustom:tier: gold\nemail: ann@example.com\n',
    );
  });

  it('maps UserNotFoundException to exit 1 with a hint, and nothing on stdout', async () => {
    mock.on(AdminGetUserCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['user', 'get', 'ghost'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: User does not exist. (UserNotFoundException)\nhint: `cognito-admin user list` shows the users of the pool\n');
  });

  it('maps NotAuthorizedException (rejected AWS identity) to exit 4', async () => {
    mock.on(AdminGetUserCommand).rejects(awsError('NotAuthorizedException', 'Not authorized to perform this action'));
    const result = await runCli(['user', 'get', 'ann'], { env: env() });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Not authorized to perform this action \(NotAuthorizedException\)/);
  });

  it('refuses a username with a space before any call', async () => {
    const result = await runCli(['user', 'get', 'ann smith'], { env: env() });
    expect(result.code).toBe(2);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('user update', () => {
  it('sets and removes attributes', async () => {
    mock.on(AdminUpdateUserAttributesCommand).resolves({});
    mock.on(AdminDeleteUserAttributesCommand).resolves({});
    const result = await runCli(
      ['user', 'update', 'ann', '--attr', 'given_name=Ann', '--attr', 'custom:tier=gold', '--remove-attr', 'phone_number'],
      { env: env() },
    );
    expect(result.code).toBe(0);
    expect(mock.commandCalls(AdminUpdateUserAttributesCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ann',
      UserAttributes: [{ Name: 'given_name', Value: 'Ann' }, { Name: 'custom:tier', Value: 'gold' }],
    });
    expect(mock.commandCalls(AdminDeleteUserAttributesCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ann',
      UserAttributeNames: ['phone_number'],
    });
    expect(JSON.parse(result.stdout)).toEqual({
      username: 'ann',
      updated: { given_name: 'Ann', 'custom:tier': 'gold' },
      removed: ['phone_number'],
    });
  });

  it('only removes when only --remove-attr is given', async () => {
    mock.on(AdminDeleteUserAttributesCommand).resolves({});
    const result = await runCli(['user', 'update', 'ann', '--remove-attr', 'custom:tier', '-o', 'table'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/updated user ann: removed custom:tier/);
    expect(mock.commandCalls(AdminUpdateUserAttributesCommand)).toHaveLength(0);
  });

  it.each([
    [[], /nothing to change: pass --attr name=value and\/or --remove-attr name/],
    [['--attr', 'given_name'], /--attr "given_name" is not name=value/],
    [['--attr', 'given_name=Ann', '--attr', 'bogus=1'], /--attr bogus: not a standard attribute/],
    [['--attr', 'email=ann'], /is not an email address/],
    [['--attr', 'phone_number=+0123'], /E\.164/],
    [['--remove-attr', 'sub'], /Cognito sets sub itself/],
    [['--attr', 'locale=en', '--remove-attr', 'locale'], /locale is both set \(--attr\) and removed/],
  ])('refuses %j with exit 2 before any AWS call (the valid --attr is not sent either)', async (flags, message) => {
    const result = await runCli(['user', 'update', 'ann', ...flags], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
  });

  it('says which half was done when the removal fails after the update', async () => {
    mock.on(AdminUpdateUserAttributesCommand).resolves({});
    mock.on(AdminDeleteUserAttributesCommand).rejects(awsError('InvalidParameterException', 'Cannot delete a required attribute'));
    const result = await runCli(['user', 'update', 'ann', '--attr', 'locale=en', '--remove-attr', 'email'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: set locale on ann, but removing email failed: Cannot delete a required attribute \(InvalidParameterException\)/);
  });
});

describe('user delete', () => {
  beforeEach(() => {
    mock.on(AdminGetUserCommand).resolves({ Username: 'ann', UserStatus: 'CONFIRMED', Enabled: true });
  });

  it('looks the user up first: one that does not exist fails before any question', async () => {
    mock.on(AdminGetUserCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const prompter = scriptedPrompter([]);
    const result = await runCli(['user', 'delete', 'nobody'], { env: env(), tty: true, prompter });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: User does not exist\. \(UserNotFoundException\)/);
    expect(prompter.asked).toEqual([]);
    expect(mock.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('refuses without --yes when there is no terminal, and deletes nothing', async () => {
    mock.on(AdminDeleteUserCommand).resolves({});
    const result = await runCli(['user', 'delete', 'ann'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^error: refusing to delete user ann from pool ${POOL} without confirmation: pass --yes`));
    expect(mock.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('asks on a terminal; no means nothing is deleted', async () => {
    mock.on(AdminDeleteUserCommand).resolves({});
    const no = scriptedPrompter([false]);
    const refused = await runCli(['user', 'delete', 'ann'], { env: env(), tty: true, prompter: no });
    expect(refused.code).toBe(1);
    expect(no.asked).toEqual([`Delete user ann from pool ${POOL}?`]);
    expect(mock.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);

    const yes = await runCli(['user', 'delete', 'ann'], { env: env(), tty: true, prompter: scriptedPrompter([true]) });
    expect(yes.code).toBe(0);
    expect(mock.commandCalls(AdminDeleteUserCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, Username: 'ann' });
  });

  it('deletes with --yes and prints the result', async () => {
    mock.on(AdminDeleteUserCommand).resolves({});
    const result = await runCli(['user', 'delete', 'ann', '--yes'], { env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ deleted: 'ann' });
  });
});

describe('user disable | enable | confirm | sign-out', () => {
  it.each([
    ['disable', AdminDisableUserCommand, { username: 'ann', enabled: false }],
    ['enable', AdminEnableUserCommand, { username: 'ann', enabled: true }],
    ['confirm', AdminConfirmSignUpCommand, { username: 'ann', status: 'CONFIRMED' }],
    ['sign-out', AdminUserGlobalSignOutCommand, { username: 'ann', signedOut: true }],
  ] as const)('%s sends one call for the user', async (verb, command, printed) => {
    mock.on(command as any).resolves({});
    const result = await runCli(['user', verb, 'ann'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(command as any).map((c) => c.args[0].input)).toEqual([{ UserPoolId: POOL, Username: 'ann' }]);
    expect(mock.calls()).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual(printed);
  });

  it('reports confirming an already confirmed user as a failure, not a credentials problem', async () => {
    mock.on(AdminConfirmSignUpCommand).rejects(awsError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'));
    const result = await runCli(['user', 'confirm', 'ann'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: User cannot be confirmed. Current status is CONFIRMED \(NotAuthorizedException\)\nhint: only users who signed up/);
  });

  it('maps a missing user on disable to exit 1 with a hint', async () => {
    mock.on(AdminDisableUserCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['user', 'disable', 'ghost'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hint: `cognito-admin user list`/);
  });
});
