// user export: every user of the pool as a CSV that `user import` takes back unchanged (the
// engine's writeExport decides the columns and the cell rules). ListUsers pages of 60, and the
// group memberships read group by group before the users (or per user where that is fewer
// calls: see memberships.ts). Progress on a terminal. With --out the CSV is written
// to a temporary file next to the target and renamed over it only when complete, so a failed
// export never leaves half a backup behind.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import {
  DescribeUserPoolCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Writable } from 'node:stream';
import type { Context } from '../../context.js';
import { CliError } from '../../errors.js';
import { paginate } from '../../aws/paginate.js';
import { writeExport, type ExportedUser, type ExportResult } from '../../import/export.js';
import { poolFactsFromDescribe, SYSTEM_ATTRIBUTES, type DescribedUserPool } from '../../import/pool-facts.js';
import { StatusLine } from '../../io/status-line.js';
import { readMemberships, type GroupReads } from './memberships.js';

export interface ExportOptions {
  out?: string;
  concurrency?: number;
  /** How group memberships are read (a hidden option, for the benchmark); default auto. */
  groupReads?: GroupReads;
}

/** ListUsers returns at most 60 users a page. */
const PAGE_SIZE = 60;

export async function exportCommand(ctx: Context, options: ExportOptions): Promise<void> {
  const poolId = await ctx.poolId();
  // Thousands of group look-ups in a row meet Cognito's read quota: let the SDK back off longer.
  const { createIdpClient } = await import('../../aws/clients.js');
  const idp = await createIdpClient(await ctx.clientOptions(ctx.settings.endpoint, 8));
  try {
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    if (!UserPool) throw new CliError(`DescribeUserPool returned no pool for ${poolId}`);
    const pool = poolFactsFromDescribe({ ...(UserPool as DescribedUserPool), Id: UserPool.Id ?? poolId });
    const status = StatusLine.for(ctx.streams, ctx.settings.quiet);
    const memberships = await readMemberships(idp, poolId, {
      mode: options.groupReads,
      estimatedUsers: UserPool.EstimatedNumberOfUsers,
      concurrency: options.concurrency ?? 8,
      onGroup: (done, total) => status.update(`reading group members: ${done}/${total} groups`),
    });
    const estimate = UserPool.EstimatedNumberOfUsers ? ` of about ${UserPool.EstimatedNumberOfUsers}` : '';
    const run = async (out: Writable) => {
      try {
        return await writeExport({
          pool,
          users: pages(listUsers(idp, poolId)),
          groupsOf: memberships.groupsOf,
          out,
          concurrency: options.concurrency ?? 8,
          onProgress: (users) => status.update(`exported ${users}${estimate} users`),
        });
      } finally {
        status.clear();
      }
    };

    if (!options.out) {
      const result = await run(ctx.streams.stdout);
      return report(ctx, result, undefined);
    }
    const target = path.resolve(options.out);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    // 0600: a backup of a user pool is personal data.
    const file = fs.createWriteStream(temp, { mode: 0o600 });
    // Kept from the first write error (a full disk) to the end; later ones follow from it.
    let writeError: Error | undefined;
    file.on('error', (err) => (writeError ??= err));
    try {
      await once(file, 'open');
      const result = await run(file);
      file.end();
      await finished(file);
      if (writeError) throw writeError;
      const fd = fs.openSync(temp, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, target);
      report(ctx, result, target);
    } catch (err) {
      file.destroy();
      fs.rmSync(temp, { force: true });
      if ((err as NodeJS.ErrnoException).syscall === 'open') {
        throw new CliError(`cannot write ${options.out}: ${(err as Error).message}`, undefined, { code: (err as NodeJS.ErrnoException).code });
      }
      throw err;
    }
  } finally {
    idp.destroy();
  }
}

function listUsers(idp: CognitoIdentityProviderClient, poolId: string): AsyncGenerator<UserType> {
  // No filter here; a filtered listing would have to send it again with every token.
  return paginate(
    async (token, size) => {
      const r = await idp.send(new ListUsersCommand({ UserPoolId: poolId, Limit: size, PaginationToken: token }));
      return { items: r.Users, next: r.PaginationToken };
    },
    { pageSize: PAGE_SIZE },
  );
}

/** Regroups a stream of users into lists of a page's size, so group look-ups run a page at a time. */
async function* pages(users: AsyncIterable<UserType>): AsyncGenerator<ExportedUser[]> {
  let page: ExportedUser[] = [];
  for await (const u of users) {
    page.push({ username: u.Username ?? '', attributes: u.Attributes ?? [], enabled: u.Enabled !== false, status: u.UserStatus });
    if (page.length === PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

function report(ctx: Context, result: ExportResult, file: string | undefined): void {
  if (result.skippedFederated > 0) {
    ctx.out.warn(`${result.skippedFederated} federated ${result.skippedFederated === 1 ? 'user is' : 'users are'} left out: import cannot recreate users of an external identity provider`);
  }
  if (result.ambiguousGroups.length > 0) {
    ctx.out.warn(`group names with ";" do not survive an import (";" separates groups): ${result.ambiguousGroups.join(', ')}`);
  }
  const lost = Object.entries(result.unexportedAttributes).filter(([name]) => !SYSTEM_ATTRIBUTES.has(name));
  if (lost.length > 0) {
    ctx.out.warn(`attributes not in the pool's schema were left out: ${lost.map(([n, c]) => `${n} (${c} users)`).join(', ')}`);
  }
  const data = { users: result.users, file: file ?? null, columns: result.columns, skippedFederated: result.skippedFederated };
  if (file) ctx.out.done(`exported ${result.users} ${result.users === 1 ? 'user' : 'users'} to ${file}`, data);
  else ctx.out.note(`exported ${result.users} ${result.users === 1 ? 'user' : 'users'}`);
}
