import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/import/csv-source.js';
import { ImportJobError, ImportUsageError } from '../../../src/bulk/errors.js';
import { COGNITO_TEMPLATE_COLUMNS, planHeader } from '../../../src/import/header.js';
import { ImportJobFailed, prepareJobFiles, runImportJobs, uploadToPresignedUrl, type ImportJobApi, type JobStatus } from '../../../src/import/job/driver.js';
import { JobFileWriter } from '../../../src/import/job/split.js';
import { jobCell, JobRowConverter } from '../../../src/import/job/template.js';
import { basicPoolFacts } from '../../../src/import/pool-facts.js';
import { FailureReport } from '../../../src/bulk/failures.js';
import { RowValidator, type UserSpec } from '../../../src/import/validate.js';
import { FakeClock, readable, tempDir } from './helpers.js';

const dir = tempDir('job-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pool = basicPoolFacts({ poolId: 'eu-west-1_Job', autoVerifiedAttributes: ['email'], custom: [{ name: 'tier' }] });
const jobHeader = [...COGNITO_TEMPLATE_COLUMNS, 'custom:tier'];

function user(overrides: Partial<UserSpec> = {}): UserSpec {
  return { line: 2, username: 'ann', attributes: { email: 'ann@example.com', email_verified: 'true' }, groups: [], ...overrides };
}

function cellsOf(line: string, header: readonly string[]): Record<string, string> {
  const cells = line.split(/(?<!\\),/);
  return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
}

describe('job CSV format', () => {
  it('escapes commas with a backslash and never quotes', () => {
    expect(jobCell('Doe, Jane')).toBe('Doe\\, Jane');
    expect(jobCell('say "hi"')).toBe('say "hi"');
    expect(jobCell('two\nlines')).toBeUndefined();
    expect(jobCell('ends with \\')).toBeUndefined();
  });

  it("converts a user to the GetCSVHeader columns, in Cognito's order and formats", () => {
    const converter = new JobRowConverter(jobHeader, pool);
    const r = converter.convert(user({ attributes: { email: 'ann@example.com', email_verified: 'true', family_name: 'Doe, Jr', birthdate: '1985-02-01', 'custom:tier': 'gold' } }));
    expect(r.ok).toBe(true);
    const cells = cellsOf((r as { line: string }).line, jobHeader);
    expect(cells).toMatchObject({
      'cognito:username': 'ann',
      email: 'ann@example.com',
      email_verified: 'true',
      phone_number_verified: 'false',
      'cognito:mfa_enabled': 'false',
      family_name: 'Doe\\, Jr',
      birthdate: '02/01/1985',
      'custom:tier': 'gold',
      name: '',
    });
  });

  it('requires a verified auto-verified attribute and the MFA setting of the pool', () => {
    const converter = new JobRowConverter(jobHeader, pool);
    expect(converter.convert(user({ attributes: { email: 'ann@example.com', email_verified: 'false' } }))).toMatchObject({ ok: false, code: 'NotVerified' });
    const mfaOn = new JobRowConverter(jobHeader, { ...pool, mfa: 'ON' });
    const on = mfaOn.convert(user());
    expect(on.ok && cellsOf(on.line, jobHeader)['cognito:mfa_enabled']).toBe('true');
    expect(mfaOn.convert(user({ mfaEnabled: false }))).toMatchObject({ ok: false, code: 'InvalidMfa' });
    expect(converter.convert(user({ mfaEnabled: true }))).toMatchObject({ ok: false, code: 'InvalidMfa' });
    const optional = new JobRowConverter(jobHeader, { ...pool, mfa: 'OPTIONAL' }).convert(user({ mfaEnabled: true }));
    expect(optional.ok && cellsOf(optional.line, jobHeader)['cognito:mfa_enabled']).toBe('true');
  });

  it('refuses values the format cannot hold and rows over 16,000 characters', () => {
    const converter = new JobRowConverter(jobHeader, pool);
    expect(converter.convert(user({ attributes: { email: 'a@example.com', email_verified: 'true', address: 'a\nb' } }))).toMatchObject({ code: 'NotRepresentable' });
    expect(converter.convert(user({ attributes: { email: 'a@example.com', email_verified: 'true', address: 'x'.repeat(16_001) } }))).toMatchObject({ code: 'RowTooLong' });
  });

  it('counts what jobs cannot carry: groups, passwords, disabled users', () => {
    const converter = new JobRowConverter(jobHeader, pool);
    converter.convert(user({ groups: ['a'], password: 'x', enabled: false }));
    expect(converter.dropped).toEqual({ groups: 1, passwords: 1, disabled: 1 });
  });

  it('needs a pool with an auto-verified attribute', () => {
    expect(() => new JobRowConverter(jobHeader, { ...pool, autoVerifiedAttributes: [] })).toThrow(ImportUsageError);
    expect(() => new JobRowConverter(['email'], pool)).toThrow(/no cognito:username column/);
  });
});

describe('JobFileWriter', () => {
  it('starts a new part past the row limit or the byte limit, each with the header', () => {
    const byRows = new JobFileWriter(path.join(dir, 'rows'), ['a', 'b'], { maxRows: 3 });
    for (let i = 0; i < 7; i++) byRows.add(`x${i},y`, i + 2);
    const parts = byRows.finish();
    expect(parts.map((p) => [p.index, p.rows, p.firstLine, p.lastLine])).toEqual([
      [1, 3, 2, 4],
      [2, 3, 5, 7],
      [3, 1, 8, 8],
    ]);
    for (const p of parts) {
      expect(fs.statSync(p.path).size).toBe(p.bytes);
      expect(fs.readFileSync(p.path, 'utf8').startsWith('a,b\n')).toBe(true);
    }
    const byBytes = new JobFileWriter(path.join(dir, 'bytes'), ['a'], { maxBytes: 20 });
    for (let i = 0; i < 5; i++) byBytes.add('12345', i + 2); // header 2 bytes + 6 per row
    expect(byBytes.finish().map((p) => p.rows)).toEqual([3, 2]);
    expect(() => new JobFileWriter(path.join(dir, 'tiny'), ['a'], { maxBytes: 5 }).add('123456', 2)).toThrow(RangeError);
  });

  it('prepares part files from a CSV, invalid rows to the failures report', async () => {
    const source = await openCsv(readable('username,email,email_verified\nann,ann@example.com,true\nbob,bob@example.com,false\ncid,bad,true\ndan,dan@example.com,true\n'));
    const report = new FailureReport(path.join(dir, 'job-failures.csv'), source.header);
    const prepared = await prepareJobFiles(source.batches(), {
      validator: new RowValidator(planHeader(source.header, pool), pool),
      converter: new JobRowConverter(jobHeader, pool),
      dir: path.join(dir, 'prepared'),
      report,
      split: { maxRows: 1 },
    });
    report.close();
    expect(prepared).toMatchObject({ rows: 4, valid: 2, invalid: 2 });
    expect(prepared.parts).toHaveLength(2);
    expect(fs.readFileSync(report.file, 'utf8')).toMatch(/bob.*NotVerified[\s\S]*cid.*InvalidEmail/);
  });
});

describe('uploadToPresignedUrl', () => {
  it('PUTs the file with the SSE header and an exact length; refuses non-2xx', async () => {
    const seen: Array<{ method?: string; sse?: string; length?: string; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, sse: req.headers['x-amz-server-side-encryption'] as string, length: req.headers['content-length'], body });
        if (req.url?.includes('expired')) {
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
        } else {
          res.writeHead(200);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const file = path.join(dir, 'upload.csv');
    fs.writeFileSync(file, 'cognito:username\nann\n');
    try {
      await uploadToPresignedUrl(`http://127.0.0.1:${port}/bucket/key?X-Amz-Signature=abc`, { path: file, bytes: 21 });
      expect(seen[0]).toEqual({ method: 'PUT', sse: 'aws:kms', length: '21', body: 'cognito:username\nann\n' });
      const refused = uploadToPresignedUrl(`http://127.0.0.1:${port}/expired`, { path: file, bytes: 21 });
      await expect(refused).rejects.toBeInstanceOf(ImportJobError);
      await expect(refused).rejects.toThrow("upload to the import job's URL failed: HTTP 403 AccessDenied: Request has expired");
    } finally {
      server.close();
    }
  });
});

class FakeJobs implements ImportJobApi {
  jobs = new Map<string, { name: string; polls: number; uploaded?: string; final: JobStatus['status'] }>();
  finalFor: (name: string) => JobStatus['status'] = () => 'Succeeded';
  calls: string[] = [];

  async getCsvHeader() {
    return jobHeader;
  }
  async createJob(name: string, role: string) {
    const jobId = `import-${this.jobs.size + 1}`;
    this.calls.push(`create ${name} ${role}`);
    this.jobs.set(jobId, { name, polls: 0, final: this.finalFor(name) });
    return { jobId, preSignedUrl: `https://example.invalid/${jobId}` };
  }
  async upload(url: string, file: { path: string; bytes: number }) {
    this.calls.push(`upload ${url.split('/').pop()} ${path.basename(file.path)}`);
  }
  private status(jobId: string): JobStatus {
    const job = this.jobs.get(jobId)!;
    const status = job.polls === 0 ? 'Pending' : job.polls < 3 ? 'InProgress' : job.final;
    return { jobId, status, importedUsers: status === 'Succeeded' ? 10 : 0, skippedUsers: 0, failedUsers: status === 'Succeeded' ? 1 : 0 };
  }
  async startJob(jobId: string) {
    this.calls.push(`start ${jobId}`);
    return this.status(jobId);
  }
  async describeJob(jobId: string) {
    this.jobs.get(jobId)!.polls++;
    return this.status(jobId);
  }
}

const parts = [1, 2].map((index) => ({ index, path: path.join(dir, `part-${index}.csv`), rows: 11, bytes: 100, firstLine: index * 2, lastLine: index * 2 + 1 }));

describe('runImportJobs', () => {
  it('creates, uploads, starts and follows each part in turn', async () => {
    const clock = new FakeClock();
    const api = new FakeJobs();
    const statuses: string[] = [];
    const result = await clock.run(
      runImportJobs({ api, roleArn: 'arn:aws:iam::1:role/logs', parts, clock, jobNamePrefix: 'test', onStatus: (p, s) => statuses.push(`${p.index}:${s.status}`) }),
    );
    expect(api.calls).toEqual([
      'create test-part-1-of-2 arn:aws:iam::1:role/logs', 'upload import-1 part-1.csv', 'start import-1',
      'create test-part-2-of-2 arn:aws:iam::1:role/logs', 'upload import-2 part-2.csv', 'start import-2',
    ]);
    expect(statuses.filter((s) => s.startsWith('1:'))).toEqual(['1:Created', '1:Pending', '1:InProgress', '1:InProgress', '1:Succeeded']);
    expect(result).toMatchObject({ imported: 20, failed: 2, succeeded: true, interrupted: false });
    expect(clock.now()).toBe(30_000); // 3 polls of 5 s per part
  });

  it('stops at a failed job and does not start the next part', async () => {
    const clock = new FakeClock();
    const api = new FakeJobs();
    api.finalFor = () => 'Failed';
    const running = clock.run(runImportJobs({ api, roleArn: 'r', parts, clock }));
    await expect(running).rejects.toBeInstanceOf(ImportJobFailed);
    await expect(running).rejects.toThrow(/import job import-1 \(part 1 of 2\) ended Failed/);
    expect(api.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
  });

  it('on interrupt, leaves the running job to Cognito and says so', async () => {
    const clock = new FakeClock();
    const api = new FakeJobs();
    const controller = new AbortController();
    const running = runImportJobs({ api, roleArn: 'r', parts, clock, signal: controller.signal });
    await clock.advance(6000);
    controller.abort();
    const result = await clock.run(running);
    expect(result).toMatchObject({ interrupted: true, succeeded: false });
    expect(result.jobs[0]!.status.jobId).toBe('import-1');
  });

  it('follows a job an earlier run started instead of starting a new one', async () => {
    const clock = new FakeClock();
    const api = new FakeJobs();
    await api.createJob('earlier', 'r');
    api.calls.length = 0;
    const result = await clock.run(
      runImportJobs({ api, roleArn: 'r', parts: [parts[0]!], clock, previous: () => ({ jobId: 'import-1', status: 'InProgress' }) }),
    );
    expect(api.calls).toEqual([]);
    expect(result.succeeded).toBe(true);
  });
});
