// `api <Operation>` run as a binary against each emulator: pages followed to the end, secrets
// masked (also in --debug), unknown operations refused.
import { describe, expect, it } from 'vitest';
import { CreateGroupCommand, CreateUserPoolCommand, DeleteUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { spawnSync } from 'node:child_process';
import { BIN, emulatorEnv, emulatorSdk, emulators, runBin, runJson } from '../support/e2e.js';
import { isolatedEnv } from '../support/cli.js';
import { moduleTrace } from '../support/module-trace.js';

describe('api loading', () => {
  it('loads the AWS SDK only when an operation runs, not for its help', () => {
    const trace = moduleTrace();
    const help = spawnSync(process.execPath, [...trace.nodeArgs, BIN, 'api', '--help'], { env: isolatedEnv() as NodeJS.ProcessEnv, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/\$ cognito-admin api DescribeUserPool/);
    expect(trace.loaded()).toContain('/dist/cli/cli.js');
    expect(trace.loaded()).not.toMatch(/@aws-sdk|@smithy/);
  });
});

for (const emu of emulators()) {
  describe.skipIf(!emu.url)(`api on ${emu.name}`, () => {
    it('follows pages to the end, masks the client secret, and refuses an unknown operation', async () => {
      const env = emulatorEnv(emu.url!);
      const sdk = await emulatorSdk(emu.url!);
      const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'e2e-api' }));
      const poolId = UserPool!.Id!;
      try {
        const names = ['g1', 'g2', 'g3', 'g4', 'g5'];
        for (const GroupName of names) await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName }));

        // Two groups a page: three pages, every group once.
        const paged = await runBin(['api', 'ListGroups', '--pool', poolId, '--field', 'Limit=2', '--paginate', '-o', 'ndjson'], { env });
        expect(paged.code, paged.stderr).toBe(0);
        const lines = paged.stdout.trim().split('\n').map((l) => JSON.parse(l));
        expect(lines.map((g) => g.GroupName).sort()).toEqual(names);
        // --debug shows the requests: on moto three pages were asked for; cognito-local ignores
        // Limit and answers everything at once.
        const debugged = await runBin(['api', 'ListGroups', '--pool', poolId, '--field', 'Limit=2', '--paginate', '--debug', '-o', 'ndjson'], { env });
        expect(debugged.stderr.match(/debug: → cognito-idp.ListGroups/g)).toHaveLength(emu.name === 'moto' ? 3 : 1);
        const merged = await runJson(['api', 'ListGroups', '--field', `UserPoolId=${poolId}`, '--field', 'Limit=2', '--paginate'], { env });
        expect(merged.Groups.map((g: { GroupName: string }) => g.GroupName).sort()).toEqual(names);
        expect(merged.NextToken).toBeUndefined();

        const created = await runBin(
          ['api', 'CreateUserPoolClient', '--input', JSON.stringify({ UserPoolId: poolId, ClientName: 'backend' }), '--field', 'GenerateSecret=true', '--debug', '-o', 'json'],
          { env },
        );
        expect(created.code, created.stderr).toBe(0);
        const client = JSON.parse(created.stdout).UserPoolClient;
        expect(client.ClientName).toBe('backend');
        expect(client.ClientSecret).toBe('****');
        expect(created.stderr).toMatch(/debug: ← cognito-idp\.CreateUserPoolClient/);

        const shown = await runJson(
          ['api', 'DescribeUserPoolClient', '--field', `UserPoolId=${poolId}`, '--field', `ClientId=${client.ClientId}`, '--show-secrets'],
          { env },
        );
        const secret = shown.UserPoolClient.ClientSecret as string;
        expect(secret.length).toBeGreaterThan(10);
        // The secret the debug log saw at creation never reached stderr.
        expect(created.stderr).not.toContain(secret);
        const masked = await runBin(
          ['api', 'DescribeUserPoolClient', '--field', `UserPoolId=${poolId}`, '--field', `ClientId=${client.ClientId}`, '--debug', '-o', 'json'],
          { env },
        );
        expect(masked.stdout + masked.stderr).not.toContain(secret);
        expect(JSON.parse(masked.stdout).UserPoolClient.ClientId).toBe(client.ClientId);

        const unknown = await runBin(['api', 'DescribeUserPools', '--pool', poolId], { env });
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/no operation "DescribeUserPools"/);
        expect(unknown.stderr).toMatch(/hint: did you mean DescribeUserPool\b/);
      } finally {
        await sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
      }
    });
  });
}
