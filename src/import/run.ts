// The whole of `user import` in one call, for the command to wrap: fingerprint (or spool stdin),
// header check, a full validation pass (nothing is sent before the whole file is known good
// enough: SPEC "validation first"), pre-flight warnings, groups, the journal, then the import
// itself streaming the file a second time. `--mode job` has its own entry point below.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '../bulk/clock.js';
import { openCsv, type CsvRow, type CsvSource } from './csv-source.js';
import { ensureGroups, runImport, type ImportApi, type OnExists, type RowEvent } from './executor.js';
import { planHeader, type HeaderPlan } from './header.js';
import { Journal, spoolToFile } from '../bulk/journal.js';
import type { PoolFacts } from './pool-facts.js';
import { RateBudget } from '../bulk/rate-budget.js';
import { FailureReport } from '../bulk/failures.js';
import { emptyCounts, type ImportSummary } from './report.js';
import type { RetryPolicy } from '../bulk/retry.js';
import { preflightWarnings, RowValidator, validateSource, type InviteChannel, type RowCheck, type ValidationReport } from './validate.js';
import { prepareJobFiles, runImportJobs, type ImportJobApi, type JobRunResult, type JobStatus } from './job/driver.js';
import type { JobPart } from './job/split.js';
import { JobRowConverter } from './job/template.js';

export interface ImportInput {
  /** A file path, or a stream (stdin for `-`), which is copied to a private spool file first. */
  input: string | Readable;
  pool: PoolFacts;
  /** Region, or the endpoint URL for an emulator: part of the journal key. */
  endpoint: string;
  /** `$XDG_STATE_HOME/cognito-admin/imports/` */
  stateDir: string;
  /** --map col=attribute (parseMappings). */
  map?: Record<string, string>;
  /** Where to write the failures CSV (created only if a row is invalid or fails). */
  failuresFile?: string;
  signal?: AbortSignal;
  clock?: Clock;
  onWarning?: (message: string) => void;
  /** The validation pass is done (its counts are the progress total of the import pass). */
  onValidated?: (report: ValidationReport, plan: HeaderPlan) => void;
  /** Every invalid row, during validation. */
  onInvalid?: (row: CsvRow, result: Extract<RowCheck, { ok: false }>) => void;
}

export interface UserImportOptions extends ImportInput {
  /** Not needed for a dry run. */
  api?: ImportApi;
  dryRun?: boolean;
  onExists?: OnExists;
  invite?: readonly InviteChannel[];
  concurrency?: number;
  /** --rate (parseRate): Infinity for no cap; default: the account quotas per category. */
  rate?: number;
  createGroups?: boolean;
  /** Ignore what an earlier run of the same import recorded. */
  fresh?: boolean;
  retry?: Partial<RetryPolicy>;
  forceSignal?: AbortSignal;
  drainTimeoutMs?: number;
  onRow?: (event: RowEvent) => void;
}

export interface UserImportResult {
  summary: ImportSummary;
  validation: ValidationReport;
  warnings: string[];
  /** Groups created because of createGroups. */
  createdGroups: string[];
  /** Groups that do not exist (without createGroups): the rows naming them failed. */
  missingGroups: string[];
  /** The failures file asked for, when it was there already and another name was used. */
  failuresFileKept?: string;
  /** The journal file (not for a dry run). */
  journal?: string;
  dryRun: boolean;
}

interface Materialised {
  file: string;
  /** Set when the input was hashed while spooling; else computed during validation. */
  sha256?: string;
  cleanup: () => void;
}

async function materialise(input: string | Readable, stateDir: string): Promise<Materialised> {
  if (typeof input === 'string') return { file: input, cleanup: () => undefined };
  const spooled = await spoolToFile(input, path.join(stateDir, 'spool'));
  return { file: spooled.path, sha256: spooled.sha256, cleanup: () => fs.rmSync(spooled.path, { force: true }) };
}

/** The header checked against the pool, then every row validated; invalid rows go to the failures file. */
async function validateRows(
  source: CsvSource,
  options: ImportInput,
  warn: (message: string) => void,
  failures: FailureReport | undefined,
) {
  const plan = planHeader(source.header, options.pool, { map: options.map });
  for (const w of plan.warnings) warn(w);
  const validator = new RowValidator(plan, options.pool);
  const report = await validateSource(source, validator, {
    signal: options.signal,
    onInvalid: (row, result) => {
      failures?.add(row.cells, result.code, result.message);
      options.onInvalid?.(row, result);
    },
  });
  return { plan, report };
}

/** Header check and a full validation pass; hashes the file on the way. */
async function validationPass(options: ImportInput, file: string, failures?: FailureReport) {
  const hash = createHash('sha256');
  const source = await openCsv(file, { onChunk: (chunk) => hash.update(chunk) });
  const { plan, report } = await validateRows(source, options, (w) => options.onWarning?.(w), failures);
  if (!report.interrupted) options.onValidated?.(report, plan);
  return { plan, report, sha256: hash.digest('hex'), header: source.header };
}

/** The summary of a run that validated and sent nothing (a dry run, or Ctrl-C during validation). */
function nothingSentSummary(validation: ValidationReport, elapsedMs: number, failuresFile?: string): ImportSummary {
  return {
    ...emptyCounts(),
    rows: validation.rows,
    invalid: validation.invalid,
    unfinished: 0,
    elapsedMs,
    usersPerSecond: 0,
    interrupted: validation.interrupted,
    throttled: 0,
    retried: 0,
    failuresFile,
  };
}

export async function importUsers(options: UserImportOptions): Promise<UserImportResult> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const started = options.clock?.now() ?? performance.now();
  const invite = options.invite ?? [];

  if (options.dryRun) {
    // A dry run reads the input once, straight (stdin included): nothing to resume.
    const source = await openCsv(options.input);
    const failures = options.failuresFile ? new FailureReport(options.failuresFile, source.header) : undefined;
    try {
      const { plan, report: validation } = await validateRows(source, options, warn, failures);
      options.onValidated?.(validation, plan);
      for (const w of preflightWarnings(options.pool, { users: validation.valid, invite, withPassword: validation.withPassword, mfaEnabled: validation.mfaEnabled })) warn(w);
      const elapsedMs = (options.clock?.now() ?? performance.now()) - started;
      return {
        summary: nothingSentSummary(validation, elapsedMs, failures?.written ? failures.file : undefined),
        validation,
        warnings,
        createdGroups: [],
        missingGroups: [],
        failuresFileKept: failures?.replacedName,
        dryRun: true,
      };
    } finally {
      failures?.close();
    }
  }

  if (!options.api) throw new TypeError('importUsers: api is required unless dryRun');
  const api = options.api;
  const input = await materialise(options.input, options.stateDir);
  let journal: Journal | undefined;
  let failures: FailureReport | undefined;
  try {
    const { report: validation, sha256 } = await validationPass(options, input.file);
    if (validation.interrupted) {
      // Ctrl-C before anything was sent: nothing to record.
      return {
        summary: nothingSentSummary(validation, (options.clock?.now() ?? performance.now()) - started),
        validation,
        warnings,
        createdGroups: [],
        missingGroups: [],
        dryRun: false,
      };
    }
    for (const w of preflightWarnings(options.pool, { users: validation.valid, invite, withPassword: validation.withPassword, mfaEnabled: validation.mfaEnabled })) warn(w);

    const budget = new RateBudget({ rate: options.rate, clock: options.clock });
    const { created: createdGroups, missing: missingGroups } = await ensureGroups(validation.groups, {
      api,
      budget,
      create: options.createGroups,
      clock: options.clock,
      signal: options.signal,
      retry: options.retry,
    });

    journal = Journal.open(
      options.stateDir,
      { fileSha256: input.sha256 ?? sha256, poolId: options.pool.poolId, endpoint: options.endpoint },
      { fresh: options.fresh, source: typeof options.input === 'string' ? path.basename(options.input) : 'stdin' },
    );
    if (journal.history.runs > 0 && (journal.history.finished > 0 || journal.history.inflight > 0)) {
      warn(
        `resuming: an earlier run of this import finished ${journal.history.finished} ${journal.history.finished === 1 ? 'row' : 'rows'}` +
          (journal.history.inflight ? ` and left ${journal.history.inflight} in flight` : '') +
          ' (start over with --fresh)',
      );
    }
    const source = await openCsv(input.file);
    failures = options.failuresFile ? new FailureReport(options.failuresFile, source.header) : undefined;
    const summary = await runImport(source.batches(), {
      api,
      validator: new RowValidator(planHeader(source.header, options.pool, { map: options.map }), options.pool, {
        expectedRows: validation.rows,
      }),
      budget,
      journal,
      report: failures,
      missingGroups: new Set(missingGroups),
      concurrency: options.concurrency,
      onExists: options.onExists,
      invite,
      retry: options.retry,
      clock: options.clock,
      signal: options.signal,
      forceSignal: options.forceSignal,
      drainTimeoutMs: options.drainTimeoutMs,
      onRow: options.onRow,
    });
    return {
      summary,
      validation,
      warnings,
      createdGroups,
      missingGroups,
      failuresFileKept: failures?.replacedName,
      journal: journal.path,
      dryRun: false,
    };
  } finally {
    failures?.close();
    journal?.close();
    input.cleanup();
  }
}

export interface JobImportOptions extends ImportInput {
  jobApi: ImportJobApi;
  /** --cloudwatch-role-arn */
  roleArn: string;
  pollIntervalMs?: number;
  onStatus?: (part: JobPart, status: JobStatus, parts: number) => void;
  /** Limits per job file (defaults: Cognito's 500,000 rows / 100 MB). */
  split?: { maxRows?: number; maxBytes?: number };
  fresh?: boolean;
}

export interface JobImportResult {
  validation: { rows: number; valid: number; invalid: number };
  parts: JobPart[];
  jobs: JobRunResult;
  warnings: string[];
  failuresFile?: string;
}

/**
 * `user import --mode job`: validation and conversion to Cognito's import format (split into
 * parts), then one server-side import job per part. The journal records each part's job, so a
 * re-run after Ctrl-C follows the running job instead of importing again.
 */
export async function importUsersWithJobs(options: JobImportOptions): Promise<JobImportResult> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const input = await materialise(options.input, options.stateDir);
  let journal: Journal | undefined;
  let failures: FailureReport | undefined;
  let partsDir: string | undefined;
  try {
    const converter = new JobRowConverter(await options.jobApi.getCsvHeader(), options.pool);
    const hash = createHash('sha256');
    const source = await openCsv(input.file, { onChunk: (c) => hash.update(c) });
    const plan = planHeader(source.header, options.pool, { map: options.map });
    for (const w of plan.warnings) warn(w);
    failures = options.failuresFile ? new FailureReport(options.failuresFile, source.header) : undefined;
    const validator = new RowValidator(plan, options.pool);
    const sha = input.sha256;
    const key = { fileSha256: '', poolId: options.pool.poolId, endpoint: `${options.endpoint}#job` };
    partsDir = path.join(options.stateDir, 'jobs', `parts-${process.pid}-${Date.now()}`);
    const prepared = await prepareJobFiles(source.batches(), { validator, converter, dir: partsDir, report: failures, split: options.split });
    key.fileSha256 = sha ?? hash.digest('hex');
    const parts = prepared.parts;

    for (const w of preflightWarnings(options.pool, { users: prepared.valid, invite: [], withPassword: validator.stats.withPassword, mode: 'job' })) warn(w);
    if (prepared.dropped.groups) warn(`import jobs do not set group membership: ${prepared.dropped.groups} users' groups are not applied`);
    if (prepared.dropped.passwords) warn(`import jobs do not take passwords: ${prepared.dropped.passwords} passwords in the file are ignored`);
    if (prepared.dropped.disabled) warn(`import jobs create every user enabled: ${prepared.dropped.disabled} users marked disabled are imported enabled`);
    if (parts.length > 1) warn(`the file is split into ${parts.length} import jobs (a job takes at most 500,000 users / 100 MB)`);

    journal = Journal.open(options.stateDir, key, { fresh: options.fresh, source: typeof options.input === 'string' ? path.basename(options.input) : 'stdin' });
    const j = journal;
    const jobs =
      parts.length === 0
        ? { jobs: [], imported: 0, skipped: 0, failed: 0, succeeded: true, interrupted: false }
        : await runImportJobs({
            api: options.jobApi,
            roleArn: options.roleArn,
            parts,
            clock: options.clock,
            pollIntervalMs: options.pollIntervalMs,
            signal: options.signal,
            previous: (part) => j.jobPartState(part.index),
            onStatus: (part, status) => {
              const last = j.jobPartState(part.index);
              if (!last || last.jobId !== status.jobId || last.status !== status.status) j.jobPart(part.index, status.jobId, status.status);
              options.onStatus?.(part, status, parts.length);
            },
          });
    if (jobs.succeeded) {
      warn('users imported by a job are in RESET_REQUIRED: each must reset the password (forgot-password flow) before signing in');
    }
    return {
      validation: { rows: prepared.rows, valid: prepared.valid, invalid: prepared.invalid },
      parts,
      jobs,
      warnings,
      failuresFile: failures?.written ? failures.file : undefined,
    };
  } finally {
    failures?.close();
    journal?.close();
    input.cleanup();
    // The parts are regenerated (identically) by a re-run: the journal is what resumes.
    if (partsDir) fs.rmSync(partsDir, { recursive: true, force: true });
  }
}
