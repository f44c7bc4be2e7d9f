// The scopes an access token carries (its `scope` claim), read without verifying the token.
import { decodeJwt } from '../auth/jwt.js';

export function scopesOf(accessToken: string): string[] | undefined {
  try {
    const scope = decodeJwt(accessToken).payload.scope;
    return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : undefined;
  } catch {
    return undefined;
  }
}
