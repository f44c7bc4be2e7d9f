// doctor: prints the settings with their sources, then the checks; exit 1 when any check failed.
import type { Context } from '../../context.js';
import { SilentExit, ExitCode } from '../../errors.js';
import { runChecks, settingRows, type Verdict } from './checks.js';

const MARK: Record<Verdict, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

export async function doctor(ctx: Context): Promise<void> {
  const settings = settingRows(ctx);
  const checks = await runChecks(ctx);
  const failed = checks.some((c) => c.verdict === 'fail');
  if (ctx.out.structured) {
    ctx.out.record({ settings, checks, ok: !failed });
  } else {
    await ctx.out.list(settings, [
      { header: 'SETTING', get: (r) => r.setting },
      { header: 'VALUE', get: (r) => r.value },
      { header: 'SOURCE', get: (r) => r.source },
    ]);
    const style = ctx.out.style;
    const paint = { ok: style.green, warn: style.yellow, fail: style.red, skip: style.dim } as const;
    for (const c of checks) {
      ctx.out.text(`${paint[c.verdict](MARK[c.verdict])} ${c.check}: ${c.detail}`);
      if (c.hint) ctx.out.text(`    hint: ${c.hint}`);
    }
  }
  if (failed) throw new SilentExit(ExitCode.failed);
}
