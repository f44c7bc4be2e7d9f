// Bad input and broken setups: each a one-line error, the documented exit code, and no change.
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../support/cli.js';
import { useStrictIdpMock } from '../support/sdk-mock.js';

const mock = useStrictIdpMock();

function oneLineError(stderr: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
}

describe('bad input', () => {
  it('unknown profile → exit 2', async () => {
    const result = await runCli(['-p', 'nope', 'pool', 'list']);
    expect(result.code).toBe(2);
    oneLineError(result.stderr);
    expect(result.stderr).toMatch(/unknown profile "nope"/);
  });

  it('invalid pool id → exit 2, nothing sent', async () => {
    const result = await runCli(['pool', 'describe', 'not-a-pool']);
    expect(result.code).toBe(2);
    oneLineError(result.stderr);
    expect(mock.calls()).toHaveLength(0);
  });

  it('pool in another region → exit 2, nothing sent', async () => {
    const result = await runCli(['pool', 'describe', 'us-east-1_AbC', '--region', 'eu-west-1']);
    expect(result.code).toBe(2);
    oneLineError(result.stderr);
    expect(result.stderr).toMatch(/user pool us-east-1_AbC is in us-east-1, but the region is eu-west-1 \(from --region\)/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('unknown option and unknown command → exit 2 with usage help', async () => {
    expect((await runCli(['pool', 'list', '--bogus'])).code).toBe(2);
    const unknown = await runCli(['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'fly'/);
  });

  it('an unknown verb of a noun → exit 2 "unknown command" with the closest verbs, not the help', async () => {
    const result = await runCli(['pool', 'frobnicate']);
    expect(result.code).toBe(2);
    oneLineError(result.stderr);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: unknown command 'pool frobnicate'/);
    expect(result.stderr).toMatch(/hint: closest: pool /);
    const typo = await runCli(['user', 'delet', 'ann']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/hint: closest: user delete,/);
    expect(mock.calls()).toHaveLength(0);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: cognito-admin/);
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
