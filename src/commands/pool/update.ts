// pool update: merge-safe. Describes the pool (and its MFA configuration when MFA flags are
// given), changes only what was named, and writes the whole objects back.
import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import { CliError } from '../../errors.js';
import { describe, planUpdate, send, type FieldChange } from '../../aws/merge-update.js';
import { translateAwsError } from '../../aws/errors.js';
import { reportUpdate } from '../update-output.js';
import { checkUpdateFlags, mfaPatch, poolPatch, touchesMfa, type PoolUpdateFlags } from './update-request.js';

export interface PoolUpdateOptions extends PoolUpdateFlags {
  dryRun?: boolean;
}

export async function updatePool(ctx: Context, id: string | undefined, options: PoolUpdateOptions): Promise<void> {
  checkUpdateFlags(options, id);
  if (id) ctx.usePool(id);
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const key = { UserPoolId: poolId };

  const pool = await describe(idp, 'userPool', key);
  const poolPlan = planUpdate('userPool', pool, (current) => poolPatch(options, current, randomUUID()), key);
  const mfaPlan = touchesMfa(options)
    ? planUpdate('mfaConfig', await describe(idp, 'mfaConfig', key), (current) => mfaPatch(options, current, poolPlan.input.SmsConfiguration), key)
    : undefined;

  // MfaConfiguration is in both requests; it is reported once.
  const seen = new Set(poolPlan.changes.map((c) => c.field));
  const changes: FieldChange[] = [...poolPlan.changes, ...(mfaPlan?.changes ?? []).filter((c) => !seen.has(c.field))];
  if (!options.dryRun && changes.length) {
    // The factors first: UpdateUserPool would refuse MFA on while no factor is enabled yet.
    if (mfaPlan?.changes.length) await send(idp, 'mfaConfig', mfaPlan.input);
    if (poolPlan.changes.length) {
      try {
        await send(idp, 'userPool', poolPlan.input);
      } catch (err) {
        if (!mfaPlan?.changes.length) throw err;
        const failure = translateAwsError(err, ctx.errorContext());
        throw new CliError(`${failure.message} (the MFA configuration had already been changed)`, failure.exitCode, {
          code: failure.code,
          hint: failure.hint ?? '`cognito-admin pool describe` shows the state; re-run the update once the cause is fixed',
          cause: err,
        });
      }
    }
  }
  await reportUpdate(ctx.out, { label: `user pool ${poolId}`, ids: { poolId }, changes, dryRun: Boolean(options.dryRun) });
}
