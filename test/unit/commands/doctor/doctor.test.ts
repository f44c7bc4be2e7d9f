import { describe, expect, it } from 'vitest';
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';
import { ProfileStore } from '../../../../src/config/profiles.js';

const mock = useStrictIdpMock();

function envWithProfile() {
  const env = isolatedEnv({ AWS_REGION: undefined });
  new ProfileStore(env.COGNITO_ADMIN_CONFIG).update('prod', { userPoolId: 'eu-west-1_Prod', clientId: 'cid', region: 'eu-west-1' });
  return env;
}

describe('doctor', () => {
  it('shows each setting with its source and passes when everything works', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_Prod', Name: 'prod', MfaConfiguration: 'OPTIONAL', EstimatedNumberOfUsers: 12 } });
    mock.on(DescribeUserPoolClientCommand).resolves({
      UserPoolClient: { ClientId: 'cid', ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    });
    const env = envWithProfile();
    const result = await runCli(['doctor', '--client', 'cid'], { env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    const source = (name: string) => report.settings.find((s: { setting: string }) => s.setting === name);
    expect(source('profile')).toEqual({ setting: 'profile', value: 'prod', source: 'config default' });
    expect(source('region')).toEqual({ setting: 'region', value: 'eu-west-1', source: 'profile prod' });
    expect(source('app client')).toEqual({ setting: 'app client', value: 'cid', source: 'flag --client' });
    expect(report.checks.map((c: { check: string; verdict: string }) => [c.check, c.verdict])).toEqual([
      ['AWS credentials', 'ok'],
      ['user pool', 'ok'],
      ['app client', 'ok'],
    ]);
    expect(report.checks[0].detail).toMatch(/environment \(AWS_ACCESS_KEY_ID\): key AKIA…TEST/);
  });

  it('warns about a client without SRP or refresh and explains what to do', async () => {
    mock.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'eu-west-1_Prod', Name: 'prod' } });
    mock.on(DescribeUserPoolClientCommand).resolves({
      UserPoolClient: { ClientId: 'cid', ClientName: 'web', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'], ClientSecret: 's' },
    });
    const result = await runCli(['doctor', '-o', 'text'], { env: envWithProfile() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/! app client: web \(cid\): flows admin; has a secret; SRP sign-in .* is not allowed/);
    expect(result.stdout).toMatch(/hint: use `auth login --flow password\|admin`/);
    expect(result.stdout).not.toContain('"s"');
  });

  it('fails with exit 1 and a hint when the pool is not found, and skips the client check', async () => {
    mock.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException', 'User pool eu-west-1_Prod does not exist.'));
    const result = await runCli(['doctor', '-o', 'text'], { env: envWithProfile() });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/✗ user pool: eu-west-1_Prod: User pool eu-west-1_Prod does not exist\. \(ResourceNotFoundException\)\n\s+hint: check the id and the region in eu-west-1 \(from profile prod\)/);
    expect(result.stdout).toMatch(/- app client: skipped: the pool is not reachable/);
    expect(mock.commandCalls(DescribeUserPoolClientCommand)).toHaveLength(0);
  });

  it('says what is missing when nothing is configured', async () => {
    const result = await runCli(['doctor', '-o', 'text'], { env: isolatedEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/- user pool: no pool configured\n\s+hint: pass --pool/);
    expect(mock.calls()).toHaveLength(0);
  });
});
