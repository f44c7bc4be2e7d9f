// SECRET_HASH, which Cognito demands on every user-facing call when the app client has a secret.
// The username must be the one Cognito knows the user by (USER_ID_FOR_SRP after an SRP challenge,
// the `sub`/username on refresh), not an alias the user typed: hashing the alias is the classic
// "Unable to verify secret hash for client" bug.

import { createHmac } from 'node:crypto';

/** base64(HMAC-SHA256(key = clientSecret, message = username + clientId)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId, 'utf8').digest('base64');
}
