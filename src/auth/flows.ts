// How a sign-in starts, and which API carries it: the public InitiateAuth/RespondToAuthChallenge
// pair (no AWS credentials; SRP, password and custom flows) or the admin pair
// (AdminInitiateAuth/AdminRespondToAuthChallenge, signed with AWS credentials — the server-side
// flow). Everything after the first call is the one challenge loop in challenges.ts.
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
  type AuthFlowType,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../context.js';
import { AuthError, UsageError } from '../errors.js';
import { isAwsError } from '../aws/errors.js';
import { registerSecret } from '../aws/redact.js';
import { secretHash } from './secret-hash.js';
import { startSrp } from './srp.js';
import { completeSignIn, type SignInState } from './challenges.js';
import { SignInInputs, type SignInInputOptions } from './inputs.js';

export const FLOWS = ['srp', 'password', 'admin', 'custom', 'custom-srp'] as const;
export type Flow = (typeof FLOWS)[number];

/** One step of a sign-in as Cognito answers it: tokens, or the next challenge. */
export interface AuthStep {
  ChallengeName?: ChallengeNameType | string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: AuthenticationResultType;
}

export interface AuthApi {
  readonly admin: boolean;
  initiate(flow: AuthFlowType, parameters: Record<string, string>): Promise<AuthStep>;
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
      const out = admin
        ? await idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: flow, AuthParameters: parameters }))
        : await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: parameters }));
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

export interface SignInOptions extends SignInInputOptions {
  flow?: Flow;
  deviceName?: string;
  selfVerify?: boolean;
}

export interface SignInResult {
  result: AuthenticationResultType;
  /** Cognito's own username, as the challenges named it (the typed name when none did). */
  internalUsername: string;
  poolId: string;
  clientId: string;
}

/** Signs `username` in through the chosen flow and every challenge that follows. */
export async function signIn(ctx: Context, username: string, options: SignInOptions): Promise<SignInResult> {
  const flow = options.flow ?? 'srp';
  const inputs = new SignInInputs(ctx, options);
  const poolId = await ctx.poolId();
  const clientId = await ctx.clientId();
  // Asked before any call, so a missing password never costs a round trip (or an SRP attempt).
  const password = flow === 'custom' ? undefined : await inputs.password(username);
  const secret = await ctx.clientSecret();
  registerSecret(secret);
  const idp = await ctx.idp();
  const api = authApi(idp, { poolId, clientId, admin: flow === 'admin' });

  const state: SignInState = { poolId, clientId, secret, typed: username, internal: username, password };
  const parameters: Record<string, string> = { USERNAME: username };
  // On the first call the hash is over the name as typed: Cognito has not said whose it is yet.
  if (secret) parameters.SECRET_HASH = secretHash(username, clientId, secret);

  let authFlow: AuthFlowType;
  switch (flow) {
    case 'srp':
    case 'custom-srp':
      state.srp = startSrp();
      parameters.SRP_A = state.srp.srpA;
      if (flow === 'custom-srp') parameters.CHALLENGE_NAME = 'SRP_A';
      authFlow = flow === 'srp' ? 'USER_SRP_AUTH' : 'CUSTOM_AUTH';
      break;
    case 'password':
      parameters.PASSWORD = password!;
      authFlow = 'USER_PASSWORD_AUTH';
      break;
    case 'admin':
      parameters.PASSWORD = password!;
      authFlow = 'ADMIN_USER_PASSWORD_AUTH';
      break;
    case 'custom':
      authFlow = 'CUSTOM_AUTH';
      break;
  }

  try {
    const first = await api.initiate(authFlow, parameters);
    const result = await completeSignIn(ctx, api, first, state, inputs, {
      deviceName: options.deviceName,
      selfVerify: options.selfVerify,
    });
    return { result, internalUsername: state.internal, poolId, clientId };
  } catch (err) {
    throw signInError(err, flow);
  }
}

/** An unknown user is an authentication failure (exit 4) like a wrong password; a flow the client refuses is a usage error. */
function signInError(err: unknown, flow: Flow): unknown {
  if (isAwsError(err, 'UserNotFoundException')) {
    return new AuthError((err as Error).message || 'User does not exist.', { code: 'UserNotFoundException', cause: err });
  }
  if (isAwsError(err, 'InvalidParameterException') && /flow not enabled|auth flow not enabled|not enabled for this client/i.test((err as Error).message)) {
    return new UsageError((err as Error).message, {
      code: 'InvalidParameterException',
      hint: `the app client does not allow the ${flow} flow: enable it on the client, or try --flow ${flow === 'srp' ? 'password' : 'srp'}`,
      cause: err,
    });
  }
  if (isAwsError(err, 'CodeMismatchException', 'ExpiredCodeException')) {
    return new AuthError((err as Error).message, {
      code: (err as Error).name,
      hint: 'check the code; a TOTP code computed from --totp-secret also needs the right secret and an accurate clock',
      cause: err,
    });
  }
  return err;
}
