// User import jobs: the CSV header, creating a job, the presigned S3 upload (SSE header, size
// limit), a job's progress through DescribeUserImportJob, CSV rules, stop and list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserImportJobCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { startFakeCognito, type FakeCognito } from '../../support/fake-cognito/index.js';
import { rejection, sdkClient } from './sdk.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = await startFakeCognito({ limits: { maxUploadBytes: 4096 } });
  sdk = sdkClient(server);
});
afterAll(async () => {
  sdk.destroy();
  await server.close();
});

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';

async function header(poolId: string): Promise<string[]> {
  return (await sdk.send(new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader!;
}

/** A CSV with the pool's header and one line per user (unset columns empty). */
function csv(columns: string[], rows: Record<string, string>[]): string {
  const escape = (v: string) => v.replace(/,/g, '\\,');
  return [columns.join(','), ...rows.map((r) => columns.map((c) => escape(r[c] ?? '')).join(','))].join('\n') + '\n';
}

const upload = (url: string, body: string, headers: Record<string, string> = { 'x-amz-server-side-encryption': 'aws:kms' }) =>
  fetch(url, { method: 'PUT', headers: { 'content-type': 'text/csv', ...headers }, body });

async function createJob(poolId: string, name = 'import') {
  return (await sdk.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: name, CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
}

async function runToEnd(poolId: string, jobId: string) {
  const statuses: string[] = [];
  for (let i = 0; i < 10; i++) {
    const { UserImportJob } = await sdk.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }));
    statuses.push(UserImportJob!.Status!);
    if (['Succeeded', 'Failed', 'Stopped'].includes(UserImportJob!.Status!)) return { job: UserImportJob!, statuses };
  }
  throw new Error('job did not finish');
}

describe('GetCSVHeader', () => {
  it('returns Cognito header with custom attributes before cognito:mfa_enabled', async () => {
    const pool = server.createPool({ customAttributes: ['tenant'] });
    expect(await header(pool.id)).toEqual([
      'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
      'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number',
      'phone_number_verified', 'address', 'updated_at', 'custom:tenant', 'cognito:mfa_enabled', 'cognito:username',
    ]);
  });
});

describe('an import job', () => {
  it('imports the uploaded users as RESET_REQUIRED, moving Created, Pending, InProgress, Succeeded', async () => {
    const pool = server.createPool({ customAttributes: ['tenant'] });
    const columns = await header(pool.id);
    const job = await createJob(pool.id);
    expect(job).toMatchObject({ Status: 'Created', UserPoolId: pool.id, JobName: 'import', CloudWatchLogsRoleArn: ROLE });
    expect(job.JobId).toMatch(/^import-[0-9a-zA-Z]{10}$/);
    expect(job.PreSignedUrl!.startsWith(`${server.url}/import-upload/${job.JobId}?`)).toBe(true);
    expect(job.CreationDate).toBeInstanceOf(Date);

    const body = csv(columns, [
      { 'cognito:username': 'ann', email: 'ann@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false', name: 'Ann, Jr.' },
      { 'cognito:username': 'bob', email: 'bob@example.com', email_verified: 'TRUE'.toLowerCase(), 'cognito:mfa_enabled': 'false', 'custom:tenant': 't9' },
    ]);
    const put = await upload(job.PreSignedUrl!, body);
    expect(put.status).toBe(200);
    expect(server.uploads.get(job.JobId!)!.body.toString()).toBe(body);

    const started = await sdk.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    expect(started.UserImportJob!.Status).toBe('Pending');
    const { job: done, statuses } = await runToEnd(pool.id, job.JobId!);
    expect(statuses).toEqual(['InProgress', 'Succeeded']);
    expect(done).toMatchObject({ ImportedUsers: 2, FailedUsers: 0, SkippedUsers: 0, CompletionMessage: 'Import Job Completed Successfully.' });
    expect(server.user(pool.id, 'ann')).toMatchObject({ status: 'RESET_REQUIRED', password: undefined });
    expect(server.user(pool.id, 'ann')!.attributes.name).toBe('Ann, Jr.');
    expect(server.user(pool.id, 'bob')!.attributes['custom:tenant']).toBe('t9');
    expect(server.importJobs.get(job.JobId!)!.log).toHaveLength(2);

    const again = await rejection(sdk.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId })));
    expect(again.name).toBe('InvalidParameterException');

    const signIn = await rejection(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: server.createClient(pool.id).clientId,
          AuthParameters: { USERNAME: 'ann', SRP_A: 'abc' },
        }),
      ),
    );
    expect(signIn.name).toBe('PasswordResetRequiredException');
  });

  it('counts failed rows and fails the job as Cognito does', async () => {
    const pool = server.createPool({ mfa: 'OFF' });
    server.addUser(pool.id, { username: 'taken', password: 'Good-pass-1' });
    const columns = await header(pool.id);
    const job = await createJob(pool.id);
    const ok = { email_verified: 'true', 'cognito:mfa_enabled': 'false' };
    const body = csv(columns, [
      { ...ok, 'cognito:username': 'fine', email: 'fine@example.com' },
      { ...ok, 'cognito:username': 'taken', email: 'taken@example.com' },
      { ...ok, 'cognito:username': 'unverified', email: 'u@example.com', email_verified: 'false' },
      { ...ok, 'cognito:username': 'mfa', email: 'm@example.com', 'cognito:mfa_enabled': 'true' },
      { ...ok, 'cognito:username': 'quoted', email: '"q@example.com"' },
      { ...ok, 'cognito:username': 'fine', email: 'dup@example.com' },
    ]);
    await upload(job.PreSignedUrl!, body);
    await sdk.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const { job: done } = await runToEnd(pool.id, job.JobId!);
    expect(done).toMatchObject({
      Status: 'Failed',
      ImportedUsers: 1,
      FailedUsers: 5,
      CompletionMessage: 'Too many users have failed or been skipped during the import.',
    });
    const log = server.importJobs.get(job.JobId!)!.log;
    expect(log[0]).toBe('[SUCCEEDED] Line Number 2 - The import succeeded.');
    expect(log[2]).toMatch(/^\[FAILED\] Line Number 4 - The User Record does not set any of the auto verified attributes/);
  });

  it('fails the whole job on a header that is not the pool header', async () => {
    const pool = server.createPool();
    const job = await createJob(pool.id);
    await upload(job.PreSignedUrl!, 'username,email\nann,ann@example.com\n');
    await sdk.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const { job: done } = await runToEnd(pool.id, job.JobId!);
    expect(done.Status).toBe('Failed');
    expect(done.CompletionMessage).toMatch(/CSV header is not valid/);
    expect(done.ImportedUsers).toBe(0);
  });
});

describe('the presigned upload', () => {
  it('needs PUT with x-amz-server-side-encryption: aws:kms, like S3 with a signed SSE header', async () => {
    const pool = server.createPool();
    const job = await createJob(pool.id);
    const noSse = await upload(job.PreSignedUrl!, 'x', {});
    expect(noSse.status).toBe(403);
    expect(await noSse.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const post = await fetch(job.PreSignedUrl!, { method: 'POST', headers: { 'x-amz-server-side-encryption': 'aws:kms' }, body: 'x' });
    expect(post.status).toBe(403);
    const badSig = await upload(job.PreSignedUrl!.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=00'), 'x');
    expect(badSig.status).toBe(403);
    expect(server.uploads.has(job.JobId!)).toBe(false);
  });

  it('refuses a file over the size limit, so a splitting client can be tested', async () => {
    const pool = server.createPool();
    const job = await createJob(pool.id);
    const big = await upload(job.PreSignedUrl!, 'x'.repeat(server.limits.maxUploadBytes + 1));
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('<Code>EntityTooLarge</Code>');
    expect((await upload(job.PreSignedUrl!, 'x'.repeat(server.limits.maxUploadBytes))).status).toBe(200);
  });

  it('expires with the URL', async () => {
    const pool = server.createPool();
    const job = await createJob(pool.id);
    server.advanceTime(server.limits.presignedUrlSeconds + 1);
    expect((await upload(job.PreSignedUrl!, 'x')).status).toBe(403);
  });

  it('fails a job with more users than the limit', async () => {
    const pool = server.createPool();
    const columns = await header(pool.id);
    const saved = server.limits.maxImportUsers;
    server.limits.maxImportUsers = 2;
    try {
      const job = await createJob(pool.id);
      const rows = ['a', 'b', 'c'].map((u) => ({ 'cognito:username': u, email: `${u}@example.com`, email_verified: 'true', 'cognito:mfa_enabled': 'false' }));
      await upload(job.PreSignedUrl!, csv(columns, rows));
      await sdk.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
      const { job: done } = await runToEnd(pool.id, job.JobId!);
      expect(done.Status).toBe('Failed');
      expect(done.CompletionMessage).toMatch(/more than 2 users/);
    } finally {
      server.limits.maxImportUsers = saved;
    }
  });
});

describe('stop and list', () => {
  it('stops a started job and lists jobs page by page', async () => {
    const pool = server.createPool();
    const jobs = [await createJob(pool.id, 'one'), await createJob(pool.id, 'two'), await createJob(pool.id, 'three')];
    const notStarted = await rejection(sdk.send(new StopUserImportJobCommand({ UserPoolId: pool.id, JobId: jobs[0]!.JobId })));
    expect(notStarted.name).toBe('UnsupportedOperationException');
    await sdk.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: jobs[0]!.JobId }));
    const stopping = await sdk.send(new StopUserImportJobCommand({ UserPoolId: pool.id, JobId: jobs[0]!.JobId }));
    expect(stopping.UserImportJob!.Status).toBe('Stopping');
    expect((await runToEnd(pool.id, jobs[0]!.JobId!)).job.Status).toBe('Stopped');

    const first = await sdk.send(new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 2 }));
    expect(first.UserImportJobs!.map((j) => j.JobName)).toEqual(['one', 'two']);
    const second = await sdk.send(new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 2, PaginationToken: first.PaginationToken }));
    expect(second.UserImportJobs!.map((j) => j.JobName)).toEqual(['three']);
    expect(second.PaginationToken).toBeUndefined();
    const tooMany = await rejection(sdk.send(new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 61 })));
    expect(tooMany.name).toBe('InvalidParameterException');
  });

  it('validates CreateUserImportJob like the API', async () => {
    const pool = server.createPool();
    const badRole = await rejection(
      sdk.send(new CreateUserImportJobCommand({ UserPoolId: pool.id, JobName: 'x', CloudWatchLogsRoleArn: 'not-an-arn' })),
    );
    expect(badRole.name).toBe('InvalidParameterException');
    const noRole = await rejection(sdk.send(new CreateUserImportJobCommand({ UserPoolId: pool.id, JobName: 'x' } as never)));
    expect(noRole.name).toBe('InvalidParameterException');
    const noPool = await rejection(sdk.send(new CreateUserImportJobCommand({ UserPoolId: 'eu-west-1_none', JobName: 'x', CloudWatchLogsRoleArn: ROLE })));
    expect(noPool.name).toBe('ResourceNotFoundException');
  });
});
