// pool diff: what `pool apply` would change, object by object and field by field.
import type { Context } from '../../context.js';
import { ExitCode, SilentExit } from '../../errors.js';
import { readPool } from '../../pool-config/read-pool.js';
import { planApply } from '../../pool-config/plan.js';
import { planLines, planRecord } from '../../pool-config/render.js';
import { readConfigFile } from './config-file.js';

export interface DiffOptions {
  exitCode?: boolean;
}

export async function diffConfig(ctx: Context, file: string, options: DiffOptions): Promise<void> {
  const desired = readConfigFile(file);
  const poolId = await ctx.poolId();
  const current = await readPool(await ctx.idp(), poolId);
  const plan = planApply(current.config, desired, poolId);
  const differs = plan.steps.length + plan.extra.length + plan.immutable.length + plan.skipped.length > 0;
  if (ctx.out.structured) {
    ctx.out.record({ poolId, differs, ...planRecord(plan, { prune: false }) });
  } else if (differs) {
    for (const line of planLines(plan, { prune: false })) ctx.out.text(line);
  } else {
    ctx.out.note(`pool ${poolId} matches ${file}`);
  }
  // As `git diff --exit-code`: 1 when there are differences.
  if (options.exitCode && differs) throw new SilentExit(ExitCode.failed);
}
