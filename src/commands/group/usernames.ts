// The users of `group add|remove`: from the arguments and from --from-file (a file or `-` for
// stdin, one username per line, blank lines and `#` comment lines skipped), de-duplicated in
// first-seen order and checked before any change is made.
import { createInterface } from 'node:readline';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { openInputFile } from '../../io/input-file.js';
import { checkUsername } from './rules.js';

export interface UsernameSources {
  users?: string[];
  fromFile?: string;
}

export async function gatherUsernames(ctx: Context, sources: UsernameSources): Promise<string[]> {
  const seen = new Set<string>();
  let duplicates = 0;
  const take = (name: string, where: string) => {
    checkUsername(name, where);
    if (seen.has(name)) duplicates++;
    else seen.add(name);
  };

  for (const user of sources.users ?? []) take(user, 'argument');
  if (sources.fromFile !== undefined) {
    const label = sources.fromFile === '-' ? 'stdin' : sources.fromFile;
    let lineNo = 0;
    for await (const raw of lines(ctx, sources.fromFile)) {
      lineNo++;
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      take(line, `${label} line ${lineNo}`);
    }
  }

  if (seen.size === 0) {
    throw new UsageError(
      sources.fromFile !== undefined ? `no usernames in ${sources.fromFile === '-' ? 'stdin' : sources.fromFile}` : 'no users given',
      { hint: 'pass usernames after the group name, or --from-file <file|-> with one username per line' },
    );
  }
  if (duplicates) ctx.out.note(`ignored ${duplicates} duplicate username${duplicates === 1 ? '' : 's'}`);
  return [...seen];
}

async function* lines(ctx: Context, source: string): AsyncGenerator<string> {
  if (source === '-') {
    for (let line = await ctx.stdin.next(); line !== undefined; line = await ctx.stdin.next()) yield line;
    return;
  }
  const stream = await openInputFile(source, '--from-file');
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of reader) yield line.replace(/^\uFEFF/, '');
  } finally {
    reader.close();
    stream.destroy();
  }
}
