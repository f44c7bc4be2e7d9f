// New tokens from a refresh token. GetTokensFromRefreshToken is the call that supports refresh-
// token rotation (it returns a new refresh token when the app client rotates them) and works for
// clients that do not rotate as well; it takes the client secret itself rather than a
// SECRET_HASH. Emulators that do not know it get the older REFRESH_TOKEN_AUTH flow.
import {
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { registerSecret } from '../aws/redact.js';
import { isUnimplementedOperation } from '../aws/unimplemented.js';
import { secretHash } from './secret-hash.js';

export interface RefreshRequest {
  clientId: string;
  refreshToken: string;
  clientSecret?: string;
  /** Cognito's own username, for the SECRET_HASH of the older flow. */
  internalUsername: string;
  /** A confirmed device's key: a pool that tracks devices refuses a refresh without it. */
  deviceKey?: string;
}

export async function refreshTokens(
  idp: CognitoIdentityProviderClient,
  request: RefreshRequest,
  debug: (text: string) => void = () => {},
): Promise<AuthenticationResultType | undefined> {
  let result: AuthenticationResultType | undefined;
  try {
    ({ AuthenticationResult: result } = await idp.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: request.clientId,
        RefreshToken: request.refreshToken,
        ClientSecret: request.clientSecret,
        DeviceKey: request.deviceKey,
      }),
    ));
  } catch (err) {
    if (!isUnimplementedOperation(err)) throw err;
    debug(`debug: GetTokensFromRefreshToken is not available here (${(err as Error).name}); using REFRESH_TOKEN_AUTH`);
    const parameters: Record<string, string> = { REFRESH_TOKEN: request.refreshToken };
    // Cognito checks this hash against its own username, never the alias typed at sign-in.
    if (request.clientSecret) parameters.SECRET_HASH = secretHash(request.internalUsername, request.clientId, request.clientSecret);
    if (request.deviceKey) parameters.DEVICE_KEY = request.deviceKey;
    ({ AuthenticationResult: result } = await idp.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: request.clientId, AuthParameters: parameters }),
    ));
  }
  for (const token of [result?.IdToken, result?.AccessToken, result?.RefreshToken]) registerSecret(token);
  return result;
}
