// `user import --dry-run --mode job`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { FailureReport } from '../../bulk/failures.js';
import { openCsv } from '../../import/csv-source.js';
import { planHeader } from '../../import/header.js';
import { prepareJobFiles } from '../../import/job/driver.js';
import { JobRowConverter } from '../../import/job/template.js';
import type { PoolFacts } from '../../import/pool-facts.js';
import { formatElapsed } from '../../bulk/summary.js';
import { SdkImportJobApi } from '../../import/sdk-api.js';
import { preflightWarnings, RowValidator } from '../../import/validate.js';
import { noteKeptFailuresFile, table } from './bulk-report.js';
import { finish } from './import-report.js';
import type { ImportFlags } from './import-flags.js';

/**
 * --dry-run --mode job: the conversion to Cognito's job format, done for real into a scratch
 * folder (so rows the format cannot carry are found), with no job created.
 */
export async function jobDryRun(
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
  noteKeptFailuresFile(ctx, { failuresFileKept: failures.replacedName, summary: { failuresFile } });
  finish(ctx, { interrupted: options.signal.aborted, invalid: prepared.invalid, failed: 0, rows: prepared.rows, failuresFile }, 'valid');
}

async function* abortable<T>(source: AsyncGenerator<T>, signal: AbortSignal): AsyncGenerator<T> {
  for await (const item of source) {
    if (signal.aborted) return;
    yield item;
  }
}
