// auth passkeys [delete <id>]: the signed-in user's passkeys (ListWebAuthnCredentials,
// DeleteWebAuthnCredential with the saved session). Registering one needs a browser.
import { DeleteWebAuthnCredentialCommand, ListWebAuthnCredentialsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { paginate } from '../../aws/paginate.js';
import { activeSession } from './active-session.js';
import { PASSKEY_COLUMNS, passkeyView } from '../../views/passkey.js';
import { mayChange } from '../destructive-change.js';

/** ListWebAuthnCredentials returns at most 20 credentials a page. */
const PAGE_SIZE = 20;

export async function listPasskeys(ctx: Context, options: { user?: string; limit?: number }): Promise<void> {
  const session = await activeSession(ctx, options.user);
  const idp = await ctx.idp();
  const passkeys = paginate(
    async (token, size) => {
      const page = await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: session.accessToken, MaxResults: size, NextToken: token }));
      return { items: page.Credentials?.map(passkeyView), next: page.NextToken };
    },
    { limit: options.limit, pageSize: PAGE_SIZE },
  );
  await ctx.out.list(passkeys, PASSKEY_COLUMNS);
}

export async function deletePasskey(ctx: Context, credentialId: string, options: { user?: string; dryRun?: boolean }): Promise<void> {
  const session = await activeSession(ctx, options.user);
  const data = { username: session.username, credentialId };
  if (!(await mayChange(ctx, { dryRun: options.dryRun, action: `delete passkey ${credentialId} of ${session.username}`, data }))) return;
  await (await ctx.idp()).send(new DeleteWebAuthnCredentialCommand({ AccessToken: session.accessToken, CredentialId: credentialId }));
  ctx.out.done(`deleted passkey ${credentialId} of ${session.username}`, { ...data, deleted: true });
}
