// idp list | describe | create | delete: identity providers users can sign in with (OIDC, SAML).
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
import { planIdpCreate, type IdpCreateFlags } from './request.js';

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
