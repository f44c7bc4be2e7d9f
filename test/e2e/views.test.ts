// One view per resource: create, get/describe and list print the same camelCase field names with
// the same values, on every emulator. A field a call does not return (a list gives fewer than a
// describe) is left out, never named differently.
import { describe, expect, it } from 'vitest';
import { emulatorEnv, emulators, runJson } from '../support/e2e.js';

type Json = Record<string, unknown>;

// Maps whose keys are data (attribute names, trigger names, tags), not field names.
const DATA_MAPS = new Set(['attributes', 'lambdaTriggers', 'tags', 'loginProviders', 'roleMappings']);

function camelCaseKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => camelCaseKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(/^[a-z][a-zA-Z0-9]*$/.test(key) ? [] : [`${path}.${key}`]),
    ...(DATA_MAPS.has(key) ? [] : camelCaseKeys(v, `${path}.${key}`)),
  ]);
}

/** Every printed shape of one resource: camelCase, and equal wherever two name the same field. */
function expectOneView(shapes: Record<string, Json>): void {
  const entries = Object.entries(shapes);
  for (const [command, shape] of entries) expect(camelCaseKeys(shape), command).toEqual([]);
  for (const [a, first] of entries) {
    for (const [b, second] of entries) {
      if (a >= b) continue;
      const common = Object.keys(first).filter((k) => k in second);
      expect(common.length, `${a} and ${b} share no field`).toBeGreaterThan(0);
      for (const key of common) expect(second[key], `${key}: ${a} vs ${b}`).toEqual(first[key]);
    }
  }
}

for (const emu of emulators()) {
  describe.skipIf(!emu.url)(`one view per resource on ${emu.name}`, () => {
    it('pools, clients, groups and users print the same fields from every command', async () => {
      const env = emulatorEnv(emu.url!);
      const created = await runJson<Json & { id: string; client: Json & { id: string } }>(
        ['pool', 'create', 'views', '--with-client', 'web', '--save-profile', 'views'],
        { env },
      );
      const { client: createdClient, ...createdPool } = created;
      const listedPool = (await runJson<Json[]>(['pool', 'list'], { env })).find((p) => p.id === created.id)!;
      expectOneView({
        'pool create': createdPool,
        'pool list': listedPool,
        'pool describe': await runJson(['pool', 'describe', created.id], { env }),
      });

      const listedClient = (await runJson<Json[]>(['client', 'list'], { env })).find((c) => c.id === createdClient.id)!;
      const second = await runJson<Json & { id: string }>(['client', 'create', 'backend'], { env });
      expectOneView({
        'pool create --with-client': createdClient,
        'client list': listedClient,
        'client describe': await runJson(['client', 'describe', createdClient.id], { env }),
      });
      expectOneView({
        'client create': second,
        'client describe': await runJson(['client', 'describe', second.id as string], { env }),
      });

      const group = await runJson(['group', 'create', 'admins', '--description', 'Admins', '--precedence', '1'], { env });
      expectOneView({
        'group create': group,
        'group get': await runJson(['group', 'get', 'admins'], { env }),
        'group list': (await runJson<Json[]>(['group', 'list'], { env }))[0]!,
      });
      // Adding a member may change the group's modified time, so this pair is read afterwards.
      const user = await runJson(['user', 'create', 'ann', '--email', 'ann@example.com', '--invite', 'none', '--group', 'admins'], { env });
      expectOneView({
        'group get': await runJson(['group', 'get', 'admins'], { env }),
        'user groups': (await runJson<Json[]>(['user', 'groups', 'ann'], { env }))[0]!,
      });
      const { mfa: _mfa, ...gotUser } = await runJson<Json>(['user', 'get', 'ann'], { env });
      expectOneView({
        'user create': user,
        'user get': gotUser,
        'user list': (await runJson<Json[]>(['user', 'list'], { env }))[0]!,
        'group members': (await runJson<Json[]>(['group', 'members', 'admins'], { env }))[0]!,
      });
    });

    it.skipIf(emu.name !== 'moto')('identity pools print the same fields from create, list and describe (moto)', async () => {
      const env = emulatorEnv(emu.url!);
      const created = await runJson<Json & { id: string }>(['identity', 'create', 'views-app', '--allow-guests'], { env });
      expectOneView({
        'identity create': created,
        'identity list': (await runJson<Json[]>(['identity', 'list'], { env })).find((p) => p.id === created.id)!,
        'identity describe': await runJson(['identity', 'describe', created.id], { env }),
      });
    });
  });
}
