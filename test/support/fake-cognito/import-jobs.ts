// User import jobs: GetCSVHeader, CreateUserImportJob (with a presigned upload URL on this server),
// the S3-style PUT, StartUserImportJob, DescribeUserImportJob (which moves a started job along
// Pending -> InProgress -> Succeeded/Failed, one step per call), StopUserImportJob, ListUserImportJobs.
import { createHmac, randomBytes } from 'node:crypto';
import type { FakeContext } from './context.js';
import { fail, invalidParameter, required, resourceNotFound } from './errors.js';
import { getPool, randomId } from './state.js';
import { csvHeader, runImport } from './import-csv.js';

export type ImportJobStatus = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Expired' | 'Stopped' | 'Failed' | 'Succeeded';

export interface ImportJobState {
  JobName: string;
  JobId: string;
  UserPoolId: string;
  PreSignedUrl: string;
  CreationDate: Date;
  StartDate?: Date;
  CompletionDate?: Date;
  Status: ImportJobStatus;
  CloudWatchLogsRoleArn: string;
  ImportedUsers: number;
  SkippedUsers: number;
  FailedUsers: number;
  CompletionMessage?: string;
  /** What Cognito would write to CloudWatch Logs, one line per user. */
  log: string[];
  /** The presigned URL's signature and expiry, checked on upload. */
  signature: string;
  urlExpiresAt: number;
}

export interface UploadState {
  jobId: string;
  body: Buffer;
  headers: Record<string, string>;
  at: Date;
}

/** The public view: the job as DescribeUserImportJob returns it. */
export function jobView(job: ImportJobState) {
  const { log: _log, signature: _sig, urlExpiresAt: _exp, ...view } = job;
  return view;
}

function getJob(ctx: FakeContext, body: any): ImportJobState {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const job = ctx.importJobs.get(required(body.JobId, 'jobId'));
  if (!job || job.UserPoolId !== pool.id) return resourceNotFound(`Import job ${body.JobId} does not exist.`);
  return job;
}

export function getCsvHeader(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  return { UserPoolId: pool.id, CSVHeader: csvHeader(pool) };
}

const JOB_NAME = /^[\w\s+=,.@-]{1,128}$/;
const ROLE_ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
const patternError = (member: string, pattern: RegExp) =>
  `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source.replace(/^\^|\$$/g, '').replace('{1,128}', '+')}`;

export function createUserImportJob(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const name = required<string>(body.JobName, 'jobName');
  const role = required<string>(body.CloudWatchLogsRoleArn, 'cloudWatchLogsRoleArn');
  if (!JOB_NAME.test(name)) invalidParameter(patternError('jobName', JOB_NAME));
  if (role.length < 20 || !ROLE_ARN.test(role)) invalidParameter(patternError('cloudWatchLogsRoleArn', ROLE_ARN));
  const jobId = `import-${randomId(10)}`;
  const now = new Date(ctx.now());
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const signature = createHmac('sha256', randomBytes(32)).update(jobId).digest('hex');
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `ASIAFAKECOGNITOIMPORT/${amzDate.slice(0, 8)}/${pool.region}/s3/aws4_request`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(ctx.limits.presignedUrlSeconds),
    'X-Amz-SignedHeaders': 'host;x-amz-server-side-encryption',
    'X-Amz-Signature': signature,
  });
  const job: ImportJobState = {
    JobName: name,
    JobId: jobId,
    UserPoolId: pool.id,
    PreSignedUrl: `${ctx.url}/import-upload/${jobId}?${query}`,
    CreationDate: now,
    Status: 'Created',
    CloudWatchLogsRoleArn: role,
    ImportedUsers: 0,
    SkippedUsers: 0,
    FailedUsers: 0,
    log: [],
    signature,
    urlExpiresAt: ctx.now() + ctx.limits.presignedUrlSeconds * 1000,
  };
  ctx.importJobs.set(jobId, job);
  return { UserImportJob: jobView(job) };
}

export interface UploadReply {
  status: number;
  code?: string;
  message?: string;
}

/** The S3 side of the presigned URL: a PUT with the signed SSE header, within the size limit. */
export function acceptUpload(
  ctx: FakeContext,
  jobId: string,
  query: URLSearchParams,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  tooLarge: boolean,
): UploadReply {
  const job = ctx.importJobs.get(jobId);
  const refuse = (status: number, code: string, message: string): UploadReply => ({ status, code, message });
  const mismatch = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
  if (!job) return refuse(404, 'NoSuchKey', 'The specified key does not exist.');
  if (method !== 'PUT' || query.get('X-Amz-Signature') !== job.signature) return refuse(403, 'SignatureDoesNotMatch', mismatch);
  if (ctx.now() > job.urlExpiresAt) return refuse(403, 'AccessDenied', 'Request has expired');
  // The URL signs x-amz-server-side-encryption: a PUT without it does not match the signature.
  if (headers['x-amz-server-side-encryption'] !== 'aws:kms') return refuse(403, 'SignatureDoesNotMatch', mismatch);
  if (tooLarge) {
    return refuse(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size of ${ctx.limits.maxUploadBytes} bytes`);
  }
  ctx.uploads.set(jobId, { jobId, body, headers, at: new Date(ctx.now()) });
  return { status: 200 };
}

export function startUserImportJob(ctx: FakeContext, body: any) {
  const job = getJob(ctx, body);
  if (job.Status !== 'Created') {
    return invalidParameter(`Import job ${job.JobId} cannot be started: its status is ${job.Status}.`);
  }
  job.Status = 'Pending';
  job.StartDate = new Date(ctx.now());
  return { UserImportJob: jobView(job) };
}

function finish(ctx: FakeContext, job: ImportJobState): void {
  job.CompletionDate = new Date(ctx.now());
  const upload = ctx.uploads.get(job.JobId);
  const pool = ctx.pools.get(job.UserPoolId)!;
  const run = upload
    ? runImport(pool, upload.body.toString('utf8'), ctx.limits)
    : { fatal: 'No CSV file was uploaded to the presigned URL.', imported: 0, failed: 0, skipped: 0, log: [] };
  job.log.push(...run.log);
  job.ImportedUsers = run.imported;
  job.FailedUsers = run.failed;
  job.SkippedUsers = run.skipped;
  if (run.fatal) {
    job.Status = 'Failed';
    job.CompletionMessage = run.fatal;
  } else if (run.failed + run.skipped > 0) {
    job.Status = 'Failed';
    job.CompletionMessage = 'Too many users have failed or been skipped during the import.';
  } else {
    job.Status = 'Succeeded';
    job.CompletionMessage = 'Import Job Completed Successfully.';
  }
}

export function describeUserImportJob(ctx: FakeContext, body: any) {
  const job = getJob(ctx, body);
  if (job.Status === 'Pending') job.Status = 'InProgress';
  else if (job.Status === 'InProgress') finish(ctx, job);
  else if (job.Status === 'Stopping') {
    job.Status = 'Stopped';
    job.CompletionDate = new Date(ctx.now());
    job.CompletionMessage = 'The import job was stopped.';
  }
  return { UserImportJob: jobView(job) };
}

export function stopUserImportJob(ctx: FakeContext, body: any) {
  const job = getJob(ctx, body);
  if (job.Status !== 'Pending' && job.Status !== 'InProgress') {
    return fail('UnsupportedOperationException', `Import job ${job.JobId} cannot be stopped: its status is ${job.Status}.`);
  }
  job.Status = 'Stopping';
  return { UserImportJob: jobView(job) };
}

export function listUserImportJobs(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const max = required<number>(body.MaxResults, 'maxResults');
  if (!Number.isInteger(max) || max < 1 || max > 60) {
    return invalidParameter(
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  }
  const jobs = [...ctx.importJobs.values()].filter((j) => j.UserPoolId === pool.id);
  const start = body.PaginationToken ? Number(Buffer.from(body.PaginationToken, 'base64').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) return invalidParameter('Invalid pagination token');
  const page = jobs.slice(start, start + max);
  const next = start + max < jobs.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
  return { UserImportJobs: page.map(jobView), ...(next ? { PaginationToken: next } : {}) };
}
