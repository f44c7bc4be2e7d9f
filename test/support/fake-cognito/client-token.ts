// GetClientToken: the user-pool API's machine-to-machine token, for app clients whose only
// explicit auth flow is ALLOW_CLIENT_TOKEN_AUTH. Same token and scope rules as the
// client-credentials grant at /oauth2/token.
import type { FakeContext } from './context.js';
import { fail, invalidParameter, notAuthorized, required } from './errors.js';
import { getClient } from './state.js';
import { OAuthFailure } from './oauth-http.js';
import { clientCredentialScopes, machineToken } from './oauth-token.js';

export function getClientToken(ctx: FakeContext, body: any) {
  const { pool, client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  const secret = required<string>(body.Secret, 'secret');
  if (!client.clientSecret || secret !== client.clientSecret) return notAuthorized('Invalid client secret');
  if (!client.flows.includes('ALLOW_CLIENT_TOKEN_AUTH')) {
    return fail('NotAuthorizedException', 'Client is not enabled for client token authentication.');
  }
  let scopes: string[];
  try {
    scopes = clientCredentialScopes(pool, client, Array.isArray(body.Scopes) ? body.Scopes : []);
  } catch (err) {
    if (err instanceof OAuthFailure) return invalidParameter('Invalid scope requested.');
    throw err;
  }
  const token = machineToken(ctx, pool, client, scopes);
  return {
    ClientAuthenticationResult: { AccessToken: token.access_token, ExpiresIn: token.expires_in, TokenType: token.token_type },
  };
}
