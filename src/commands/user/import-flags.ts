// `user import` flags checked before any request: every mistake here is a usage error, exit 2.
import type { Readable } from 'node:stream';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { parseInvite, type OnExists } from '../../import/executor.js';
import { parseMappings } from '../../import/header.js';
import { JOB_MAX_BYTES, JOB_MAX_ROWS } from '../../import/job/split.js';
import { parseRate } from '../../bulk/rate-budget.js';
import { defaultFailuresFile, sameFile } from './bulk-report.js';

export interface ImportFlags {
  dryRun?: boolean;
  map?: string[];
  onExists?: OnExists;
  invite?: string;
  concurrency?: number;
  rate?: string;
  createGroups?: boolean;
  fresh?: boolean;
  failures?: string;
  mode?: 'api' | 'job';
  cloudwatchRoleArn?: string;
  pollInterval?: number;
  jobMaxUsers?: number;
  jobMaxBytes?: number;
}

export interface Plan {
  mode: 'api' | 'job';
  map: Record<string, string>;
  invite: ReturnType<typeof parseInvite>;
  rate?: number;
  failuresFile: string;
  input: string | Readable;
}

export function planFlags(ctx: Context, file: string, flags: ImportFlags): Plan {
  const mode = flags.mode ?? 'api';
  const given = (entries: Array<[string, unknown]>) => entries.filter(([, v]) => v !== undefined && v !== false).map(([k]) => k);
  if (mode === 'job') {
    const apiOnly = given([
      ['--on-exists', flags.onExists],
      ['--invite', flags.invite],
      ['--concurrency', flags.concurrency],
      ['--rate', flags.rate],
      ['--create-groups', flags.createGroups],
    ]);
    if (apiOnly.length > 0) {
      throw new UsageError(`${apiOnly.join(', ')} ${apiOnly.length === 1 ? 'does' : 'do'} not apply to --mode job`, {
        hint: 'an import job creates new users only, without invitations, groups or passwords; leave --mode job out to use those',
      });
    }
    if (!flags.cloudwatchRoleArn && !flags.dryRun) {
      throw new UsageError('--mode job needs --cloudwatch-role-arn', {
        hint: 'the IAM role Cognito uses to write the job log to CloudWatch Logs, e.g. arn:aws:iam::123456789012:role/CognitoImport',
      });
    }
    if ((flags.jobMaxUsers ?? 0) > JOB_MAX_ROWS) throw new UsageError(`--job-max-users: a job takes at most ${JOB_MAX_ROWS} users`);
    if ((flags.jobMaxBytes ?? 0) > JOB_MAX_BYTES) throw new UsageError(`--job-max-bytes: a job file is at most ${JOB_MAX_BYTES} bytes`);
  } else {
    const jobOnly = given([
      ['--cloudwatch-role-arn', flags.cloudwatchRoleArn],
      ['--poll-interval', flags.pollInterval],
      ['--job-max-users', flags.jobMaxUsers],
      ['--job-max-bytes', flags.jobMaxBytes],
    ]);
    if (jobOnly.length > 0) throw new UsageError(`${jobOnly.join(', ')} ${jobOnly.length === 1 ? 'needs' : 'need'} --mode job`);
  }

  let input: string | Readable;
  if (file === '-') {
    if (ctx.streams.stdin.isTTY) {
      throw new UsageError('`user import -` reads the CSV from stdin, but stdin is a terminal', {
        hint: 'pipe the file in (… | cognito-admin user import -) or give its path',
      });
    }
    input = ctx.streams.stdin;
  } else {
    input = file;
  }
  const failuresFile = flags.failures ?? defaultFailuresFile(file);
  if (file !== '-' && sameFile(failuresFile, file)) {
    throw new UsageError(`--failures ${failuresFile} is the file being imported`, {
      hint: 'write the failures somewhere else with --failures <file>',
    });
  }
  return {
    mode,
    map: parseMappings(flags.map ?? []),
    invite: parseInvite(flags.invite ?? 'none'),
    rate: flags.rate !== undefined ? parseRate(flags.rate) : undefined,
    failuresFile,
    input,
  };
}
