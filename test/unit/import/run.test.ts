import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportUsageError } from '../../../src/bulk/errors.js';
import { COGNITO_TEMPLATE_COLUMNS } from '../../../src/import/header.js';
import type { ImportJobApi, JobStatus } from '../../../src/import/job/driver.js';
import { basicPoolFacts } from '../../../src/import/pool-facts.js';
import { importUsers, importUsersWithJobs } from '../../../src/import/run.js';
import { FakeClock, FakeCognito, readable, tempDir } from './helpers.js';

const root = tempDir('run-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = path.join(root, String(n++));
  fs.mkdirSync(dir);
  return dir;
};

const pool = basicPoolFacts({ poolId: 'local_Run' });
const csv = (count: number, extra = '') => {
  const lines = ['username,email,groups'];
  for (let i = 0; i < count; i++) lines.push(`user${i},user${i}@example.com,${i % 2 ? 'staff' : ''}`);
  return `${lines.join('\n')}\n${extra}`;
};

describe('importUsers', () => {
  it('dry run: validates everything, writes the failures file, sends nothing', async () => {
    const dir = fresh();
    const file = path.join(dir, 'users.csv');
    fs.writeFileSync(file, csv(60, 'bad user,x@example.com,\n'));
    const warnings: string[] = [];
    const result = await importUsers({
      input: file,
      pool,
      endpoint: 'eu-west-1',
      stateDir: path.join(dir, 'state'),
      dryRun: true,
      invite: ['EMAIL'],
      failuresFile: path.join(dir, 'failures.csv'),
      onWarning: (w) => warnings.push(w),
    });
    expect(result.dryRun).toBe(true);
    expect(result.validation).toMatchObject({ rows: 61, valid: 60, invalid: 1, groups: ['staff'] });
    expect(result.summary).toMatchObject({ created: 0, invalid: 1, failuresFile: path.join(dir, 'failures.csv') });
    expect(warnings.join('\n')).toMatch(/50 messages a day: 60 invitations/);
    expect(fs.existsSync(path.join(dir, 'state'))).toBe(false); // a dry run leaves no state
  });

  it('Ctrl-C during validation stops before anything is sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const api = new FakeCognito({ groups: ['staff'] });
    const result = await importUsers({ input: readable(csv(5)), pool, api, endpoint: 'r', stateDir: fresh(), signal: controller.signal });
    expect(result.summary.interrupted).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('dry run reads stdin directly', async () => {
    const result = await importUsers({ input: readable(csv(3)), pool, endpoint: 'r', stateDir: fresh(), dryRun: true });
    expect(result.validation.valid).toBe(3);
  });

  it('imports from stdin through a spool file, removed afterwards, with a journal', async () => {
    const dir = fresh();
    const api = new FakeCognito({ groups: ['staff'] });
    const result = await importUsers({ input: readable(csv(10)), pool, api, endpoint: 'http://127.0.0.1:1', stateDir: dir });
    expect(result.summary).toMatchObject({ created: 10, failed: 0, invalid: 0 });
    expect(api.users.size).toBe(10);
    expect(fs.existsSync(result.journal!)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'spool'))).toEqual([]);
    // the same content piped again resumes from the same journal
    const warnings: string[] = [];
    const again = await importUsers({ input: readable(csv(10)), pool, api, endpoint: 'http://127.0.0.1:1', stateDir: dir, onWarning: (w) => warnings.push(w) });
    expect(again.summary).toMatchObject({ resumed: 10, created: 0 });
    expect(again.journal).toBe(result.journal);
    expect(warnings[0]).toMatch(/^resuming: an earlier run of this import finished 10 rows/);
    // a changed file is a different import
    const changed = await importUsers({ input: readable(csv(11)), pool, api, endpoint: 'http://127.0.0.1:1', stateDir: dir });
    expect(changed.journal).not.toBe(result.journal);
    expect(changed.summary).toMatchObject({ created: 1, existing: 10 });
  });

  it('stops at the header, before any call, when a column is unknown', async () => {
    const api = new FakeCognito();
    const dir = fresh();
    const file = path.join(dir, 'u.csv');
    fs.writeFileSync(file, 'username,colour\nann,red\n');
    await expect(importUsers({ input: file, pool, api, endpoint: 'r', stateDir: dir })).rejects.toBeInstanceOf(ImportUsageError);
    expect(api.calls).toEqual([]);
  });

  it('a missing group is a row error (row, failures file, the rest imported) unless asked to create it', async () => {
    const dir = fresh();
    const file = path.join(dir, 'u.csv');
    fs.writeFileSync(file, 'username,email,groups\nann,ann@example.com,staff\nbob,bob@example.com,\ncat,cat@example.com,ops;staff\n');
    const api = new FakeCognito({ groups: ['ops'] });
    const failuresFile = path.join(dir, 'u.failures.csv');
    const rows: Array<[number, string, string | undefined]> = [];
    const partial = await importUsers({
      input: file, pool, api, endpoint: 'r', stateDir: dir, failuresFile,
      onRow: (e) => rows.push([e.line, e.outcome, e.code]),
    });
    expect(partial.missingGroups).toEqual(['staff']);
    expect(partial.summary).toMatchObject({ created: 1, failed: 2, failuresFile });
    expect(rows.sort()).toEqual([[2, 'failed', 'GroupNotFound'], [3, 'created', undefined], [4, 'failed', 'GroupNotFound']]);
    expect([...api.users.keys()]).toEqual(['bob']);
    expect(fs.readFileSync(failuresFile, 'utf8')).toMatch(/^ann,ann@example.com,staff,GroupNotFound,group staff does not exist/m);
  });

  it('creates missing groups with createGroups', async () => {
    const dir = fresh();
    const file = path.join(dir, 'u.csv');
    fs.writeFileSync(file, csv(4));
    const api = new FakeCognito();
    const result = await importUsers({ input: file, pool, api, endpoint: 'r', stateDir: dir, createGroups: true });
    expect(result.createdGroups).toEqual(['staff']);
    expect(result.summary.created).toBe(4);
  });

  it('an interrupted import continues where it stopped', async () => {
    const dir = fresh();
    const file = path.join(dir, 'u.csv');
    fs.writeFileSync(file, csv(50));
    const clock = new FakeClock();
    const controller = new AbortController();
    const api = new FakeCognito({
      clock,
      latencyMs: 10,
      groups: ['staff'],
      onCall: (c) => {
        if (c.method === 'createUser' && api.callsTo('createUser').length === 20) controller.abort();
      },
    });
    const first = await clock.run(importUsers({ input: file, pool, api, endpoint: 'r', stateDir: dir, signal: controller.signal, clock, concurrency: 4 }));
    expect(first.summary.interrupted).toBe(true);
    const second = await clock.run(importUsers({ input: file, pool, api, endpoint: 'r', stateDir: dir, clock }));
    expect(second.summary.created + second.summary.resumed).toBe(50);
    expect(second.summary.existing).toBe(0);
    expect(api.users.size).toBe(50);
  });
});

class FakeJobs implements ImportJobApi {
  uploads: string[] = [];
  created = 0;
  private polls = new Map<string, number>();
  async getCsvHeader() {
    return [...COGNITO_TEMPLATE_COLUMNS];
  }
  async createJob() {
    const jobId = `import-${++this.created}`;
    this.polls.set(jobId, 0);
    return { jobId, preSignedUrl: `https://example.invalid/${jobId}` };
  }
  async upload(_url: string, file: { path: string }) {
    this.uploads.push(fs.readFileSync(file.path, 'utf8'));
  }
  private status(jobId: string): JobStatus {
    const polls = this.polls.get(jobId)!;
    return { jobId, status: polls >= 2 ? 'Succeeded' : 'InProgress', importedUsers: polls >= 2 ? 2 : 0, skippedUsers: 0, failedUsers: 0 };
  }
  async startJob(jobId: string) {
    return this.status(jobId);
  }
  async describeJob(jobId: string) {
    this.polls.set(jobId, this.polls.get(jobId)! + 1);
    return this.status(jobId);
  }
}

describe('importUsersWithJobs', () => {
  const jobPool = basicPoolFacts({ poolId: 'local_Job', autoVerifiedAttributes: ['email'] });
  const jobCsv = 'username,email,email_verified,family_name,groups\nann,ann@example.com,true,"Doe, Jr",staff\nbob,bob@example.com,true,Roe,\ncid,cid@example.com,false,X,\n';

  it('converts, splits, uploads and follows the jobs; explains what jobs cannot do', async () => {
    const dir = fresh();
    const clock = new FakeClock();
    const jobApi = new FakeJobs();
    const result = await clock.run(
      importUsersWithJobs({ input: readable(jobCsv), pool: jobPool, jobApi, roleArn: 'arn:role', endpoint: 'r', stateDir: dir, clock, split: { maxRows: 1 }, failuresFile: path.join(dir, 'f.csv') }),
    );
    expect(result.validation).toEqual({ rows: 3, valid: 2, invalid: 1 });
    expect(result.parts).toHaveLength(2);
    expect(jobApi.uploads[0]).toMatch(/^name,given_name,.*cognito:username\n.*Doe\\, Jr.*,ann\n$/s);
    expect(result.jobs).toMatchObject({ succeeded: true, imported: 4 });
    expect(result.warnings.join('\n')).toMatch(/do not set group membership: 1 users/);
    expect(result.warnings.join('\n')).toMatch(/RESET_REQUIRED/);
    expect(fs.readFileSync(result.failuresFile!, 'utf8')).toMatch(/cid,.*NotVerified/);
    expect(fs.readdirSync(path.join(dir, 'jobs'))).toEqual([]); // part files removed
  });

  it('after an interrupt, a re-run follows the running job instead of starting another', async () => {
    const dir = fresh();
    const clock = new FakeClock();
    const jobApi = new FakeJobs();
    const controller = new AbortController();
    const first = await clock.run(
      importUsersWithJobs({
        input: readable(jobCsv),
        pool: jobPool,
        jobApi,
        roleArn: 'r',
        endpoint: 'r',
        stateDir: dir,
        clock,
        signal: controller.signal,
        onStatus: (_part, status) => {
          if (status.status === 'InProgress') controller.abort();
        },
      }),
    );
    expect(first.jobs.interrupted).toBe(true);
    expect(jobApi.created).toBe(1);
    const second = await clock.run(importUsersWithJobs({ input: readable(jobCsv), pool: jobPool, jobApi, roleArn: 'r', endpoint: 'r', stateDir: dir, clock }));
    expect(jobApi.created).toBe(1);
    expect(second.jobs.succeeded).toBe(true);
  });
});
