// pool create: CreateUserPool (+ SetUserPoolMfaConfig, + CreateUserPoolClient with --with-client),
// undone again when a later step fails, so a failed run leaves no half-made pool behind.
import { randomUUID } from 'node:crypto';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  type SchemaAttributeType,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { planPoolCreate, type PoolCreateFlags } from './create-request.js';
import { planClientCreate, type ClientCreateFlags } from '../client/create-request.js';
import { registerSecret } from '../../aws/redact.js';
import { saveToProfile } from '../profile/save-profile.js';
import type { Column } from '../../io/output.js';
import { poolView, type PoolView } from '../../views/pool.js';
import { clientView, type ClientView } from '../../views/client.js';

export interface PoolCreateOptions extends PoolCreateFlags, ClientCreateFlags {
  withClient?: string;
  customAttribute?: SchemaAttributeType[];
  saveProfile?: string;
  dryRun?: boolean;
}

export async function createPool(ctx: Context, name: string, options: PoolCreateOptions): Promise<void> {
  const plan = planPoolCreate(name, options, randomUUID());
  if (options.customAttribute?.length) {
    plan.createUserPool.Schema = [...(plan.createUserPool.Schema ?? []), ...options.customAttribute];
  }
  // Client flags are checked before anything is created.
  if (options.withClient) planClientCreate('placeholder_x', options.withClient, options);
  if (options.saveProfile) ctx.store.load(); // a broken config file stops us before any change

  if (options.dryRun) {
    ctx.out.text(JSON.stringify(plan.createUserPool, null, 2));
    if (plan.mfaConfig) ctx.out.note(`then: SetUserPoolMfaConfig ${JSON.stringify(plan.mfaConfig)}`);
    if (options.withClient) ctx.out.note(`then: CreateUserPoolClient "${options.withClient}"`);
    return;
  }

  const idp = await ctx.idp();
  const { UserPool } = await idp.send(new CreateUserPoolCommand(plan.createUserPool as any));
  const poolId = UserPool!.Id!;
  let client: UserPoolClientType | undefined;
  try {
    if (plan.mfaConfig) await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...plan.mfaConfig }));
    if (options.withClient) {
      const created = await idp.send(
        new CreateUserPoolClientCommand(planClientCreate(poolId, options.withClient, options) as any),
      );
      client = created.UserPoolClient;
      registerSecret(client?.ClientSecret);
    }
  } catch (err) {
    await rollBack(ctx, poolId, err);
  }

  if (options.saveProfile) {
    saveToProfile(ctx, options.saveProfile, { userPoolId: poolId, clientId: client?.ClientId, clientSecret: client?.ClientSecret });
  }

  // The pool's own view, as `pool describe` prints it, with the new client's as `client describe`.
  const result: PoolView & { client?: ClientView } = {
    ...poolView({ ...UserPool!, MfaConfiguration: plan.mfaConfig?.MfaConfiguration ?? UserPool!.MfaConfiguration }),
    client: client && clientView({ ...client, UserPoolId: poolId }),
  };
  if (ctx.out.format === 'text') {
    ctx.out.text(poolId);
    if (client?.ClientId) ctx.out.text(client.ClientId);
  } else {
    ctx.out.record(result, ctx.out.structured ? undefined : CREATED_COLUMNS);
  }
}

const CREATED_COLUMNS: Column<PoolView & { client?: ClientView }>[] = [
  { header: 'id', get: (p) => p.id },
  { header: 'name', get: (p) => p.name },
  { header: 'arn', get: (p) => p.arn },
  { header: 'mfa', get: (p) => p.mfa },
  { header: 'sign-in', get: (p) => p.signIn },
  { header: 'client id', get: (p) => p.client?.id },
  { header: 'client name', get: (p) => p.client?.name },
  { header: 'client secret', get: (p) => (p.client ? (p.client.hasSecret ? 'yes' : 'none') : undefined) },
];

async function rollBack(ctx: Context, poolId: string, cause: unknown): Promise<never> {
  const failure = translateAwsError(cause, ctx.errorContext());
  try {
    await (await ctx.idp()).send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
  } catch (undoErr) {
    throw new CliError(
      `${failure.message}; the new pool ${poolId} could not be removed again (${(undoErr as Error).name})`,
      failure.exitCode,
      { code: failure.code, hint: `remove it with \`cognito-admin pool delete ${poolId}\``, cause },
    );
  }
  throw new CliError(`${failure.message} (the new pool ${poolId} was removed again)`, failure.exitCode, {
    code: failure.code,
    hint: failure.hint,
    cause,
  });
}
