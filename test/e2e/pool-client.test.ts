// pool and client commands against each emulator, checked through the emulator's own API.
import { describe, expect, it } from 'vitest';
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { emulatorEnv, emulatorSdk, emulators, runBin, runJson } from '../support/e2e.js';

for (const emu of emulators()) {
  describe.skipIf(!emu.url)(`pool and client commands on ${emu.name}`, () => {
    it('creates a pool with a client and a profile, lists, describes and deletes them', async () => {
      const env = emulatorEnv(emu.url!);
      const created = await runJson(
        ['pool', 'create', 'e2e-shop', '--sign-in', 'email', '--password-min-length', '10', '--with-client', 'web', '--flows', 'srp,password,admin,refresh', '--save-profile', 'shop'],
        { env },
      );
      expect(created.id).toMatch(/_/);
      expect(created.client.id).toBeTruthy();

      const sdk = await emulatorSdk(emu.url!);
      const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: created.id }));
      expect(UserPool?.Name).toBe('e2e-shop');
      expect(UserPool?.UsernameAttributes).toEqual(['email']);
      expect(UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(10);
      const { UserPoolClient } = await sdk.send(
        new DescribeUserPoolClientCommand({ UserPoolId: created.id, ClientId: created.client.id }),
      );
      expect(UserPoolClient?.ExplicitAuthFlows?.sort()).toEqual(
        ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
      );

      // The saved profile is now the default: no --pool needed.
      const profile = await runJson(['profile', 'show', 'shop'], { env });
      expect(profile).toMatchObject({ name: 'shop', userPoolId: created.id, clientId: created.client.id });

      const pools = await runJson<Array<{ id: string }>>(['pool', 'list'], { env });
      expect(pools.map((p) => p.id)).toContain(created.id);
      const described = await runJson(['pool', 'describe'], { env });
      expect(described.id).toBe(created.id);

      const second = await runJson(['client', 'create', 'backend', '--flows', 'admin,refresh', '--save-profile', 'backend'], { env });
      // Saved with the endpoint in effect: the profile never sends this emulator's ids to AWS.
      expect(await runJson(['profile', 'show', 'backend'], { env })).toMatchObject({ userPoolId: created.id, clientId: second.id, endpoint: emu.url });
      const clients = await runJson<Array<{ id: string }>>(['client', 'list'], { env });
      expect(clients.map((c) => c.id).sort()).toEqual([created.client.id, second.id].sort());

      const refused = await runBin(['client', 'delete', second.id], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--yes/);
      expect((await runJson<unknown[]>(['client', 'list'], { env })).length).toBe(2);

      expect((await runBin(['client', 'delete', second.id, '--yes'], { env })).code).toBe(0);
      expect((await runBin(['pool', 'delete', created.id, '--yes'], { env })).code).toBe(0);
      await expect(sdk.send(new DescribeUserPoolCommand({ UserPoolId: created.id }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    });

    it('prints the request and creates nothing with --dry-run', async () => {
      const env = emulatorEnv(emu.url!);
      const before = await runJson<unknown[]>(['pool', 'list'], { env });
      const result = await runBin(['pool', 'create', 'dry', '--mfa', 'optional', '--totp', '--dry-run'], { env });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ PoolName: 'dry', MfaConfiguration: 'OFF' });
      expect(result.stderr).toMatch(/SetUserPoolMfaConfig/);
      expect(await runJson<unknown[]>(['pool', 'list'], { env })).toHaveLength(before.length);
    });

    it('fails cleanly for a pool that does not exist', async () => {
      const env = emulatorEnv(emu.url!);
      const result = await runBin(['pool', 'describe', 'us-east-1_doesnotexist'], { env });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: .*\(ResourceNotFoundException\)\nhint: /);
      expect(result.stdout).toBe('');
    });
  });
}
