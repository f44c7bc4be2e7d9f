// resource-server create | list | describe | update | delete: APIs and their OAuth scopes.
// update goes through the read-merge-write helper: UpdateResourceServer drops the scopes it is not sent.
import {
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { paginate } from '../../aws/paginate.js';
import { describe, planUpdate, send } from '../../aws/merge-update.js';
import { reportUpdate } from '../update-output.js';
import { RESOURCE_SERVER_COLUMNS, resourceServerView } from '../../views/resource-server.js';
import { checkIdentifier, parseScope, resourceServerPatch, type ResourceServerUpdateFlags } from './request.js';

export async function createResourceServer(
  ctx: Context,
  identifier: string,
  options: { name?: string; scope?: string[]; dryRun?: boolean },
): Promise<void> {
  checkIdentifier(identifier);
  if (!options.name) throw new UsageError('--name is required: a display name for the API');
  const scopes = (options.scope ?? []).map((s) => parseScope('--scope', s));
  const names = scopes.map((s) => s.ScopeName);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UsageError(`--scope ${twice} is given twice`);
  const poolId = await ctx.poolId();
  const request = { UserPoolId: poolId, Identifier: identifier, Name: options.name, Scopes: scopes };
  if (options.dryRun) return ctx.out.text(JSON.stringify(request, null, 2));
  const { ResourceServer } = await (await ctx.idp()).send(new CreateResourceServerCommand(request));
  ctx.out.record(resourceServerView(ResourceServer ?? request));
}

export async function listResourceServers(ctx: Context, options: { limit?: number }): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const servers = paginate(
    async (token, size) => {
      const r = await idp.send(new ListResourceServersCommand({ UserPoolId: poolId, NextToken: token, MaxResults: size }));
      return { items: r.ResourceServers?.map(resourceServerView), next: r.NextToken };
    },
    { pageSize: 50, limit: options.limit },
  );
  await ctx.out.list(servers, RESOURCE_SERVER_COLUMNS);
}

export async function describeResourceServer(ctx: Context, identifier: string): Promise<void> {
  const poolId = await ctx.poolId();
  const { ResourceServer } = await (await ctx.idp()).send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: identifier }));
  ctx.out.record(resourceServerView(ResourceServer!));
}

export async function updateResourceServer(ctx: Context, identifier: string, options: ResourceServerUpdateFlags & { dryRun?: boolean }): Promise<void> {
  if (options.name === undefined && !options.addScope && !options.removeScope) {
    throw new UsageError('nothing to change: pass --name, --add-scope or --remove-scope');
  }
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const key = { UserPoolId: poolId, Identifier: identifier };
  const plan = planUpdate('resourceServer', await describe(idp, 'resourceServer', key), (current) => resourceServerPatch(options, current), key);
  if (!options.dryRun && plan.changes.length) await send(idp, 'resourceServer', plan.input);
  await reportUpdate(ctx.out, { label: `resource server ${identifier}`, ids: { poolId, identifier }, changes: plan.changes, dryRun: Boolean(options.dryRun) });
}

export async function deleteResourceServer(ctx: Context, identifier: string): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  // Looked up first, so that a wrong identifier fails before the question.
  await idp.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: identifier }));
  await ctx.confirmDestructive(`delete resource server ${identifier} of pool ${poolId} (clients lose its scopes)`);
  await idp.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: identifier }));
  ctx.out.done(`deleted resource server ${identifier}`, { deleted: identifier, poolId });
}
