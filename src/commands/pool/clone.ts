// pool clone: a new pool from an existing pool's configuration, with `pool create` flags laid over
// it; then its MFA, resource servers, identity providers, groups and clients through the same
// steps as `pool apply`. Prints the old → new ids. A failure part-way names what was created and
// how to remove it.
import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import { CliError, ExitCode, PartialFailure } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { readPool } from '../../pool-config/read-pool.js';
import { planApply } from '../../pool-config/plan.js';
import { createPoolRequest, withOverrides } from '../../pool-config/clone.js';
import { executeSteps, StepFailure, type StepResult } from '../../pool-config/execute.js';
import { planRecord } from '../../pool-config/render.js';
import type { PoolCreateFlags } from './create-request.js';

export interface CloneOptions extends PoolCreateFlags {
  dryRun?: boolean;
  withUsers?: boolean;
}

export async function clonePool(ctx: Context, sourceId: string, newName: string, options: CloneOptions): Promise<void> {
  ctx.usePool(sourceId);
  const idp = await ctx.idp();
  const source = await readPool(idp, sourceId);
  const desired = withOverrides(source.config, newName, options, randomUUID());
  const request = createPoolRequest(desired, newName);
  const domains = Object.keys(source.config.domains);
  if (domains.length) {
    ctx.out.note(`${domains.length === 1 ? `the domain ${domains[0]} is` : `the domains ${domains.join(' and ')} are`} not copied (a domain belongs to one pool): add one with \`cognito-admin domain create\``);
  }

  if (options.dryRun) {
    // What follows CreateUserPool, as planned against a pool that has only what the request makes.
    const fresh = { ...desired, mfa: { MfaConfiguration: 'OFF' }, clients: {}, groups: {}, resourceServers: {}, identityProviders: {}, domains: {} };
    fresh.pool = { ...desired.pool, settings: { ...desired.pool.settings, MfaConfiguration: 'OFF' } };
    const plan = planApply(fresh, desired, '<new>');
    ctx.out.record({ createUserPool: request, then: planRecord(plan, { prune: false }).changes.map((c) => `${c.action} ${c.object} ${c.name}`), skipped: planRecord(plan, { prune: false }).skipped });
    return;
  }

  const { CreateUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const { UserPool } = await idp.send(new CreateUserPoolCommand(request as never));
  const poolId = UserPool!.Id!;
  ctx.out.note(`${ctx.out.style.green('✓')} created pool ${poolId} (${newName})`);

  const done: StepResult[] = [];
  let plan;
  try {
    const target = await readPool(idp, poolId);
    plan = planApply(target.config, desired, poolId);
    if (plan.immutable.length) {
      throw new CliError(`the new pool differs from the source where it cannot be changed: ${plan.immutable.map((r) => r.reason).join('; ')}`);
    }
    await executeSteps(idp, poolId, plan.steps, target.clientIds, (result) => {
      done.push(result);
      ctx.out.note(`${ctx.out.style.green('✓')} ${result.step.action} ${result.step.object} ${result.step.name}`);
    });
  } catch (err) {
    throw partFailure(ctx, poolId, done, err);
  }

  const users = options.withUsers ? await cloneUsers(ctx, sourceId, poolId) : undefined;

  for (const r of plan.skipped) ctx.out.warn(`${r.object} ${r.name}: ${r.reason} (${r.hint.replace(/^cognito-admin /, `cognito-admin --pool ${poolId} `)})`);
  const newIds = Object.fromEntries(done.filter((d) => d.clientId).map((d) => [d.step.name, d.clientId!]));
  const clients = Object.entries(source.clientIds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, sourceClientId]) => ({ name, sourceClientId, clientId: newIds[name], hasSecret: Boolean(source.config.clients[name]?.hasSecret) }));
  const result = {
    sourcePoolId: sourceId,
    poolId,
    name: newName,
    clients,
    groups: Object.keys(desired.groups).length,
    resourceServers: Object.keys(desired.resourceServers).length,
    identityProviders: done.filter((d) => d.step.object === 'identity-provider').map((d) => d.step.name),
    skipped: plan.skipped.map((r) => ({ object: r.object, name: r.name, reason: r.reason })),
    users,
  };
  if (ctx.out.structured) {
    ctx.out.record(result);
  } else {
    ctx.out.text(`pool ${sourceId} → ${poolId}`);
    for (const c of clients) ctx.out.text(`client ${c.name} ${c.sourceClientId} → ${c.clientId ?? '(not created)'}${c.hasSecret ? ' (new secret)' : ''}`);
    if (users) ctx.out.text(`users ${users.copied} of ${users.exported} copied${users.failed ? `, ${users.failed} failed (${users.failuresFile})` : ''}`);
  }
  if (users?.failed) throw new PartialFailure(`pool ${poolId} is made, but ${users.failed} user(s) could not be copied`, { hint: `the failed rows are in ${users.failuresFile}: fix them and \`cognito-admin user import <file> --pool ${poolId}\`` });
}

/** --with-users, after the configuration: the bulk engine's export and import. */
async function cloneUsers(ctx: Context, sourceId: string, poolId: string) {
  const [{ copyUsers }, { createIdpClient }, { stateDir }, path] = await Promise.all([
    import('../../pool-config/copy-users.js'),
    import('../../aws/clients.js'),
    import('../../config/paths.js'),
    import('node:path'),
  ]);
  // One attempt per request: the engine retries itself and must see throttling to pace itself.
  const idp = await createIdpClient(await ctx.clientOptions(ctx.settings.endpoint, 1));
  const failuresFile = path.resolve(`${poolId}-users-failed.csv`);
  ctx.out.note(`copying users from ${sourceId} …`);
  let result;
  try {
    result = await copyUsers({
      idp,
      sourceId,
      targetId: poolId,
      endpoint: ctx.settings.endpoint?.value ?? ctx.region()?.value ?? '',
      stateDir: path.join(stateDir(ctx.env), 'imports'),
      failuresFile,
      onWarning: (m) => ctx.out.warn(m),
    });
  } catch (err) {
    throw partFailure(ctx, poolId, [], err);
  }
  const { summary } = result;
  const copied = summary.created + summary.existing + summary.updated;
  ctx.out.note('users were created without passwords and without an invitation: each must get one (`cognito-admin user invite <username>` or `user reset-password`) before signing in');
  const users = { exported: result.exported, copied, failed: summary.failed + summary.invalid, failuresFile: summary.failuresFile };
  if (users.failed) {
    ctx.out.warn(`${users.failed} user(s) could not be copied: ${summary.failuresFile ?? failuresFile}`);
  }
  return users;
}

/** The error for a clone that stopped part-way: what exists now, and how to remove it. */
function partFailure(ctx: Context, poolId: string, done: StepResult[], err: unknown): CliError {
  const cause = err instanceof StepFailure ? err.error : err;
  const failed = err instanceof StepFailure ? ` at ${err.failed.action} ${err.failed.object} ${err.failed.name}` : '';
  const translated = translateAwsError(cause, ctx.errorContext());
  const made = done.map((d) => `${d.step.object} ${d.step.name}${d.clientId ? ` (${d.clientId})` : ''}`);
  ctx.out.warn(`the clone stopped${failed}. Created so far: pool ${poolId}${made.length ? `, ${made.join(', ')}` : ''}`);
  return new CliError(`clone into pool ${poolId} failed${failed}: ${translated.message}`, translated.exitCode === ExitCode.auth ? ExitCode.auth : ExitCode.failed, {
    code: translated.code,
    hint: `everything created is inside the new pool: remove it with \`cognito-admin pool delete ${poolId} --yes\`, then clone again`,
    cause,
  });
}
