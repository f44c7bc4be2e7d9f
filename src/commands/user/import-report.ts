// The summaries of `user import`: the import, its dry run, and the server-side jobs.
import type { Context } from '../../context.js';
import { PartialFailure, SilentExit, ExitCode } from '../../errors.js';
import { formatElapsed, summaryFields } from '../../bulk/summary.js';
import { summaryRows } from '../../import/report.js';
import type { JobStatus } from '../../import/job/driver.js';
import type { JobPart } from '../../import/job/split.js';
import type { JobImportResult, UserImportResult } from '../../import/run.js';
import type { SdkImportApi } from '../../import/sdk-api.js';
import { finish as finishBulk, noteKeptFailuresFile, table } from './bulk-report.js';
import type { ImportFlags } from './import-flags.js';

export const RESET_NOTE =
  'users imported by a job are in RESET_REQUIRED: each must reset the password (forgot-password flow) before signing in';


/** The exit code of an import after its summary. */
export function finish(ctx: Context, s: Parameters<typeof finishBulk>[1], verb: string): void {
  finishBulk(ctx, s, verb, (file) => `import that file as it is: cognito-admin user import ${file}`);
}

export function jobStatusLine(part: JobPart, status: JobStatus, parts: number): string {
  const counts = status.importedUsers || status.failedUsers || status.skippedUsers
    ? `, ${status.importedUsers} imported, ${status.skippedUsers} skipped, ${status.failedUsers} failed`
    : '';
  return `job ${part.index}/${parts} (${status.jobId}, ${part.rows} users): ${status.status}${counts}`;
}

export function reportImport(ctx: Context, result: UserImportResult): void {
  const s = result.summary;
  const data = {
    mode: 'api',
    created: s.created,
    updated: s.updated,
    existing: s.existing,
    invalid: s.invalid,
    failed: s.failed,
    resumed: s.resumed,
    rows: s.rows,
    ...summaryFields({ ...s, perSecond: s.usersPerSecond }),
    createdGroups: result.createdGroups,
    missingGroups: result.missingGroups,
    warnings: result.warnings,
  };
  const pairs = summaryRows(s);
  if (result.createdGroups.length > 0) pairs.push(['groups created', result.createdGroups.join(', ')]);
  if (result.missingGroups.length > 0) pairs.push(['missing groups (rows failed)', result.missingGroups.join(', ')]);
  noteKeptFailuresFile(ctx, result);
  ctx.out.record(data, table(pairs));
  finish(ctx, s, 'imported');
}

export async function reportDryRun(ctx: Context, result: UserImportResult, api: SdkImportApi, flags: ImportFlags): Promise<void> {
  const v = result.validation;
  const missingGroups: string[] = [];
  // Read-only: the real run would stop here before creating anyone.
  if (!v.interrupted) for (const group of v.groups) if (!(await api.groupExists(group))) missingGroups.push(group);
  const data = {
    mode: 'api',
    dryRun: true,
    rows: v.rows,
    valid: v.valid,
    invalid: v.invalid,
    groups: v.groups,
    missingGroups,
    elapsedMs: Math.round(v.elapsedMs),
    rowsPerSecond: Math.round(v.rowsPerSecond),
    interrupted: v.interrupted,
    failuresFile: result.summary.failuresFile ?? null,
    warnings: result.warnings,
  };
  const pairs: Array<[string, string]> = [
    ['rows', String(v.rows)],
    ['valid', String(v.valid)],
    ['invalid', String(v.invalid)],
  ];
  if (v.groups.length) pairs.push(['groups', v.groups.join(', ')]);
  if (missingGroups.length) pairs.push([flags.createGroups ? 'groups to create' : 'missing groups', missingGroups.join(', ')]);
  pairs.push(['elapsed', formatElapsed(v.elapsedMs)], ['rows/s', String(Math.round(v.rowsPerSecond))]);
  if (result.summary.failuresFile) pairs.push(['failures file', result.summary.failuresFile]);
  pairs.push(['dry run', 'nothing was changed']);
  ctx.out.record(data, table(pairs));
  noteKeptFailuresFile(ctx, result);
  if (missingGroups.length && !flags.createGroups && !v.interrupted) {
    throw new PartialFailure(
      `${missingGroups.length === 1 ? 'group' : 'groups'} ${missingGroups.join(', ')} ${missingGroups.length === 1 ? 'does' : 'do'} not exist in the pool: ` +
        'the rows naming them would fail, the others would be imported',
      { hint: 'create them first (group create <name>) or pass --create-groups' },
    );
  }
  finish(ctx, { ...result.summary, invalid: v.invalid, failed: 0, rows: v.rows }, 'valid');
}

export function reportJobs(ctx: Context, result: JobImportResult, elapsedMs: number): void {
  const { validation: v, jobs } = result;
  const data = {
    mode: 'job',
    rows: v.rows,
    valid: v.valid,
    invalid: v.invalid,
    jobs: jobs.jobs.map(({ part, status }) => ({
      part: part.index,
      jobId: status.jobId,
      status: status.status,
      users: part.rows,
      imported: status.importedUsers,
      skipped: status.skippedUsers,
      failed: status.failedUsers,
      message: status.completionMessage ?? null,
    })),
    imported: jobs.imported,
    skipped: jobs.skipped,
    failed: jobs.failed,
    succeeded: jobs.succeeded,
    interrupted: jobs.interrupted,
    elapsedMs: Math.round(elapsedMs),
    failuresFile: result.failuresFile ?? null,
    passwordReset: RESET_NOTE,
    warnings: result.warnings.filter((w) => w !== RESET_NOTE),
  };
  const statuses = [...new Set(jobs.jobs.map((j) => j.status.status))].join(', ');
  const pairs: Array<[string, string]> = [
    ['rows', String(v.rows)],
    ['valid', String(v.valid)],
    ['invalid', String(v.invalid)],
    ['jobs', `${jobs.jobs.length}${statuses ? ` (${statuses})` : ''}`],
    ['imported', String(jobs.imported)],
    ['skipped', String(jobs.skipped)],
    ['failed', String(jobs.failed)],
    ['elapsed', formatElapsed(elapsedMs)],
  ];
  if (result.failuresFile) pairs.push(['failures file', result.failuresFile]);
  pairs.push(['passwords', RESET_NOTE]);
  ctx.out.record(data, table(pairs));
  if (jobs.interrupted) {
    ctx.out.note('interrupted: the import job goes on in Cognito; run the same command again to follow it');
    throw new SilentExit(ExitCode.interrupted);
  }
  finish(ctx, { interrupted: false, invalid: v.invalid, failed: jobs.failed + jobs.skipped, rows: v.rows, failuresFile: result.failuresFile }, 'imported');
}
