// The global --query: JMESPath over the JSON a command prints, as in the AWS CLI.
import { describe, expect, it } from 'vitest';
import { AdminGetUserCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { useStrictIdpMock } from '../../support/sdk-mock.js';
import { queryTextLines } from '../../../src/io/query.js';

const mock = useStrictIdpMock();
const pools = { UserPools: [{ Id: 'eu-west-1_A', Name: 'shop' }, { Id: 'eu-west-1_B', Name: 'staff' }] };

describe('--query', () => {
  it('applies to a list as a whole, like the AWS CLI, and prints JSON', async () => {
    mock.on(ListUserPoolsCommand).resolves(pools);
    const result = await runCli(['pool', 'list', '--query', "[?name=='staff'].id"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['eu-west-1_B']);
  });

  it('with -o text prints every scalar on a line of its own', async () => {
    mock.on(ListUserPoolsCommand).resolves(pools);
    const result = await runCli(['pool', 'list', '--query', '[].id', '-o', 'text']);
    expect(result.stdout).toBe('eu-west-1_A\neu-west-1_B\n');
  });

  it('applies to a single record, on a terminal too (the result is data, not a table)', async () => {
    mock.on(AdminGetUserCommand).resolves({
      Username: 'ann',
      UserStatus: 'CONFIRMED',
      Enabled: true,
      UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }],
    });
    const env = isolatedEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_A' });
    const text = await runCli(['user', 'get', 'ann', '--query', 'attributes.email', '-o', 'text'], { env });
    expect(text.stdout).toBe('ann@example.com\n');
    const json = await runCli(['user', 'get', 'ann', '--query', '{name: username, on: enabled}'], { env, tty: true });
    expect(JSON.parse(json.stdout)).toEqual({ name: 'ann', on: true });
  });

  it('a bad expression is exit 2 before anything is sent', async () => {
    const result = await runCli(['pool', 'list', '--query', '[.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: invalid --query expression "\[\.": /);
    expect(mock.calls()).toHaveLength(0);
  });

  it('text lines: arrays flattened, objects as compact JSON, nulls left out', () => {
    expect(queryTextLines([['a', 1], null, { b: true }, false])).toEqual(['a', '1', '{"b":true}', 'false']);
    expect(queryTextLines(null)).toEqual([]);
  });
});
