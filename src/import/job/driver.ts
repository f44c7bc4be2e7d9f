// --mode job: Cognito's server-side import jobs. For each part file: CreateUserImportJob (with the
// CloudWatch Logs role), PUT the file to the job's presigned S3 URL with the
// `x-amz-server-side-encryption: aws:kms` header, StartUserImportJob, then DescribeUserImportJob
// until the job ends (Succeeded, Failed, Stopped or Expired). Parts run one after the other.
// Job-imported users are in RESET_REQUIRED: they must reset their password to sign in.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { systemClock, type Clock } from '../../bulk/clock.js';
import type { CsvRow } from '../csv-source.js';
import { ImportJobError } from '../../bulk/errors.js';
import type { FailureReport } from '../../bulk/failures.js';
import type { RowValidator } from '../validate.js';
import { JobFileWriter, type JobFileWriterOptions, type JobPart } from './split.js';
import type { JobRowConverter } from './template.js';

export type JobStatusName = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Expired' | 'Stopped' | 'Failed' | 'Succeeded';

const TERMINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Stopped', 'Expired']);

export interface JobStatus {
  jobId: string;
  status: JobStatusName;
  importedUsers: number;
  skippedUsers: number;
  failedUsers: number;
  completionMessage?: string;
}

/** What the driver needs from Cognito; the command implements it with the AWS SDK. */
export interface ImportJobApi {
  /** GetCSVHeader. */
  getCsvHeader(): Promise<string[]>;
  /** CreateUserImportJob. */
  createJob(jobName: string, cloudWatchLogsRoleArn: string): Promise<{ jobId: string; preSignedUrl: string }>;
  /** PUT of the file to the presigned URL (uploadToPresignedUrl does it). */
  upload(preSignedUrl: string, file: { path: string; bytes: number }, signal?: AbortSignal): Promise<void>;
  /** StartUserImportJob. */
  startJob(jobId: string): Promise<JobStatus>;
  /** DescribeUserImportJob. */
  describeJob(jobId: string): Promise<JobStatus>;
}

/**
 * PUTs a file to an S3 presigned URL as Cognito requires: `x-amz-server-side-encryption: aws:kms`,
 * an exact Content-Length, streamed from disk. Anything but a 2xx is an ImportJobError.
 */
export function uploadToPresignedUrl(
  url: string,
  file: { path: string; bytes: number },
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<void> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
  if (!transport) return Promise.reject(new ImportJobError(`presigned URL with unsupported protocol ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: 'PUT',
        headers: { 'x-amz-server-side-encryption': 'aws:kms', 'Content-Length': String(file.bytes) },
        signal: options.signal,
        timeout: options.timeoutMs ?? 120_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 2048) body += chunk;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else {
            const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
            const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1];
            reject(new ImportJobError(`upload to the import job's URL failed: HTTP ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`, { code: code ?? `HTTP${status}` }));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new ImportJobError('upload to the import job URL timed out', { code: 'TimeoutError' })));
    req.on('error', (err) => reject(err instanceof ImportJobError ? err : new ImportJobError(`upload failed: ${err.message}`, { code: (err as NodeJS.ErrnoException).code, cause: err })));
    const stream = fs.createReadStream(file.path);
    stream.on('error', (err) => req.destroy(err));
    stream.pipe(req);
  });
}

export interface PreparedJobFiles {
  parts: JobPart[];
  rows: number;
  valid: number;
  invalid: number;
  dropped: JobRowConverter['dropped'];
}

/** Validates and converts every row into job part files (invalid rows go to the failures report). */
export async function prepareJobFiles(
  rows: AsyncIterable<CsvRow[]>,
  options: {
    validator: RowValidator;
    converter: JobRowConverter;
    dir: string;
    report?: FailureReport;
    split?: JobFileWriterOptions;
  },
): Promise<PreparedJobFiles> {
  const writer = new JobFileWriter(options.dir, options.converter.header, options.split);
  let valid = 0;
  let invalid = 0;
  let total = 0;
  for await (const batch of rows) {
    for (const row of batch) {
      total++;
      const check = options.validator.check(row);
      const converted = check.ok ? options.converter.convert(check.user) : check;
      if (!converted.ok) {
        invalid++;
        options.report?.add(row.cells, converted.code, converted.message);
        continue;
      }
      writer.add(converted.line, row.line);
      valid++;
    }
  }
  return { parts: writer.finish(), rows: total, valid, invalid, dropped: options.converter.dropped };
}

export interface JobRunOptions {
  api: ImportJobApi;
  /** --cloudwatch-role-arn: the role Cognito uses to write the job's CloudWatch Logs. */
  roleArn: string;
  parts: readonly JobPart[];
  clock?: Clock;
  /** Time between DescribeUserImportJob calls (default 5 s). */
  pollIntervalMs?: number;
  /** Job names are `<prefix>-part-<i>-of-<n>` (default prefix cognito-admin-<timestamp>). */
  jobNamePrefix?: string;
  signal?: AbortSignal;
  /** Every status seen, for progress and for the journal. */
  onStatus?: (part: JobPart, status: JobStatus) => void;
  /** What an earlier run recorded for a part (its job id and last status), to follow it instead of starting again. */
  previous?: (part: JobPart) => { jobId: string; status: string } | undefined;
}

export interface JobRunResult {
  jobs: Array<{ part: JobPart; status: JobStatus }>;
  imported: number;
  skipped: number;
  failed: number;
  /** Every part's job Succeeded. */
  succeeded: boolean;
  /** Ctrl-C while a job was running: the job goes on in Cognito; a re-run follows it. */
  interrupted: boolean;
}

export async function runImportJobs(options: JobRunOptions): Promise<JobRunResult> {
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollIntervalMs ?? 5000;
  const prefix = options.jobNamePrefix ?? `cognito-admin-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  const result: JobRunResult = { jobs: [], imported: 0, skipped: 0, failed: 0, succeeded: true, interrupted: false };
  const { api, signal } = options;

  for (const part of options.parts) {
    if (signal?.aborted) {
      result.interrupted = true;
      result.succeeded = false;
      break;
    }
    let status: JobStatus | undefined;
    const previous = options.previous?.(part);
    if (previous && ['Succeeded', 'Pending', 'InProgress', 'Stopping'].includes(previous.status)) {
      status = await api.describeJob(previous.jobId);
      options.onStatus?.(part, status);
    }
    if (!status) {
      const name = `${prefix}-part-${part.index}-of-${options.parts.length}`;
      const job = await api.createJob(name, options.roleArn);
      options.onStatus?.(part, { jobId: job.jobId, status: 'Created', importedUsers: 0, skippedUsers: 0, failedUsers: 0 });
      await api.upload(job.preSignedUrl, { path: part.path, bytes: part.bytes }, signal);
      status = await api.startJob(job.jobId);
      options.onStatus?.(part, status);
    }
    try {
      while (!TERMINAL_JOB_STATUSES.has(status.status)) {
        await clock.sleep(pollMs, signal);
        status = await api.describeJob(status.jobId);
        options.onStatus?.(part, status);
      }
    } catch (err) {
      if (signal?.aborted) {
        result.jobs.push({ part, status });
        result.interrupted = true;
        result.succeeded = false;
        break;
      }
      throw err;
    }
    result.jobs.push({ part, status });
    result.imported += status.importedUsers;
    result.skipped += status.skippedUsers;
    result.failed += status.failedUsers;
    if (status.status !== 'Succeeded') {
      result.succeeded = false;
      throw new ImportJobFailed(
        `import job ${status.jobId} (part ${part.index} of ${options.parts.length}) ended ${status.status}${status.completionMessage ? `: ${status.completionMessage}` : ''}`,
        status.status,
        result,
      );
    }
  }
  return result;
}

/** A part's job ended Failed, Stopped or Expired; later parts were not started. */
export class ImportJobFailed extends ImportJobError {
  constructor(
    message: string,
    status: string,
    /** What ran up to and including the failed job. */
    readonly result: JobRunResult,
  ) {
    super(message, { code: `Job${status}`, hint: "the job's CloudWatch Logs list the rows Cognito rejected" });
  }
}
