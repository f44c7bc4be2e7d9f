// pool apply: makes a pool match a configuration file. Refuses (exit 2, nothing changed) when the
// file differs in what Cognito cannot change; deletes what the file lacks only with --prune, after
// a confirmation that lists it.
import type { Context } from '../../context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { readPool } from '../../pool-config/read-pool.js';
import { planApply, type Plan, type Step } from '../../pool-config/plan.js';
import { executeSteps, StepFailure, type StepResult } from '../../pool-config/execute.js';
import { planLines, planRecord, stepRecord } from '../../pool-config/render.js';
import { readConfigFile } from './config-file.js';

export interface ApplyOptions {
  dryRun?: boolean;
  prune?: boolean;
}

export async function applyConfig(ctx: Context, file: string, options: ApplyOptions): Promise<void> {
  const desired = readConfigFile(file);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const current = await readPool(idp, poolId);
  const plan = planApply(current.config, desired, poolId);
  const prune = Boolean(options.prune);
  refuseImmutable(plan);

  if (options.dryRun) {
    if (ctx.out.structured) ctx.out.record({ poolId, dryRun: true, ...planRecord(plan, { prune }) });
    else for (const line of planLines(plan, { prune })) ctx.out.text(line);
    if (!plan.steps.length && !(prune && plan.extra.length)) ctx.out.note(`pool ${poolId} already matches ${file}`);
    return;
  }

  for (const r of plan.skipped) ctx.out.warn(`${r.object} ${r.name}: ${r.reason} (${r.hint})`);
  if (prune && plan.extra.length) {
    const listed = plan.extra.map((s) => `${s.object} ${s.name}`).join(', ');
    await ctx.confirmDestructive(`delete ${plan.extra.length} object${plan.extra.length === 1 ? '' : 's'} absent from ${file}: ${listed}`);
  } else if (plan.extra.length) {
    ctx.out.note(`${plan.extra.length} object(s) not in ${file} are kept (--prune deletes them): ${plan.extra.map((s) => `${s.object} ${s.name}`).join(', ')}`);
  }

  const steps = [...plan.steps, ...(prune ? plan.extra : [])];
  const done = await runSteps(ctx, poolId, steps, current.clientIds, (result) =>
    ctx.out.note(`${ctx.out.style.green('✓')} ${result.step.action} ${result.step.object} ${result.step.name}`),
  );
  ctx.out.done(done.length ? `applied ${done.length} change(s) to pool ${poolId}` : `pool ${poolId} already matches ${file}`, {
    poolId,
    applied: done.map((d) => stepRecord(d.step)),
    notInFile: prune ? [] : plan.extra.map((s) => ({ object: s.object, name: s.name })),
    skipped: planRecord(plan, { prune }).skipped,
  });
}

/** Exit 2 before anything changes, listing every difference Cognito cannot make. */
export function refuseImmutable(plan: Plan): void {
  if (!plan.immutable.length) return;
  const [first, ...rest] = plan.immutable;
  throw new UsageError(
    `cannot apply: ${plan.immutable.map((r) => `${r.object} ${r.reason}`).join('; ')}`,
    { hint: rest.every((r) => r.hint === first!.hint) ? first!.hint : plan.immutable.map((r) => r.hint).join('; ') },
  );
}

/** Runs the steps; a failure part-way says what was done before it and that a re-run continues. */
async function runSteps(
  ctx: Context,
  poolId: string,
  steps: Step[],
  clientIds: Record<string, string>,
  onStep: (result: StepResult) => void,
): Promise<StepResult[]> {
  try {
    return await executeSteps(await ctx.idp(), poolId, steps, clientIds, onStep);
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err;
    const cause = translateAwsError(err.error, ctx.errorContext());
    throw new CliError(
      `${err.failed.action} ${err.failed.object} ${err.failed.name}: ${cause.message} (after ${err.done.length} of ${steps.length} changes)`,
      cause.exitCode === ExitCode.auth ? ExitCode.auth : ExitCode.failed,
      { code: cause.code, hint: cause.hint ?? 'fix the cause and apply again: what is done already is not repeated', cause: err.error },
    );
  }
}
