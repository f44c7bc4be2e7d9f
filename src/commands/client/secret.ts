// client secret list | add | delete: rotation without downtime. A client holds up to two secrets;
// add the new one, move the apps to it, then delete the old one.
import {
  AddUserPoolClientSecretCommand,
  DeleteUserPoolClientSecretCommand,
  ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, UsageError } from '../../errors.js';
import { registerSecret } from '../../aws/redact.js';
import { saveToProfile } from '../profile/save-profile.js';
import { clientSecretView, CLIENT_SECRET_COLUMNS, type ClientSecretView } from '../../views/client-secret.js';

async function secretsOf(ctx: Context, poolId: string, clientId: string): Promise<ClientSecretView[]> {
  const idp = await ctx.idp();
  // Cognito answers with every secret (two at most) at once: there is no page token to follow.
  const { ClientSecrets } = await idp.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }));
  return (ClientSecrets ?? []).map((d) => clientSecretView(clientId, d));
}

export async function listClientSecrets(ctx: Context, client: string | undefined): Promise<void> {
  const poolId = await ctx.poolId();
  const clientId = client ?? (await ctx.clientId());
  await ctx.out.list(await secretsOf(ctx, poolId, clientId), CLIENT_SECRET_COLUMNS);
}

export async function addClientSecret(ctx: Context, client: string | undefined, options: { saveProfile?: string }): Promise<void> {
  const poolId = await ctx.poolId();
  const clientId = client ?? (await ctx.clientId());
  if (options.saveProfile) ctx.store.load(); // a broken config file stops us before any change
  const idp = await ctx.idp();
  const { ClientSecretDescriptor } = await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }));
  const view = clientSecretView(clientId, ClientSecretDescriptor ?? {});
  registerSecret(view.clientSecret);
  if (options.saveProfile) {
    saveToProfile(ctx, options.saveProfile, { userPoolId: poolId, clientId, clientSecret: view.clientSecret }, ' (with the new secret)');
    // Stored, so not printed: it would otherwise sit in the terminal's scroll-back.
    const { clientSecret: _, ...shown } = view;
    ctx.out.record(shown);
  } else {
    ctx.out.record(view);
    ctx.out.note('this is the only time Cognito shows this secret: store it now');
  }
  ctx.out.note('both secrets work until the old one is deleted: `cognito-admin client secret list` shows their ids');
}

/** `delete <secret-id>` or `delete <client> <secret-id>`; the id names its client (`<client-id>--<time>`). */
export async function deleteClientSecret(ctx: Context, first: string, second: string | undefined): Promise<void> {
  const secretId = second ?? first;
  const clientId = second ? first : (/^(.+)--\d+$/.exec(secretId)?.[1] ?? (await ctx.clientId()));
  const poolId = await ctx.poolId();
  const secrets = await secretsOf(ctx, poolId, clientId);
  if (!secrets.some((s) => s.secretId === secretId)) {
    throw new CliError(`app client ${clientId} has no secret ${secretId}`, 1, {
      hint: `its secrets: ${secrets.map((s) => s.secretId).join(', ') || '(none)'}`,
    });
  }
  if (secrets.length === 1) {
    throw new UsageError(`${secretId} is the only secret of app client ${clientId}, and Cognito keeps at least one`, {
      hint: `add the new one first: \`cognito-admin client secret add ${clientId}\``,
    });
  }
  await ctx.confirmDestructive(`delete client secret ${secretId} of app client ${clientId} (apps still using it stop signing in)`);
  await (await ctx.idp()).send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: secretId }));
  ctx.out.done(`deleted client secret ${secretId}`, { deleted: secretId, clientId });
}
