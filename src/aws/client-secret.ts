// An app client's secret, when it was not configured: DescribeUserPoolClient returns it to
// callers whose AWS credentials allow that call. A public client has none.
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { registerSecret } from './redact.js';

export async function lookUpClientSecret(ctx: Context, poolId: string, clientId: string): Promise<string | undefined> {
  try {
    const idp = await ctx.idp();
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    const secret = UserPoolClient?.ClientSecret || undefined;
    registerSecret(secret);
    return secret;
  } catch (err) {
    // Sign-in works without AWS credentials for public clients; only say why when debugging.
    ctx.debug(`debug: could not look up the client secret: ${(err as Error).name}: ${(err as Error).message}`);
    return undefined;
  }
}
