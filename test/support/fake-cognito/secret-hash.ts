// SECRET_HASH: base64(HMAC-SHA256(client secret, username + clientId)), required on every
// client-side call when the app client has a secret.
import { createHmac } from 'node:crypto';
import type { ClientState } from './state.js';
import { notAuthorized } from './errors.js';

export function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

/**
 * Checks a SECRET_HASH against the username Cognito expects at this step: the name as typed on
 * InitiateAuth and the self-service calls, the internal username (USER_ID_FOR_SRP, the sub in a pool
 * that signs in by email) on RespondToAuthChallenge and refresh.
 */
export function checkSecretHash(client: ClientState, given: string | undefined, username: string): void {
  if (!client.clientSecret) return;
  if (!given) notAuthorized(`Client ${client.clientId} is configured with secret but SECRET_HASH was not received`);
  if (given !== secretHash(client.clientSecret, username, client.clientId)) {
    notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
  }
}
