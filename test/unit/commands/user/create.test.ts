// user create and user invite, in-process against a strict SDK mock.
import { describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  GetGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = (extra: Record<string, string> = {}) => isolatedEnv({ COGNITO_USER_POOL_ID: POOL, ...extra });
const created = (username = 'ann', extra: Partial<UserType> = {}): { User: UserType } => ({
  User: {
    Username: username,
    UserStatus: 'FORCE_CHANGE_PASSWORD',
    Enabled: true,
    UserCreateDate: new Date('2026-01-02T03:04:05Z'),
    Attributes: [{ Name: 'sub', Value: 'sub-1' }, { Name: 'email', Value: 'ann@example.com' }],
    ...extra,
  },
});


describe('user create', () => {
  it('sends the attributes, the temporary password from stdin, and joins the groups', async () => {
    mock.on(GetGroupCommand).resolves({ Group: { GroupName: 'x' } });
    mock.on(AdminCreateUserCommand).resolves(created());
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runCli(
      ['user', 'create', 'ann', '--email', 'ann@example.com', '--email-verified', '--attr', 'custom:tier=gold',
        '--temp-password-stdin', '--invite', 'none', '--group', 'admins', '--group', 'staff'],
      { env: env(), stdin: 'Temp-Passw0rd!\nignored second line\n' },
    );
    expect(result.code).toBe(0);
    expect(mock.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ann',
      UserAttributes: [
        { Name: 'custom:tier', Value: 'gold' },
        { Name: 'email', Value: 'ann@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
      DesiredDeliveryMediums: undefined,
    });
    expect(mock.commandCalls(GetGroupCommand).map((c) => c.args[0].input.GroupName).sort()).toEqual(['admins', 'staff']);
    expect(mock.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'ann', GroupName: 'admins' },
      { UserPoolId: POOL, Username: 'ann', GroupName: 'staff' },
    ]);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      username: 'ann',
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
      created: '2026-01-02T03:04:05.000Z',
      attributes: { sub: 'sub-1', email: 'ann@example.com' },
      groups: ['admins', 'staff'],
      invitation: 'none',
    });
    expect(result.stdout + result.stderr).not.toContain('Temp-Passw0rd!');
  });

  it("leaves the invitation to Cognito by default and maps --invite to delivery mediums", async () => {
    mock.on(AdminCreateUserCommand).resolves(created());
    expect((await runCli(['user', 'create', 'ann'], { env: env() })).code).toBe(0);
    expect((await runCli(['user', 'create', 'ann', '--phone', '+447700900123', '--email', 'a@example.com', '--invite', 'sms,email'], { env: env() })).code).toBe(0);
    const [plain, both] = mock.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input);
    expect(plain).toMatchObject({ Username: 'ann', MessageAction: undefined, DesiredDeliveryMediums: undefined, TemporaryPassword: undefined });
    expect(plain!.UserAttributes).toBeUndefined();
    expect(both).toMatchObject({ MessageAction: undefined, DesiredDeliveryMediums: ['SMS', 'EMAIL'] });
  });

  it('adds to groups by the username Cognito generated in an email-as-username pool', async () => {
    mock.on(GetGroupCommand).resolves({ Group: { GroupName: 'admins' } });
    mock.on(AdminCreateUserCommand).resolves(created('0b1c-uuid'));
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runCli(['user', 'create', 'ann@example.com', '--group', 'admins', '-o', 'table'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input.Username).toBe('0b1c-uuid');
    expect(result.stderr).toContain('created user ann@example.com (Cognito username 0b1c-uuid), status FORCE_CHANGE_PASSWORD, in admins');
    expect(result.stdout).toBe('');
  });

  it('creates nothing when a group is missing, and names every missing group', async () => {
    mock.on(GetGroupCommand, { GroupName: 'admins' }).resolves({ Group: { GroupName: 'admins' } });
    mock.on(GetGroupCommand, { GroupName: 'ghosts' }).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    mock.on(GetGroupCommand, { GroupName: 'spooks' }).rejects(awsError('ResourceNotFoundException', 'Group not found.'));
    const result = await runCli(['user', 'create', 'ann', '--group', 'admins', '--group', 'ghosts', '--group', 'spooks'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: groups ghosts, spooks do not exist in pool ${POOL}; no user was created`);
    expect(result.stderr).toMatch(/hint: .*group create ghosts/);
    expect(mock.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    expect(mock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(result.stdout).toBe('');
  });

  it('says what was done when joining a group fails after the user was created', async () => {
    mock.on(GetGroupCommand).resolves({ Group: {} });
    mock.on(AdminCreateUserCommand).resolves(created());
    mock.on(AdminAddUserToGroupCommand, { GroupName: 'admins' }).resolves({});
    mock.on(AdminAddUserToGroupCommand, { GroupName: 'staff' }).rejects(awsError('TooManyRequestsException', 'Rate exceeded'));
    const result = await runCli(['user', 'create', 'ann', '--group', 'admins', '--group', 'staff'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: created user ann and added it to admins, but adding it to group staff failed: Rate exceeded (TooManyRequestsException)');
    expect(result.stderr).toContain('hint: finish with `cognito-admin group add staff ann`');
  });

  it.each([
    [['--attr', 'given_name'], /--attr "given_name" is not name=value/],
    [['--attr', 'shoe_size=42'], /--attr shoe_size: not a standard attribute/],
    [['--email', 'ann.example.com'], /--email "ann.example.com" is not an email address/],
    [['--phone', '07700 900123'], /--phone "07700 900123" is not a phone number in E\.164 format/],
    [['--email-verified'], /--email-verified needs an email address/],
    [['--invite', 'sms'], /--invite sms needs a phone number/],
    [['--invite', 'fax'], /--invite.*expected email, sms, email,sms or none/],
    [['--invite', 'none,email'], /expected email, sms, email,sms or none/],
  ])('refuses %j with exit 2 before any AWS call', async (flags, message) => {
    const result = await runCli(['user', 'create', 'ann', ...flags], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
  });

  it('refuses an empty stdin for --temp-password-stdin before any AWS call', async () => {
    const result = await runCli(['user', 'create', 'ann', '--temp-password-stdin'], { env: env(), stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--temp-password-stdin: expected the temporary password on the first line of stdin/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('reports an existing username with exit 1 and a hint', async () => {
    mock.on(AdminCreateUserCommand).rejects(awsError('UsernameExistsException', 'User account already exists'));
    const result = await runCli(['user', 'create', 'ann'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^error: user ann already exists in pool ${POOL}; nothing was changed \\(UsernameExistsException\\)\\nhint: .*user get ann`));
  });

  it('maps a weak temporary password to exit 2 with the password-policy hint, without echoing it', async () => {
    mock.on(AdminCreateUserCommand).rejects(
      awsError('InvalidPasswordException', 'Password did not conform with policy: weakpass1 is too short'),
    );
    const result = await runCli(['user', 'create', 'ann', '--temp-password-stdin', '--debug'], { env: env(), stdin: 'weakpass1\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\(InvalidPasswordException\)\nhint: the password does not meet the pool's password policy/);
    expect(result.stdout + result.stderr).not.toContain('weakpass1');
  });

  it('maps rejected AWS credentials to exit 4', async () => {
    mock.on(AdminCreateUserCommand).rejects(awsError('NotAuthorizedException', 'Not authorized'));
    const result = await runCli(['user', 'create', 'ann'], { env: env() });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Not authorized \(NotAuthorizedException\)/);
  });
});

describe('user invite', () => {
  it('resends with the chosen mediums', async () => {
    mock.on(AdminCreateUserCommand).resolves(created());
    const result = await runCli(['user', 'invite', 'ann', '--invite', 'email'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ann',
      MessageAction: 'RESEND',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(JSON.parse(result.stdout)).toEqual({ username: 'ann', status: 'FORCE_CHANGE_PASSWORD', invitation: 'email' });
  });

  it('refuses --invite none (there is nothing to resend) before any call', async () => {
    const result = await runCli(['user', 'invite', 'ann', '--invite', 'none'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected email, sms or email,sms/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('maps a missing user to exit 1 with a hint', async () => {
    mock.on(AdminCreateUserCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['user', 'invite', 'ghost'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: User does not exist. (UserNotFoundException)\nhint: `cognito-admin user list` shows the users of the pool\n');
  });
});
