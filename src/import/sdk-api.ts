// The import engine's view of Cognito (ImportApi, ImportJobApi) implemented with the AWS SDK v3.
// Thin on purpose: one request per method, errors thrown as the SDK throws them. The engine does
// the retrying, pacing and bookkeeping, so the client handed in for ImportApi must be built with
// maxAttempts 1 (see createIdpClient): an SDK retry would hide a throttle from the rate budget and
// a lost create response from the journal.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  CreateUserImportJobCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  ListGroupsCommand,
  StartUserImportJobCommand,
  type CognitoIdentityProviderClient,
  type UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isAwsError } from '../aws/errors.js';
import { paginate } from '../aws/paginate.js';
import type { CallOptions, CreateUserOptions, ExistingUser, ImportApi, NewUser } from './executor.js';
import { ImportJobError } from '../bulk/errors.js';
import { uploadToPresignedUrl, type ImportJobApi, type JobStatus, type JobStatusName } from './job/driver.js';

function toAttributeList(attributes: Record<string, string>) {
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}

export class SdkImportApi implements ImportApi {
  constructor(
    private readonly idp: CognitoIdentityProviderClient,
    private readonly poolId: string,
  ) {}

  async createUser(user: NewUser, options: CreateUserOptions): Promise<void> {
    const invite = options.invite;
    await this.idp.send(
      new AdminCreateUserCommand({
        UserPoolId: this.poolId,
        Username: user.username,
        UserAttributes: toAttributeList(user.attributes),
        TemporaryPassword: options.temporaryPassword,
        // No channel means no invitation at all: a mass mailing cannot be recalled.
        MessageAction: invite.length === 0 ? 'SUPPRESS' : undefined,
        DesiredDeliveryMediums: invite.length === 0 ? undefined : [...invite],
      }),
      { abortSignal: options.signal },
    );
  }

  async setPassword(username: string, password: string, permanent: boolean, options: CallOptions = {}): Promise<void> {
    await this.idp.send(
      new AdminSetUserPasswordCommand({ UserPoolId: this.poolId, Username: username, Password: password, Permanent: permanent }),
      { abortSignal: options.signal },
    );
  }

  async addToGroup(username: string, group: string, options: CallOptions = {}): Promise<void> {
    await this.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: this.poolId, Username: username, GroupName: group }), {
      abortSignal: options.signal,
    });
  }

  async updateAttributes(username: string, attributes: Record<string, string>, options: CallOptions = {}): Promise<void> {
    await this.idp.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: this.poolId, Username: username, UserAttributes: toAttributeList(attributes) }),
      { abortSignal: options.signal },
    );
  }

  async disableUser(username: string, options: CallOptions = {}): Promise<void> {
    await this.idp.send(new AdminDisableUserCommand({ UserPoolId: this.poolId, Username: username }), { abortSignal: options.signal });
  }

  async enableUser(username: string, options: CallOptions = {}): Promise<void> {
    await this.idp.send(new AdminEnableUserCommand({ UserPoolId: this.poolId, Username: username }), { abortSignal: options.signal });
  }

  async getUser(username: string, options: CallOptions = {}): Promise<ExistingUser | undefined> {
    try {
      const r = await this.idp.send(new AdminGetUserCommand({ UserPoolId: this.poolId, Username: username }), {
        abortSignal: options.signal,
      });
      const attributes: Record<string, string> = {};
      for (const a of r.UserAttributes ?? []) if (a.Name !== undefined) attributes[a.Name] = a.Value ?? '';
      return { username: r.Username ?? username, attributes, enabled: r.Enabled !== false, status: r.UserStatus };
    } catch (err) {
      if (isAwsError(err, 'UserNotFoundException')) return undefined;
      throw err;
    }
  }

  /**
   * The pool's groups are listed once (ListGroups, 60 a page) and looked up here. GetGroup per
   * group would do for Cognito, but emulators answer it for a missing group with a 500
   * (cognito-local) that cannot be told from a real failure; one listing serves every group a
   * file names, and --create-groups adds to it.
   */
  private groups?: Promise<Set<string>>;

  async groupExists(group: string, options: CallOptions = {}): Promise<boolean> {
    this.groups ??= this.listGroups(options.signal);
    try {
      return (await this.groups).has(group);
    } catch (err) {
      this.groups = undefined; // the engine retries throttling and transient failures: list again then
      throw err;
    }
  }

  private async listGroups(signal?: AbortSignal): Promise<Set<string>> {
    const names = new Set<string>();
    const pages = paginate(
      async (token, size) => {
        const r = await this.idp.send(new ListGroupsCommand({ UserPoolId: this.poolId, Limit: size, NextToken: token }), { abortSignal: signal });
        return { items: r.Groups, next: r.NextToken };
      },
      { pageSize: 60 },
    );
    for await (const g of pages) if (g.GroupName !== undefined) names.add(g.GroupName);
    return names;
  }

  async createGroup(group: string, options: CallOptions = {}): Promise<void> {
    try {
      await this.idp.send(new CreateGroupCommand({ UserPoolId: this.poolId, GroupName: group }), { abortSignal: options.signal });
    } catch (err) {
      // Created meanwhile, or by our own attempt whose response was lost: either way it exists.
      if (!isAwsError(err, 'GroupExistsException')) throw err;
    }
    (await this.groups?.catch(() => undefined))?.add(group);
  }
}

const JOB_STATUSES: ReadonlySet<string> = new Set(['Created', 'Pending', 'InProgress', 'Stopping', 'Expired', 'Stopped', 'Failed', 'Succeeded']);

function jobStatus(job: UserImportJobType | undefined, what: string): JobStatus {
  if (!job?.JobId || !job.Status || !JOB_STATUSES.has(job.Status)) {
    throw new ImportJobError(`${what} answered without a job id or a known status (${job?.Status ?? 'none'})`, { code: 'BadJobResponse' });
  }
  return {
    jobId: job.JobId,
    status: job.Status as JobStatusName,
    importedUsers: job.ImportedUsers ?? 0,
    skippedUsers: job.SkippedUsers ?? 0,
    failedUsers: job.FailedUsers ?? 0,
    completionMessage: job.CompletionMessage,
  };
}

/** --mode job. These calls are few: the client keeps the SDK's own retries. */
export class SdkImportJobApi implements ImportJobApi {
  constructor(
    private readonly idp: CognitoIdentityProviderClient,
    private readonly poolId: string,
  ) {}

  async getCsvHeader(): Promise<string[]> {
    const r = await this.idp.send(new GetCSVHeaderCommand({ UserPoolId: this.poolId }));
    if (!r.CSVHeader?.length) throw new ImportJobError('GetCSVHeader returned no columns', { code: 'BadJobHeader' });
    return r.CSVHeader;
  }

  async createJob(jobName: string, cloudWatchLogsRoleArn: string): Promise<{ jobId: string; preSignedUrl: string }> {
    const r = await this.idp.send(
      new CreateUserImportJobCommand({ UserPoolId: this.poolId, JobName: jobName, CloudWatchLogsRoleArn: cloudWatchLogsRoleArn }),
    );
    const job = r.UserImportJob;
    if (!job?.JobId || !job.PreSignedUrl) {
      throw new ImportJobError('CreateUserImportJob answered without a job id or upload URL', { code: 'BadJobResponse' });
    }
    return { jobId: job.JobId, preSignedUrl: job.PreSignedUrl };
  }

  upload(preSignedUrl: string, file: { path: string; bytes: number }, signal?: AbortSignal): Promise<void> {
    return uploadToPresignedUrl(preSignedUrl, file, { signal });
  }

  async startJob(jobId: string): Promise<JobStatus> {
    const r = await this.idp.send(new StartUserImportJobCommand({ UserPoolId: this.poolId, JobId: jobId }));
    return jobStatus(r.UserImportJob, 'StartUserImportJob');
  }

  async describeJob(jobId: string): Promise<JobStatus> {
    const r = await this.idp.send(new DescribeUserImportJobCommand({ UserPoolId: this.poolId, JobId: jobId }));
    return jobStatus(r.UserImportJob, 'DescribeUserImportJob');
  }
}
