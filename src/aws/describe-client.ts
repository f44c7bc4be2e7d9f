// The app client as DescribeUserPoolClient shows it, when the AWS credentials allow that call;
// undefined otherwise (an app's own credentials are often only the client id and secret).
import { DescribeUserPoolClientCommand, type UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { registerSecret } from './redact.js';

export async function describeClientIfAllowed(
  ctx: Context,
  poolId: string,
  clientId: string,
): Promise<UserPoolClientType | undefined> {
  try {
    const idp = await ctx.idp();
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    registerSecret(UserPoolClient?.ClientSecret);
    return UserPoolClient;
  } catch (err) {
    const name = (err as Error).name;
    // A client or pool that does not exist is worth stopping for; missing permissions are not.
    if (name === 'ResourceNotFoundException') throw err;
    ctx.debug(`debug: could not describe the app client: ${name}: ${(err as Error).message}`);
    return undefined;
  }
}
