import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JournalLockedError } from '../../../src/bulk/errors.js';
import { Journal, journalId, sha256File, spoolToFile, type JournalKey } from '../../../src/bulk/journal.js';
import { tempDir } from './helpers.js';

const key: JournalKey = { fileSha256: 'a'.repeat(64), poolId: 'eu-west-1_A', endpoint: 'eu-west-1' };
const dirs: string[] = [];
function stateDir() {
  const d = tempDir('journal-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('Journal', () => {
  it('is keyed by file content, pool and endpoint', () => {
    const id = journalId(key);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(journalId({ ...key, fileSha256: 'b'.repeat(64) })).not.toBe(id);
    expect(journalId({ ...key, poolId: 'eu-west-1_B' })).not.toBe(id);
    expect(journalId({ ...key, endpoint: 'http://127.0.0.1:9229' })).not.toBe(id);
  });

  it('records rows as they go and lets a re-run skip the finished ones', () => {
    const dir = stateDir();
    const j1 = Journal.open(dir, key, { source: 'users.csv' });
    expect(j1.history).toEqual({ runs: 0, finished: 0, failed: 0, inflight: 0 });
    j1.inflight(2);
    j1.done(2, 'created');
    j1.inflight(3);
    j1.done(3, 'failed', 'InvalidParameterException');
    j1.inflight(4); // killed before it finished
    j1.done(5, 'existing');
    j1.close();
    expect(fs.statSync(j1.path).mode & 0o777).toBe(0o600);

    const j2 = Journal.open(dir, key);
    expect(j2.history).toEqual({ runs: 1, finished: 2, failed: 1, inflight: 1 });
    expect([2, 3, 4, 5, 6].map((r) => j2.isFinished(r))).toEqual([true, false, false, true, false]);
    expect([2, 3, 4, 5, 6].map((r) => j2.wasInflightBefore(r))).toEqual([true, true, true, false, false]);
    expect(j2.previousOutcome(3)).toBe('failed');
    // a re-run fixes row 3
    j2.inflight(3);
    j2.done(3, 'created');
    j2.end({ created: 1 });
    j2.close();
    const j3 = Journal.open(dir, key);
    expect(j3.isFinished(3)).toBe(true);
    expect(j3.history.runs).toBe(2);
    j3.close();
  });

  it('survives a line torn by a kill mid-write', () => {
    const dir = stateDir();
    const j1 = Journal.open(dir, key);
    j1.inflight(2);
    j1.done(2, 'created');
    j1.close();
    fs.appendFileSync(j1.path, '{"r":3,"s":"crea');
    const j2 = Journal.open(dir, key);
    expect(j2.isFinished(2)).toBe(true);
    expect(j2.isFinished(3)).toBe(false);
    j2.done(4, 'created');
    j2.close();
    const lines = fs.readFileSync(j1.path, 'utf8').split('\n');
    expect(lines).toContain('{"r":4,"s":"created"}');
    const j3 = Journal.open(dir, key);
    expect(j3.isFinished(4)).toBe(true);
    j3.close();
  });

  it('loads a million-row journal compactly', () => {
    const dir = stateDir();
    const j1 = Journal.open(dir, key);
    j1.close();
    const lines: string[] = [];
    for (let r = 2; r < 1_000_002; r++) lines.push(`{"r":${r},"s":"inflight"}\n{"r":${r},"s":"created"}\n`);
    fs.appendFileSync(j1.path, lines.join(''));
    const before = process.memoryUsage().heapUsed;
    // (How fast it loads is bench/'s business; here: correct, and compact.)
    const j2 = Journal.open(dir, key);
    expect(j2.history.finished).toBe(1_000_000);
    expect(j2.isFinished(999_999)).toBe(true);
    expect(j2.isFinished(1_000_002)).toBe(false);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    j2.close();
  });

  it('is locked against a second import of the same file into the same pool', () => {
    const dir = stateDir();
    const j1 = Journal.open(dir, key);
    // a live process that is not us holds it
    fs.writeFileSync(path.join(dir, `${j1.id}.lock`), String(process.ppid));
    expect(() => Journal.open(dir, key)).toThrow(JournalLockedError);
    // a stale lock (dead process) is taken over
    fs.writeFileSync(path.join(dir, `${j1.id}.lock`), '999999999');
    const j2 = Journal.open(dir, key);
    j2.close();
    expect(fs.existsSync(path.join(dir, `${j1.id}.lock`))).toBe(false);
  });

  it('starts afresh when asked, and can be discarded', () => {
    const dir = stateDir();
    const j1 = Journal.open(dir, key);
    j1.done(2, 'created');
    j1.close();
    const j2 = Journal.open(dir, key, { fresh: true });
    expect(j2.isFinished(2)).toBe(false);
    j2.discard();
    expect(fs.existsSync(j2.path)).toBe(false);
  });

  it('records import job parts', () => {
    const dir = stateDir();
    const j1 = Journal.open(dir, key);
    j1.jobPart(1, 'import-abc', 'InProgress');
    j1.close();
    const j2 = Journal.open(dir, key);
    expect(j2.jobPartState(1)).toEqual({ jobId: 'import-abc', status: 'InProgress' });
    expect(j2.jobPartState(2)).toBeUndefined();
    j2.close();
  });

  it('syncs at most every syncIntervalMs', () => {
    const dir = stateDir();
    let now = 0;
    const j = Journal.open(dir, key, { syncIntervalMs: 1000, now: () => now });
    const sync = vi.spyOn(fs, 'fdatasyncSync');
    j.done(2, 'created');
    j.done(3, 'created');
    expect(sync).not.toHaveBeenCalled();
    now = 1500;
    j.done(4, 'created');
    expect(sync).toHaveBeenCalledTimes(1);
    j.close();
    sync.mockRestore();
  });
});

describe('fingerprints', () => {
  it('hashes a file and spools a stream to a private file with the same hash', async () => {
    const dir = stateDir();
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, 'username\nann\n');
    const sha = await sha256File(file);
    expect(sha).toBe(createHash('sha256').update('username\nann\n').digest('hex'));
    const spooled = await spoolToFile(Readable.from([Buffer.from('username\n'), Buffer.from('ann\n')]), path.join(dir, 'spool'));
    expect(spooled.sha256).toBe(sha);
    expect(spooled.bytes).toBe(13);
    expect(fs.readFileSync(spooled.path, 'utf8')).toBe('username\nann\n');
    expect(fs.statSync(spooled.path).mode & 0o777).toBe(0o600);
  });
});
