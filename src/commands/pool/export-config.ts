// pool export-config: the pool's whole configuration as one JSON document.
import { writeFileSync } from 'node:fs';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { readPool } from '../../pool-config/read-pool.js';
import { serialize } from '../../pool-config/document.js';

export interface ExportConfigOptions {
  out?: string;
  force?: boolean;
}

export async function exportConfig(ctx: Context, id: string | undefined, options: ExportConfigOptions): Promise<void> {
  if (id) ctx.usePool(id);
  const poolId = await ctx.poolId();
  const { config } = await readPool(await ctx.idp(), poolId);
  const text = serialize(config);
  if (!options.out) {
    ctx.out.text(text);
    return;
  }
  try {
    // 'wx' creates the file or fails: a file the user may have edited is never overwritten unasked.
    writeFileSync(options.out, text, { flag: options.force ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${options.out} exists; not overwriting it`, {
        hint: `compare first with \`cognito-admin pool diff ${options.out} --pool ${poolId}\`, or pass --force to replace it`,
      });
    }
    throw new UsageError(`cannot write ${options.out}: ${(err as Error).message}`);
  }
  const count = (o: object) => Object.keys(o).length;
  ctx.out.note(
    `wrote ${options.out}: ${count(config.clients)} clients, ${count(config.groups)} groups, ${count(config.resourceServers)} resource servers, ` +
      `${count(config.identityProviders)} identity providers${Object.keys(config.domains).map((d) => `, domain ${d}`).join('')}`,
  );
}
