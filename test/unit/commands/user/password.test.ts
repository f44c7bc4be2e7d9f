// user set-password | reset-password: where the password comes from, and that it never leaks.
import { describe, expect, it } from 'vitest';
import {
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { buildProgram } from '../../../../src/program.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const POOL = 'eu-west-1_Test123';
const mock = useStrictMock(CognitoIdentityProviderClient);
const env = (extra: Record<string, string> = {}) => isolatedEnv({ COGNITO_USER_POOL_ID: POOL, ...extra });
const sentPasswords = () => mock.commandCalls(AdminSetUserPasswordCommand).map((c) => c.args[0].input);


describe('user set-password', () => {
  it('reads the first line of stdin with --password-stdin and never prints it, even with --debug', async () => {
    mock.on(AdminSetUserPasswordCommand).resolves({});
    const password = 'Stdin-Secret-9f3k!';
    const result = await runCli(['user', 'set-password', 'ann', '--password-stdin', '--permanent', '--debug'], {
      env: env(),
      stdin: `${password}\r\nsecond line\n`,
    });
    expect(result.code).toBe(0);
    expect(sentPasswords()).toEqual([{ UserPoolId: POOL, Username: 'ann', Password: password, Permanent: true }]);
    expect(JSON.parse(result.stdout)).toEqual({ username: 'ann', permanent: true });
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('takes COGNITO_NEW_PASSWORD when there is no --password-stdin, temporary by default', async () => {
    mock.on(AdminSetUserPasswordCommand).resolves({});
    const result = await runCli(['user', 'set-password', 'ann', '-o', 'table'], { env: env({ COGNITO_NEW_PASSWORD: 'Env-Secret-77!x' }) });
    expect(result.code).toBe(0);
    expect(sentPasswords()[0]).toMatchObject({ Password: 'Env-Secret-77!x', Permanent: false });
    expect(result.stderr).toMatch(/set a temporary password for ann: they must choose a new one at their next sign-in/);
    expect(result.stdout + result.stderr).not.toContain('Env-Secret-77!x');
  });

  it('asks twice on a terminal (masked prompt) and sends only when both answers match', async () => {
    mock.on(AdminSetUserPasswordCommand).resolves({});
    const prompter = scriptedPrompter(['Prompt-Secret-1!', 'Prompt-Secret-1!']);
    const ok = await runCli(['user', 'set-password', 'ann'], { env: env(), tty: true, prompter });
    expect(ok.code).toBe(0);
    expect(prompter.asked).toEqual(['New password for ann', 'Repeat the new password']);
    expect(sentPasswords()[0]).toMatchObject({ Password: 'Prompt-Secret-1!' });

    mock.resetHistory();
    const differ = await runCli(['user', 'set-password', 'ann'], {
      env: env(),
      tty: true,
      prompter: scriptedPrompter(['Prompt-Secret-1!', 'Prompt-Secret-2!']),
    });
    expect(differ.code).toBe(2);
    expect(differ.stderr).toMatch(/the two passwords differ; nothing was changed/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('without a terminal, stdin flag or variable, names the ways to give it and calls nothing', async () => {
    const result = await runCli(['user', 'set-password', 'ann'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: a new password is required: pass --password-stdin or COGNITO_NEW_PASSWORD/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('refuses an empty first line', async () => {
    const result = await runCli(['user', 'set-password', 'ann', '--password-stdin'], { env: env(), stdin: '\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--password-stdin: expected the new password on the first line of stdin/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('has no option that takes the password on argv', () => {
    const cmd = buildProgram({}).commands.find((c) => c.name() === 'user')!.commands.find((c) => c.name() === 'set-password')!;
    expect(cmd.options.map((o) => o.long)).toEqual(['--permanent', '--password-stdin']);
    expect(cmd.options.every((o) => !o.required && !o.optional)).toBe(true);
  });

  it('maps InvalidPasswordException to exit 2 with the policy hint, and scrubs the password from the message', async () => {
    const password = 'short1-Leaky';
    mock.on(AdminSetUserPasswordCommand).rejects(
      awsError('InvalidPasswordException', `Password does not conform to policy: ${password} is too weak`),
    );
    const result = await runCli(['user', 'set-password', 'ann', '--password-stdin', '--debug'], { env: env(), stdin: `${password}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\(InvalidPasswordException\)\nhint: the password does not meet the pool's password policy: `cognito-admin pool describe` shows it/);
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('maps a missing user to exit 1', async () => {
    mock.on(AdminSetUserPasswordCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    const result = await runCli(['user', 'set-password', 'ghost', '--password-stdin'], { env: env(), stdin: 'Whatever-1!\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(UserNotFoundException\)\nhint:/);
  });
});

describe('user reset-password', () => {
  it('sends AdminResetUserPassword', async () => {
    mock.on(AdminResetUserPasswordCommand).resolves({});
    const result = await runCli(['user', 'reset-password', 'ann'], { env: env() });
    expect(result.code).toBe(0);
    expect(mock.commandCalls(AdminResetUserPasswordCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, Username: 'ann' });
    expect(JSON.parse(result.stdout)).toEqual({ username: 'ann', passwordReset: true });
  });

  it('maps NotAuthorizedException to exit 4', async () => {
    mock.on(AdminResetUserPasswordCommand).rejects(awsError('NotAuthorizedException', 'Not authorized'));
    const result = await runCli(['user', 'reset-password', 'ann'], { env: env() });
    expect(result.code).toBe(4);
  });
});

describe('user reset-password on a user whose state does not allow it', () => {
  it('is a failed operation (exit 1) with a hint, not an authentication failure (exit 4)', async () => {
    mock.on(AdminResetUserPasswordCommand).rejects(awsError('NotAuthorizedException', 'User password cannot be reset in the current state.'));
    const result = await runCli(['user', 'reset-password', 'ann'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: User password cannot be reset in the current state\. \(NotAuthorizedException\)\nhint: .*user set-password/);
  });
});
