// client update: merge-safe. Describes the client, changes only what was named, and writes the
// whole client back (UpdateUserPoolClient resets every field it is not sent).
import type { Context } from '../../context.js';
import { describe, planUpdate, send } from '../../aws/merge-update.js';
import { registerSecret } from '../../aws/redact.js';
import { reportUpdate } from '../update-output.js';
import { clientPatch, type ClientUpdateFlags } from './update-request.js';

export interface ClientUpdateOptions extends ClientUpdateFlags {
  dryRun?: boolean;
}

export async function updateClient(ctx: Context, id: string | undefined, options: ClientUpdateOptions): Promise<void> {
  const poolId = await ctx.poolId();
  const clientId = id ?? (await ctx.clientId());
  const idp = await ctx.idp();
  const key = { UserPoolId: poolId, ClientId: clientId };
  const described = await describe(idp, 'userPoolClient', key);
  registerSecret(described.ClientSecret);
  const plan = planUpdate('userPoolClient', described, (current) => clientPatch(options, current, Boolean(described.ClientSecret)), key);
  if (!options.dryRun && plan.changes.length) await send(idp, 'userPoolClient', plan.input);
  await reportUpdate(ctx.out, { label: `app client ${clientId}`, ids: { poolId, clientId }, changes: plan.changes, dryRun: Boolean(options.dryRun) });
}
