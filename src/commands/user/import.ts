// user import: the command around the import engine (src/import). It turns flags into engine
// options, describes the pool, builds the import's own client (maxAttempts 1: the engine must see
// every throttle and every lost response), shows progress, handles Ctrl-C, prints the summary and
// picks the exit code. The engine's errors become CliErrors in toCliError() and nowhere else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DescribeUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import type { Column } from '../../io/output.js';
import { CliError, ExitCode, PartialFailure, SilentExit, UsageError } from '../../errors.js';
import { stateDir } from '../../config/paths.js';
import { openCsv } from '../../import/csv-source.js';
import { CsvFormatError, ImportError } from '../../bulk/errors.js';
import { parseInvite, type OnExists, type RowEvent } from '../../import/executor.js';
import { parseMappings, planHeader } from '../../import/header.js';
import { prepareJobFiles, type JobStatus } from '../../import/job/driver.js';
import { JOB_MAX_BYTES, JOB_MAX_ROWS, type JobPart } from '../../import/job/split.js';
import { JobRowConverter } from '../../import/job/template.js';
import { poolFactsFromDescribe, type DescribedUserPool, type PoolFacts } from '../../import/pool-facts.js';
import { parseRate } from '../../bulk/rate-budget.js';
import { FailureReport } from '../../bulk/failures.js';
import { formatElapsed, summaryRows, type ImportSummary } from '../../import/report.js';
import { importUsers, importUsersWithJobs, type JobImportResult, type UserImportResult } from '../../import/run.js';
import { SdkImportApi, SdkImportJobApi } from '../../import/sdk-api.js';
import { preflightWarnings, RowValidator } from '../../import/validate.js';
import { ImportProgress } from './import-progress.js';

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

/** Invalid or failed rows printed on stderr as they are found; the rest are in the failures file. */
const ROWS_SHOWN = 10;

const RESET_NOTE =
  'users imported by a job are in RESET_REQUIRED: each must reset the password (forgot-password flow) before signing in';

/** The one bridge from the engine's typed errors (exit code, code, hint) to the CLI's. */
export function toCliError(err: unknown, input?: string): unknown {
  if (!(err instanceof ImportError)) return err;
  const message = err instanceof CsvFormatError && input ? `${input}: ${err.message}` : err.message;
  return new CliError(message, err.exitCode, { code: err.code, hint: err.hint, cause: err });
}

export async function importCommand(ctx: Context, file: string, flags: ImportFlags): Promise<void> {
  try {
    await runImport(ctx, file, flags);
  } catch (err) {
    throw toCliError(err, file === '-' ? 'stdin' : file);
  }
}

interface Plan {
  mode: 'api' | 'job';
  map: Record<string, string>;
  invite: ReturnType<typeof parseInvite>;
  rate?: number;
  failuresFile: string;
  input: string | Readable;
}

/** Flags checked before any request: every mistake here is a usage error, exit 2. */
function planFlags(ctx: Context, file: string, flags: ImportFlags): Plan {
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

/** `dir/users.csv` → `dir/users.failures.csv`; stdin → `./stdin.failures.csv`. */
export function defaultFailuresFile(file: string): string {
  if (file === '-') return 'stdin.failures.csv';
  const base = path.basename(file);
  const ext = path.extname(base);
  const name = ext.toLowerCase() === '.csv' ? base.slice(0, -ext.length) : base;
  return path.join(path.dirname(file), `${name}.failures.csv`);
}

function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

async function describePool(idp: CognitoIdentityProviderClient, poolId: string): Promise<PoolFacts> {
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  if (!UserPool) throw new CliError(`DescribeUserPool returned no pool for ${poolId}`);
  return poolFactsFromDescribe({ ...(UserPool as DescribedUserPool), Id: UserPool.Id ?? poolId });
}

/**
 * Ctrl-C while importing: the first stops dispatching (requests in flight finish, the journal is
 * flushed, the summary printed), the second abandons the requests in flight, a third (or the
 * second where there is nothing to abandon) ends the process at once. Installed for the import
 * only, removed after.
 */
class CtrlC {
  readonly stop = new AbortController();
  readonly force = new AbortController();
  private presses = 0;
  private readonly listener = () => this.press();

  constructor(
    private readonly say: (line: string) => void,
    private readonly stages: 2 | 3,
  ) {
    process.on('SIGINT', this.listener);
  }

  private press(): void {
    this.presses++;
    if (this.presses === 1) {
      this.stop.abort(new Error('interrupted'));
      this.say(
        this.stages === 3
          ? 'stopping: finishing the requests in flight and saving the journal (Ctrl-C again to abandon them)'
          : 'stopping (Ctrl-C again to quit at once)',
      );
    } else if (this.presses === 2 && this.stages === 3) {
      this.force.abort(new Error('interrupted'));
      this.say('abandoning the requests in flight: the next run checks them');
    } else {
      // Give Ctrl-C back its default meaning: the journal is written as rows finish, so it is safe.
      this.remove();
      process.kill(process.pid, 'SIGINT');
    }
  }

  get interrupted(): boolean {
    return this.stop.signal.aborted;
  }

  remove(): void {
    process.off('SIGINT', this.listener);
  }
}

/** Prints the first few invalid and failed rows on stderr; counts the rest. */
class RowLines {
  private shown = 0;
  private hidden = 0;

  constructor(
    private readonly progress: ImportProgress,
    private readonly quiet: boolean,
  ) {}

  add(line: number, code: string | undefined, message: string | undefined, what: 'invalid' | 'failed'): void {
    if (this.quiet) return;
    if (this.shown >= ROWS_SHOWN) {
      this.hidden++;
      return;
    }
    this.shown++;
    this.progress.line(`row ${line} ${what}: ${message ?? code ?? 'unknown error'}${code ? ` (${code})` : ''}`);
  }

  finish(failuresFile: string | undefined): void {
    if (this.hidden > 0) this.progress.line(`… and ${this.hidden} more ${this.hidden === 1 ? 'row' : 'rows'}${failuresFile ? ` in ${failuresFile}` : ''}`);
  }
}

async function runImport(ctx: Context, file: string, flags: ImportFlags): Promise<void> {
  const plan = planFlags(ctx, file, flags);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const pool = await describePool(idp, poolId);
  const endpoint = ctx.settings.endpoint?.value ?? ctx.region()?.value ?? '';

  const progress = new ImportProgress(ctx.streams.stderr, { tty: Boolean(ctx.streams.stderr.isTTY), quiet: ctx.settings.quiet });
  const rows = new RowLines(progress, ctx.settings.quiet);
  const warn = (message: string) => progress.line(`${ctx.out.style.yellow('warning:')} ${message}`);
  const common = {
    input: plan.input,
    pool,
    endpoint,
    stateDir: path.join(stateDir(ctx.env), 'imports'),
    map: plan.map,
    failuresFile: plan.failuresFile,
    onInvalid: (row: { line: number }, result: { code: string; message: string }) => rows.add(row.line, result.code, result.message, 'invalid'),
  };

  if (flags.dryRun) {
    const ctrlC = new CtrlC((l) => progress.line(l), 2);
    try {
      if (plan.mode === 'job') {
        return await jobDryRun(ctx, { ...common, onWarning: warn, signal: ctrlC.stop.signal }, idp, flags);
      }
      const result = await importUsers({ ...common, dryRun: true, invite: plan.invite, signal: ctrlC.stop.signal, onWarning: warn });
      rows.finish(result.summary.failuresFile);
      return await reportDryRun(ctx, result, new SdkImportApi(idp, poolId), flags);
    } finally {
      ctrlC.remove();
      progress.stop();
    }
  }

  if (plan.mode === 'job') {
    const ctrlC = new CtrlC((l) => progress.line(l), 2);
    const started = performance.now();
    const last = new Map<number, string>();
    try {
      const result = await importUsersWithJobs({
        ...common,
        jobApi: new SdkImportJobApi(idp, poolId),
        roleArn: flags.cloudwatchRoleArn!,
        pollIntervalMs: flags.pollInterval !== undefined ? flags.pollInterval * 1000 : undefined,
        split: { maxRows: flags.jobMaxUsers, maxBytes: flags.jobMaxBytes },
        fresh: flags.fresh,
        signal: ctrlC.stop.signal,
        // The summary explains the password reset; no need to say it twice.
        onWarning: (w) => (w === RESET_NOTE ? undefined : warn(w)),
        onStatus: (part, status, parts) => {
          const text = `${status.status}:${status.importedUsers}:${status.failedUsers}`;
          if (last.get(part.index) === text || ctx.settings.quiet) return;
          last.set(part.index, text);
          progress.line(jobStatusLine(part, status, parts));
        },
      });
      rows.finish(result.failuresFile);
      return reportJobs(ctx, result, performance.now() - started);
    } catch (err) {
      if (ctrlC.interrupted && !(err instanceof ImportError)) {
        ctx.out.note('interrupted: run the same command again to continue');
        throw new SilentExit(ExitCode.interrupted);
      }
      throw err;
    } finally {
      ctrlC.remove();
      progress.stop();
    }
  }

  // The engine's own client: the engine retries, so the SDK must not.
  const client = await ctx.bulkIdp();
  const ctrlC = new CtrlC((l) => progress.line(l), 3);
  let result: UserImportResult;
  try {
    result = await importUsers({
      ...common,
      api: new SdkImportApi(client, poolId),
      onExists: flags.onExists,
      invite: plan.invite,
      concurrency: flags.concurrency,
      rate: plan.rate,
      createGroups: flags.createGroups,
      fresh: flags.fresh,
      signal: ctrlC.stop.signal,
      forceSignal: ctrlC.force.signal,
      onWarning: warn,
      onValidated: (report) => progress.start(report.rows),
      onRow: (event: RowEvent) => {
        progress.row(event);
        if (event.outcome === 'failed') rows.add(event.line, event.code, event.message, 'failed');
      },
    });
    rows.finish(result.summary.failuresFile);
  } finally {
    ctrlC.remove();
    progress.stop();
  }
  reportImport(ctx, result);
}

function jobStatusLine(part: JobPart, status: JobStatus, parts: number): string {
  const counts = status.importedUsers || status.failedUsers || status.skippedUsers
    ? `, ${status.importedUsers} imported, ${status.skippedUsers} skipped, ${status.failedUsers} failed`
    : '';
  return `job ${part.index}/${parts} (${status.jobId}, ${part.rows} users): ${status.status}${counts}`;
}

function table(pairs: Array<[string, string]>): Column<unknown>[] {
  return pairs.map(([header, value]) => ({ header, get: () => value }));
}

function reportImport(ctx: Context, result: UserImportResult): void {
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
    unfinished: s.unfinished,
    elapsedMs: Math.round(s.elapsedMs),
    usersPerSecond: Math.round(s.usersPerSecond * 10) / 10,
    interrupted: s.interrupted,
    throttled: s.throttled,
    retried: s.retried,
    failuresFile: s.failuresFile ?? null,
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

/** Exit codes of SPEC §1 after the summary: 130 interrupted, 3 some rows invalid or failed. */
function finish(ctx: Context, s: Pick<ImportSummary, 'interrupted' | 'invalid' | 'failed' | 'rows' | 'failuresFile'>, verb: string): void {
  if (s.interrupted) {
    ctx.out.note('interrupted: run the same command again to continue where it stopped');
    throw new SilentExit(ExitCode.interrupted);
  }
  const bad = s.invalid + s.failed;
  if (bad > 0) {
    const parts = [s.invalid ? `${s.invalid} invalid` : '', s.failed ? `${s.failed} failed` : ''].filter(Boolean).join(', ');
    throw new PartialFailure(`${bad} of ${s.rows} ${s.rows === 1 ? 'row was' : 'rows were'} not ${verb} (${parts})`, {
      hint: s.failuresFile
        ? `fix them in ${s.failuresFile} and import that file as it is: cognito-admin user import ${shellWord(s.failuresFile)}`
        : undefined,
    });
  }
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

async function reportDryRun(ctx: Context, result: UserImportResult, api: SdkImportApi, flags: ImportFlags): Promise<void> {
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

/** A failures file the user may be editing is never replaced: say which name was written instead. */
function noteKeptFailuresFile(ctx: Context, result: { failuresFileKept?: string; summary: { failuresFile?: string } }): void {
  if (result.failuresFileKept && result.summary.failuresFile) {
    ctx.out.note(`${result.failuresFileKept} exists and was left as it is: this run's failures are in ${result.summary.failuresFile}`);
  }
}

function reportJobs(ctx: Context, result: JobImportResult, elapsedMs: number): void {
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

/**
 * --dry-run --mode job: the conversion to Cognito's job format, done for real into a scratch
 * folder (so rows the format cannot carry are found), with no job created.
 */
async function jobDryRun(
  ctx: Context,
  options: { input: string | Readable; pool: PoolFacts; map: Record<string, string>; failuresFile: string; onWarning: (w: string) => void; signal: AbortSignal },
  idp: CognitoIdentityProviderClient,
  flags: ImportFlags,
): Promise<void> {
  const started = performance.now();
  const converter = new JobRowConverter(await new SdkImportJobApi(idp, options.pool.poolId).getCsvHeader(), options.pool);
  const source = await openCsv(options.input);
  const plan = planHeader(source.header, options.pool, { map: options.map });
  for (const w of plan.warnings) options.onWarning(w);
  const failures = new FailureReport(options.failuresFile, source.header);
  const validator = new RowValidator(plan, options.pool);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-admin-job-dry-run-'));
  let prepared: Awaited<ReturnType<typeof prepareJobFiles>>;
  try {
    prepared = await prepareJobFiles(abortable(source.batches(), options.signal), {
      validator,
      converter,
      dir: scratch,
      // Rows are not printed one by one here: the engine's conversion reports them to the file only.
      report: failures,
      split: { maxRows: flags.jobMaxUsers, maxBytes: flags.jobMaxBytes },
    });
  } finally {
    failures.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  for (const w of preflightWarnings(options.pool, { users: prepared.valid, invite: [], withPassword: validator.stats.withPassword, mode: 'job' })) {
    options.onWarning(w);
  }
  const failuresFile = failures.written ? failures.file : undefined;
  const elapsedMs = performance.now() - started;
  const data = {
    mode: 'job',
    dryRun: true,
    rows: prepared.rows,
    valid: prepared.valid,
    invalid: prepared.invalid,
    jobs: prepared.parts.length,
    notCarried: prepared.dropped,
    elapsedMs: Math.round(elapsedMs),
    interrupted: options.signal.aborted,
    failuresFile: failuresFile ?? null,
  };
  const d = prepared.dropped;
  const pairs: Array<[string, string]> = [
    ['rows', String(prepared.rows)],
    ['valid', String(prepared.valid)],
    ['invalid', String(prepared.invalid)],
    ['jobs', String(prepared.parts.length)],
  ];
  if (d.groups || d.passwords || d.disabled) {
    pairs.push(['not carried by jobs', `groups of ${d.groups} users, ${d.passwords} passwords, ${d.disabled} disabled flags`]);
  }
  pairs.push(['elapsed', formatElapsed(elapsedMs)]);
  if (failuresFile) pairs.push(['failures file', failuresFile]);
  pairs.push(['dry run', 'nothing was changed, no job created']);
  ctx.out.record(data, table(pairs));
  finish(ctx, { interrupted: options.signal.aborted, invalid: prepared.invalid, failed: 0, rows: prepared.rows, failuresFile }, 'valid');
}

async function* abortable<T>(source: AsyncGenerator<T>, signal: AbortSignal): AsyncGenerator<T> {
  for await (const item of source) {
    if (signal.aborted) return;
    yield item;
  }
}
