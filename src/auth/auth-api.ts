// The two calls every sign-in is made of — start, then answer a challenge — over the public pair
// (InitiateAuth/RespondToAuthChallenge: no AWS credentials) or the admin pair
// (AdminInitiateAuth/AdminRespondToAuthChallenge: signed with AWS credentials, the server-side
// flow). The challenge loop and the flows only see this interface.
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
  type AuthFlowType,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
  type NewDeviceMetadataType,
} from '@aws-sdk/client-cognito-identity-provider';
import { registerSecret } from '../aws/redact.js';

/** One step of a sign-in as Cognito answers it: tokens, or the next challenge. */
export interface AuthStep {
  ChallengeName?: ChallengeNameType | string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: AuthenticationResultType & { NewDeviceMetadata?: NewDeviceMetadataType };
  AvailableChallenges?: string[];
}

export interface AuthApi {
  readonly admin: boolean;
  initiate(flow: AuthFlowType | string, parameters: Record<string, string>): Promise<AuthStep>;
  respond(challenge: string, responses: Record<string, string>, session: string | undefined): Promise<AuthStep>;
}

export function authApi(idp: CognitoIdentityProviderClient, target: { poolId: string; clientId: string; admin: boolean }): AuthApi {
  const { poolId, clientId, admin } = target;
  const remember = (step: AuthStep): AuthStep => {
    registerSecret(step.Session);
    const r = step.AuthenticationResult;
    for (const token of [r?.IdToken, r?.AccessToken, r?.RefreshToken]) registerSecret(token);
    return step;
  };
  return {
    admin,
    async initiate(flow, parameters) {
      const input = { ClientId: clientId, AuthFlow: flow as AuthFlowType, AuthParameters: parameters };
      const out = admin
        ? await idp.send(new AdminInitiateAuthCommand({ ...input, UserPoolId: poolId }))
        : await idp.send(new InitiateAuthCommand(input));
      return remember(out);
    },
    async respond(challenge, responses, session) {
      const input = { ClientId: clientId, ChallengeName: challenge as ChallengeNameType, ChallengeResponses: responses, Session: session };
      const out = admin
        ? await idp.send(new AdminRespondToAuthChallengeCommand({ ...input, UserPoolId: poolId }))
        : await idp.send(new RespondToAuthChallengeCommand(input));
      return remember(out);
    },
  };
}
