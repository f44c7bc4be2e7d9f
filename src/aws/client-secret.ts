// An app client's secret, when it was not configured: DescribeUserPoolClient returns it to
// callers whose AWS credentials allow that call. A public client has none.
import { DescribeUserPoolClientCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { registerSecret } from './redact.js';

export async function lookUpClientSecret(
  idp: CognitoIdentityProviderClient,
  ids: { poolId: string; clientId: string },
  debug: (text: string) => void = () => {},
): Promise<string | undefined> {
  try {
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId }));
    const secret = UserPoolClient?.ClientSecret || undefined;
    registerSecret(secret);
    return secret;
  } catch (err) {
    // Sign-in works without AWS credentials for public clients; only say why when debugging.
    debug(`debug: could not look up the client secret: ${(err as Error).name}: ${(err as Error).message}`);
    return undefined;
  }
}
