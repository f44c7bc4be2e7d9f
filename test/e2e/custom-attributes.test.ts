// Pools made by the tool hold custom attributes: created with the pool or added later, then
// written by user create and accepted by user import, on each emulator.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { emulatorEnv, emulatorSdk, emulators, runBin, runJson } from '../support/e2e.js';
import { tempDir } from '../support/temp-dirs.js';

for (const emu of emulators()) {
  describe.skipIf(!emu.url)(`custom attributes on ${emu.name}`, () => {
    it('pool create --custom-attribute, pool add-attribute, then users with custom:* values', async () => {
      const env = emulatorEnv(emu.url!);
      const pool = await runJson<{ id: string }>(['pool', 'create', 'attrs', '--custom-attribute', 'tier:string:1-20', '--save-profile', 'attrs'], { env });
      const added = await runJson(['pool', 'add-attribute', 'score:number:0-100'], { env });
      expect(added).toMatchObject({ id: pool.id, customAttributes: [{ name: 'custom:score', type: 'Number' }] });

      const { UserPool } = await (await emulatorSdk(emu.url!)).send(new DescribeUserPoolCommand({ UserPoolId: pool.id }));
      const names = (UserPool?.SchemaAttributes ?? []).map((a) => a.Name);
      expect(names).toEqual(expect.arrayContaining(['custom:tier', 'custom:score']));
      const described = await runJson<{ customAttributes: Array<{ name: string }> }>(['pool', 'describe'], { env });
      expect(described.customAttributes.map((a) => a.name).sort()).toEqual(['custom:score', 'custom:tier']);

      const user = await runJson(['user', 'create', 'ann', '--attr', 'custom:tier=gold', '--attr', 'custom:score=7', '--invite', 'none'], { env });
      expect(user).toMatchObject({ attributes: { 'custom:tier': 'gold', 'custom:score': '7' } });

      const csv = join(tempDir(), 'users.csv');
      writeFileSync(csv, 'username,email,custom:tier\nbob,bob@example.com,silver\n');
      const dry = await runBin(['user', 'import', csv, '--dry-run'], { env });
      expect(dry.code, dry.stderr).toBe(0);

      const again = await runBin(['pool', 'add-attribute', 'tier:string'], { env });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already has custom:tier/);
    });
  });
}
