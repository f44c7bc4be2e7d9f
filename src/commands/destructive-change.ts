// One gate for a change that removes something: --dry-run says what would be done and stops,
// otherwise the change is confirmed (a prompt on a terminal, --yes without one).
import type { Context } from '../context.js';

/** True when the change may go ahead; false after a dry run was reported. */
export async function mayChange(ctx: Context, input: { dryRun?: boolean; action: string; data: object }): Promise<boolean> {
  if (input.dryRun) {
    ctx.out.done(`dry run: would ${input.action}; nothing was changed`, { dryRun: true, ...input.data });
    return false;
  }
  await ctx.confirmDestructive(input.action);
  return true;
}
