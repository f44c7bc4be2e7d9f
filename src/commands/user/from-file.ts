// `user delete|disable|enable|sign-out|confirm|reset-password|invite --from-file <file|->`: the verb
// once per user of the input, on the bulk engine. The input is read once to count it (the dry run
// stops there; destructive verbs confirm the count), then again by the engine. The journal is keyed
// by the input's bytes, the pool and the verb, so a re-run after kill -9 or Ctrl-C does each user
// exactly once.
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../../context.js';
import { stateDir } from '../../config/paths.js';
import { CliError, UsageError } from '../../errors.js';
import { runBulk } from '../../bulk/engine.js';
import { ImportError } from '../../bulk/errors.js';
import { FailureReport } from '../../bulk/failures.js';
import { Journal, sha256File, spoolToFile } from '../../bulk/journal.js';
import { parseRate, RateBudget } from '../../bulk/rate-budget.js';
import { openUsernames, type UsernameInput, type UsernameItem } from '../../bulk/usernames.js';
import { BulkProgress } from '../../io/bulk-progress.js';
import { CtrlC } from '../../io/ctrl-c.js';
import { summaryFields, summaryRows } from '../../bulk/summary.js';
import { USERNAME_PATTERN } from '../../import/validate.js';
import { defaultFailuresFile, finish, noteKeptFailuresFile, RowLines, sameFile, shellWord, table } from './bulk-report.js';
import { DESTRUCTIVE, DONE_WORD, userOperation, type BulkVerb } from './bulk-operations.js';

export interface FromFileFlags {
  fromFile: string;
  dryRun?: boolean;
  concurrency?: number;
  rate?: string;
  failures?: string;
  fresh?: boolean;
  /** invite: email, sms (default: the pool's own). */
  invite?: string[];
}

/** Users shown by a dry run. */
const FIRST_ROWS = 5;

export async function fromFileCommand(ctx: Context, verb: BulkVerb, username: string | undefined, flags: FromFileFlags): Promise<void> {
  try {
    await runFromFile(ctx, verb, username, flags);
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(err.message, err.exitCode, { code: err.code, hint: err.hint, cause: err });
    throw err;
  }
}

interface Counted {
  users: number;
  invalid: number;
  first: string[];
}

async function count(input: UsernameInput): Promise<Counted> {
  const counted: Counted = { users: 0, invalid: 0, first: [] };
  for await (const batch of input.items()) {
    for (const item of batch) {
      if (problemOf(item)) counted.invalid++;
      else {
        counted.users++;
        if (counted.first.length < FIRST_ROWS) counted.first.push(item.username);
      }
    }
  }
  return counted;
}

function problemOf(item: UsernameItem): string | undefined {
  if (item.problem) return item.problem;
  if (!USERNAME_PATTERN.test(item.username) || item.username.length > 128) return `not a valid username: ${JSON.stringify(item.username)}`;
  return undefined;
}

async function runFromFile(ctx: Context, verb: BulkVerb, username: string | undefined, flags: FromFileFlags): Promise<void> {
  if (username !== undefined) {
    throw new UsageError(`user ${verb}: give a username or --from-file, not both`);
  }
  const source = flags.fromFile;
  const rate = flags.rate !== undefined ? parseRate(flags.rate) : undefined;
  const label = source === '-' ? 'stdin' : source;
  const failuresRequested = flags.failures ?? defaultFailuresFile(source);
  if (source !== '-' && sameFile(failuresRequested, source)) {
    throw new UsageError(`--failures ${failuresRequested} is the input file`, { hint: 'write the failures somewhere else with --failures <file>' });
  }
  if (source === '-' && ctx.streams.stdin.isTTY) {
    throw new UsageError(`\`user ${verb} --from-file -\` reads usernames from stdin, but stdin is a terminal`, {
      hint: `pipe them in (cognito-admin user list … -o ndjson | cognito-admin user ${verb} --from-file -) or give a file`,
    });
  }

  const state = path.join(stateDir(ctx.env), 'bulk');
  // stdin is kept in a private file: counted, journaled by its bytes, and read again by the engine.
  const spooled = source === '-' ? await spoolToFile(ctx.streams.stdin, path.join(state, 'spool')) : undefined;
  try {
    const file = spooled?.path ?? source;
    const input = await openUsernames(file, label);
    const counted = await count(input);
    const poolId = await ctx.poolId();
    if (flags.dryRun) return dryRun(ctx, verb, counted, input, label);
    // An empty input runs as nothing to do (exit 0): a nightly clean-up whose `user list` finds
    // nobody must pass. Only lines that are all invalid are an error.
    if (counted.users === 0 && counted.invalid > 0) throw new UsageError(`no usernames in ${label}`, { hint: 'one username per line, or the output of user list -o ndjson|json|csv' });
    if (DESTRUCTIVE.has(verb) && counted.users > 0) {
      await ctx.confirmDestructive(`${verb} ${counted.users} ${counted.users === 1 ? 'user' : 'users'} of pool ${poolId}`);
    }
    const sha = spooled?.sha256 ?? (await sha256File(file));
    const endpoint = ctx.settings.endpoint?.value ?? ctx.region()?.value ?? '';
    await execute(ctx, verb, flags, { file, input, counted, poolId, endpoint, sha, state, rate, failuresRequested, label });
  } finally {
    if (spooled) fs.rmSync(spooled.path, { force: true });
  }
}

function dryRun(ctx: Context, verb: BulkVerb, counted: Counted, input: UsernameInput, label: string): void {
  const data = { verb, dryRun: true, input: label, format: input.format, users: counted.users, invalid: counted.invalid, first: counted.first };
  ctx.out.record(data, table([
    ['verb', verb],
    ['users', String(counted.users)],
    ['invalid', String(counted.invalid)],
    ['format', input.format],
    ['first', counted.first.join(', ')],
    ['dry run', 'nothing was sent'],
  ]));
  if (counted.invalid > 0) finish(ctx, { interrupted: false, invalid: counted.invalid, failed: 0, rows: counted.users + counted.invalid }, 'valid', rerunHint(verb));
}

function rerunHint(verb: BulkVerb): (file: string) => string {
  return (file) => `run it again as it is: cognito-admin user ${verb} --from-file ${file}`;
}

interface Plan {
  file: string;
  input: UsernameInput;
  counted: Counted;
  poolId: string;
  endpoint: string;
  sha: string;
  state: string;
  rate?: number;
  failuresRequested: string;
  label: string;
}

async function execute(ctx: Context, verb: BulkVerb, flags: FromFileFlags, plan: Plan): Promise<void> {
  const progress = new BulkProgress(ctx.streams.stderr, { tty: Boolean(ctx.streams.stderr.isTTY), quiet: ctx.settings.quiet, label: `user ${verb}` });
  const rows = new RowLines(progress, ctx.settings.quiet);
  const journal = Journal.open(
    plan.state,
    { fileSha256: plan.sha, poolId: plan.poolId, endpoint: plan.endpoint, operation: `user ${verb}` },
    { fresh: flags.fresh, source: plan.label },
  );
  const report = new FailureReport(plan.failuresRequested, plan.input.header);
  const ctrlC = new CtrlC((l) => progress.line(l), 3);
  const invite = flags.invite?.map((m) => (m === 'sms' ? 'SMS' : 'EMAIL') as 'SMS' | 'EMAIL');
  try {
    const { history } = journal;
    if (history.runs > 0 && (history.finished > 0 || history.inflight > 0)) {
      progress.line(
        `resuming: an earlier run of user ${verb} on this input finished ${history.finished} ${history.finished === 1 ? 'user' : 'users'}` +
          (history.inflight ? ` and left ${history.inflight} in flight` : '') +
          ' (start over with --fresh)',
      );
    }
    progress.start(plan.counted.users + plan.counted.invalid);
    const apply = userOperation(await ctx.bulkIdp(), plan.poolId, verb, { invite });
    const summary = await runBulk<UsernameItem, string>({
      items: plan.input.items(),
      check: (item) => {
        const problem = problemOf(item);
        return problem ? { ok: false, code: 'InvalidUsername', message: problem, username: item.username || undefined } : { ok: true, value: item.username, username: item.username };
      },
      apply: (name, op) => apply(name, op),
      budget: new RateBudget({ rate: plan.rate }),
      journal,
      report,
      concurrency: flags.concurrency,
      signal: ctrlC.stop.signal,
      forceSignal: ctrlC.force.signal,
      onItem: (event) => {
        progress.row(event);
        if (event.outcome === 'failed' || event.outcome === 'invalid') {
          rows.add(event.line, event.code, `${event.username ? `${event.username}: ` : ''}${event.message ?? ''}`, event.outcome);
        }
      },
    });
    report.close();
    progress.stop();
    rows.finish(summary.failuresFile);
    const done = summary.outcomes.done ?? 0;
    const skipped = summary.outcomes.skipped ?? 0;
    const data = {
      verb,
      done,
      skipped,
      failed: summary.failed,
      invalid: summary.invalid,
      resumed: summary.resumed,
      users: summary.items,
      ...summaryFields(summary),
    };
    const pairs = summaryRows(
      [
        [DONE_WORD[verb], done],
        ['skipped', skipped],
        ['failed', summary.failed],
        ['invalid', summary.invalid],
        ['resumed', summary.resumed],
      ],
      summary,
    );
    ctx.out.record(data, table(pairs));
    noteKeptFailuresFile(ctx, { failuresFileKept: report.replacedName, summary });
    finish(ctx, { ...summary, rows: summary.items }, DONE_WORD[verb], rerunHint(verb));
    if (!summary.interrupted && !ctx.settings.quiet) ctx.out.note(`${DONE_WORD[verb]} ${done + summary.resumed} of ${plan.counted.users} users (${shellWord(plan.label)})`);
  } finally {
    ctrlC.remove();
    progress.stop();
    report.close();
    journal.close();
  }
}
