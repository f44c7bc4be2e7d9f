import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from '../../../src/io/csv.js';
import { openCsv } from '../../../src/import/csv-source.js';
import { ensureGroups, runImport } from '../../../src/import/executor.js';
import { exportColumns, writeExport, type ExportedUser } from '../../../src/import/export.js';
import { planHeader } from '../../../src/import/header.js';
import { basicPoolFacts } from '../../../src/import/pool-facts.js';
import { RateBudget } from '../../../src/bulk/rate-budget.js';
import { RowValidator } from '../../../src/import/validate.js';
import { FakeCognito, tempDir } from './helpers.js';

const dir = tempDir('export-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pool = basicPoolFacts({ poolId: 'local_Src', custom: [{ name: 'tier' }, { name: 'score', type: 'Number' }] });

/** ListUsers-style pages of at most 60 users. */
async function* pages(api: FakeCognito): AsyncGenerator<ExportedUser[]> {
  const all = [...api.users.values()];
  for (let i = 0; i < all.length; i += 60) {
    yield all.slice(i, i + 60).map((u) => ({
      username: u.username,
      attributes: Object.entries({ sub: `sub-${u.username}`, ...u.attributes }).map(([Name, Value]) => ({ Name, Value })),
      enabled: u.enabled,
      status: 'CONFIRMED',
    }));
  }
}

async function exportToFile(api: FakeCognito, file: string) {
  const out = fs.createWriteStream(file);
  const result = await writeExport({
    pool,
    users: pages(api),
    groupsOf: async (username) => [...api.users.get(username)!.groups],
    out,
  });
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return result;
}

describe('cell neutralisation', () => {
  it('round-trips every value exactly', () => {
    for (const v of ['', 'plain', '=SUM(A1)', '+33612345678', '-5', '@home', '\tx', '\rx', "'", "'=x", "''+x", "'plain", 'a=b', "''"]) {
      expect(restoreCell(neutraliseCell(v)), JSON.stringify(v)).toBe(v);
    }
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCell("'=1+1")).toBe("''=1+1");
    expect(neutraliseCell('safe')).toBe('safe');
  });
});

describe('writeExport', () => {
  it('writes a stable header from the schema: username, standard in template order, custom, enabled, groups', () => {
    const columns = exportColumns(pool);
    expect(columns[0]).toBe('username');
    expect(columns.slice(1, 4)).toEqual(['name', 'given_name', 'family_name']);
    expect(columns.slice(-4)).toEqual(['custom:score', 'custom:tier', 'enabled', 'groups']);
    expect(columns).not.toContain('sub');
    expect(columns).not.toContain('identities');
  });

  it('neutralises formula cells, skips federated users, counts unexported attributes', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const result = await writeExport({
      pool,
      users: (async function* (): AsyncGenerator<ExportedUser[]> {
        yield [
          { username: 'ann', attributes: { sub: 'x', given_name: '=HYPERLINK("http://evil")', phone_number: '+15551234567' }, enabled: false },
          { username: 'Google_123', attributes: {}, enabled: true, status: 'EXTERNAL_PROVIDER' },
        ];
      })(),
      groupsOf: async () => ['b', 'a;b'],
      out,
    });
    expect(result).toMatchObject({ users: 1, skippedFederated: 1, unexportedAttributes: { sub: 1 }, ambiguousGroups: ['a;b'] });
    const row = text.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain("'+15551234567");
    expect(row.endsWith(',false,a;b;b')).toBe(true);
  });

  it('uses the email as the username in pools that sign in with email', async () => {
    const emailPool = basicPoolFacts({ poolId: 'p', usernameAttributes: ['email'] });
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    await writeExport({
      pool: emailPool,
      users: (async function* () {
        yield { username: '6f1c-uuid', attributes: [{ Name: 'email', Value: 'ann@example.com' }], enabled: true };
      })(),
      groupsOf: async () => [],
      out,
    });
    expect(text.split('\r\n')[1]!.startsWith('ann@example.com,')).toBe(true);
  });
});

describe('export → import round trip', () => {
  it('recreates the same pool contents, disabled users and groups included', async () => {
    const source = new FakeCognito({ groups: ['staff', 'admins', 'ops'] });
    const people: Array<[string, Record<string, string>, boolean, string[]]> = [
      ['ann', { email: 'ann@example.com', email_verified: 'true', given_name: 'Ann', 'custom:tier': 'gold' }, true, ['staff', 'admins']],
      ['bob', { email: 'bob@example.com', email_verified: 'false', address: '1 Main St, Springfield\nUSA', nickname: '"Bobby"' }, false, ['ops']],
      ['zoë', { name: 'Zoë Ærøskøbing', phone_number: '+4512345678', phone_number_verified: 'true', 'custom:score': '-5' }, true, []],
      ['-dash', { given_name: '=SUM(A1:A9)', family_name: '@mention', middle_name: "'quoted", website: '+plus' }, false, ['staff']],
    ];
    for (let i = 0; i < 130; i++) people.push([`user${i}`, { email: `user${i}@example.com`, email_verified: 'true' }, i % 7 !== 0, i % 2 ? ['staff'] : []]);
    for (const [username, attributes, enabled, groups] of people) {
      await source.createUser({ username, attributes }, { invite: [] });
      if (!enabled) await source.disableUser(username);
      for (const g of groups) await source.addToGroup(username, g);
    }

    const file = path.join(dir, 'backup.csv');
    const exported = await exportToFile(source, file);
    expect(exported.users).toBe(134);

    const target = new FakeCognito();
    const csv = await openCsv(file);
    const validator = new RowValidator(planHeader(csv.header, pool), pool);
    // the groups the file names must exist first (what --create-groups does)
    await ensureGroups(['staff', 'admins', 'ops'], { api: target, budget: new RateBudget({ rate: Infinity }), create: true });
    const summary = await runImport(csv.batches(), { api: target, validator, budget: new RateBudget({ rate: Infinity }) });
    expect(summary).toMatchObject({ created: 134, invalid: 0, failed: 0 });
    expect(target.snapshot()).toEqual(source.snapshot());
  });
});
