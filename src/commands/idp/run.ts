// idp list | describe | create | update | delete: identity providers users can sign in with (OIDC, SAML).
import {
  CreateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  ListIdentityProvidersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { paginate } from '../../aws/paginate.js';
import { redact, registerSecret } from '../../aws/redact.js';
import { IDENTITY_PROVIDER_COLUMNS, identityProviderView } from '../../views/identity-provider.js';
import { readStdinSecret } from '../user/password.js';
import { describe, planUpdate, send } from '../../aws/merge-update.js';
import { reportUpdate } from '../update-output.js';
import { checkIdpUpdate, planIdpCreate, planIdpPatch, type IdpCreateFlags, type IdpUpdateFlags } from './request.js';

export const IDP_SECRET_ENV = 'COGNITO_IDP_CLIENT_SECRET';

export async function listIdps(ctx: Context, options: { limit?: number }): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const providers = paginate(
    async (token, size) => {
      const r = await idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, NextToken: token, MaxResults: size }));
      return { items: r.Providers?.map(identityProviderView), next: r.NextToken };
    },
    { pageSize: 60, limit: options.limit },
  );
  await ctx.out.list(providers, IDENTITY_PROVIDER_COLUMNS);
}

export async function describeIdp(ctx: Context, name: string): Promise<void> {
  const poolId = await ctx.poolId();
  const { IdentityProvider } = await (await ctx.idp()).send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name }));
  registerSecret(IdentityProvider?.ProviderDetails?.client_secret);
  ctx.out.record(identityProviderView(IdentityProvider!));
}

export async function createIdp(
  ctx: Context,
  name: string,
  options: IdpCreateFlags & { clientSecretStdin?: boolean; dryRun?: boolean },
): Promise<void> {
  const clientSecret =
    options.type !== 'oidc'
      ? undefined
      : options.clientSecretStdin
        ? await readStdinSecret(ctx, '--client-secret-stdin', 'the client secret')
        : ctx.env[IDP_SECRET_ENV];
  registerSecret(clientSecret);
  const metadataText = options.metadataFile ? await readMetadata(options.metadataFile) : undefined;
  const poolId = await ctx.poolId();
  const request = planIdpCreate(poolId, name, options, { clientSecret, metadataText });
  if (options.dryRun) return ctx.out.text(JSON.stringify(redact(request), null, 2));
  const { IdentityProvider } = await (await ctx.idp()).send(new CreateIdentityProviderCommand(request as never));
  ctx.out.record(identityProviderView(IdentityProvider!));
  ctx.out.note(`let app clients use it: \`cognito-admin client update <client> --identity-providers COGNITO,${name}\``);
}

export async function deleteIdp(ctx: Context, name: string): Promise<void> {
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  await idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name }));
  await ctx.confirmDestructive(`delete identity provider ${name} of pool ${poolId} (its users can no longer sign in through it)`);
  await idp.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name }));
  ctx.out.done(`deleted identity provider ${name}`, { deleted: name, poolId });
}

async function readMetadata(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--metadata-file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
  }
}

/**
 * idp update: the merge-safe read-change-write of UpdateIdentityProvider. The provider's details
 * are written back whole (the client secret included) with only the named ones changed, as a
 * request that left them out would leave the provider without them.
 */
export async function updateIdp(
  ctx: Context,
  name: string,
  options: IdpUpdateFlags & { clientSecretStdin?: boolean; dryRun?: boolean },
): Promise<void> {
  checkIdpUpdate(name, options, Boolean(options.clientSecretStdin));
  const clientSecret = options.clientSecretStdin ? await readStdinSecret(ctx, '--client-secret-stdin', 'the new client secret') : undefined;
  registerSecret(clientSecret);
  const metadataText = options.metadataFile ? await readMetadata(options.metadataFile) : undefined;
  const poolId = await ctx.poolId();
  const idp = await ctx.idp();
  const key = { UserPoolId: poolId, ProviderName: name };
  const current = await describe(idp, 'identityProvider', key);
  registerSecret(current.ProviderDetails?.client_secret);
  const plan = planUpdate('identityProvider', current, planIdpPatch(current.ProviderType, options, { clientSecret, metadataText }), key);
  if (!options.dryRun && plan.changes.length) await send(idp, 'identityProvider', plan.input);
  // The secret is reported as changed, never shown.
  const changes = plan.changes.map((c) => (SECRET_DETAIL.test(c.field) ? { ...c, before: c.before === undefined ? undefined : '****', after: '****' } : c));
  await reportUpdate(ctx.out, { label: `identity provider ${name} of pool ${poolId}`, ids: { poolId, name }, changes, dryRun: Boolean(options.dryRun) });
}

const SECRET_DETAIL = /^ProviderDetails\.client_secret$/;
