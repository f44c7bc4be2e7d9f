// user import: the command around the import (src/import on the bulk engine). Flags are planned in
// import-flags.ts, the summaries rendered in import-report.ts; here the pool is described, the
// engine's client taken from the Context (SDK retries off: the engine must see every throttle and
// every lost response), progress shown and Ctrl-C handled. The engine's errors become CliErrors in
// toCliError() and nowhere else.
import { DescribeUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import path from 'node:path';
import type { Context } from '../../context.js';
import { CliError, ExitCode, SilentExit } from '../../errors.js';
import { stateDir } from '../../config/paths.js';
import { CsvFormatError, ImportError } from '../../bulk/errors.js';
import type { RowEvent } from '../../import/executor.js';
import { poolFactsFromDescribe, type DescribedUserPool, type PoolFacts } from '../../import/pool-facts.js';
import { importUsers, importUsersWithJobs, type UserImportResult } from '../../import/run.js';
import { SdkImportApi, SdkImportJobApi } from '../../import/sdk-api.js';
import { BulkProgress } from '../../io/bulk-progress.js';
import { CtrlC } from '../../io/ctrl-c.js';
import { RowLines } from './bulk-report.js';
import { planFlags, type ImportFlags } from './import-flags.js';
import { jobDryRun } from './import-job-dry-run.js';
import { jobStatusLine, reportDryRun, reportImport, reportJobs, RESET_NOTE } from './import-report.js';

export type { ImportFlags } from './import-flags.js';

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

async function describePool(idp: CognitoIdentityProviderClient, poolId: string): Promise<PoolFacts> {
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  if (!UserPool) throw new CliError(`DescribeUserPool returned no pool for ${poolId}`);
  return poolFactsFromDescribe({ ...(UserPool as DescribedUserPool), Id: UserPool.Id ?? poolId });
}

async function runImport(ctx: Context, file: string, flags: ImportFlags): Promise<void> {
  const plan = planFlags(ctx, file, flags);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const pool = await describePool(idp, poolId);
  const endpoint = ctx.settings.endpoint?.value ?? ctx.region()?.value ?? '';

  const progress = new BulkProgress(ctx.streams.stderr, { tty: Boolean(ctx.streams.stderr.isTTY), quiet: ctx.settings.quiet });
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

