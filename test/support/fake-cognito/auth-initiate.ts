// InitiateAuth and AdminInitiateAuth: SRP, password, refresh and custom flows.
import type { FakeContext } from './context.js';
import { fail, invalidParameter, notAuthorized, required } from './errors.js';
import { checkSecretHash } from './secret-hash.js';
import { newSecretBlock, type SignInProgress } from './sessions.js';
import { serverEphemeral, verifier, N } from './srp-server.js';
import { nextStep, load, type AuthResponse } from './auth-steps.js';
import { issueTokens } from './tokens.js';
import { getClient, type ClientState, type PoolState, type UserState } from './state.js';
import { findUser } from './user-store.js';
import { startUserAuth } from './user-auth.js';

type Params = Record<string, string | undefined>;

const FLOW_FLAG: Record<string, string> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};
/** The legacy ExplicitAuthFlows values, used when a client lists no ALLOW_ value. */
const LEGACY_FLAG: Record<string, string | undefined> = {
  ALLOW_USER_PASSWORD_AUTH: 'USER_PASSWORD_AUTH',
  ALLOW_ADMIN_USER_PASSWORD_AUTH: 'ADMIN_NO_SRP_AUTH',
  ALLOW_CUSTOM_AUTH: 'CUSTOM_AUTH_FLOW_ONLY',
};

export function flowAllowed(client: ClientState, flow: string): boolean {
  const flag = FLOW_FLAG[flow]!;
  if (client.flows.some((f) => f.startsWith('ALLOW_'))) return client.flows.includes(flag);
  const legacy = LEGACY_FLAG[flag];
  return legacy === undefined || client.flows.includes(legacy);
}

const PUBLIC_FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'USER_AUTH'];
const ADMIN_FLOWS = ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_AUTH'];

/** The user a typed USERNAME names, with Cognito's errors for the unknown and the disabled. */
export function signInUser(pool: PoolState, client: ClientState, typed: string): UserState {
  const user = findUser(pool, typed);
  if (!user) {
    return client.preventUserExistenceErrors
      ? notAuthorized('Incorrect username or password.')
      : fail('UserNotFoundException', 'User does not exist.');
  }
  if (!user.enabled) return notAuthorized('User is disabled.');
  if (user.status === 'RESET_REQUIRED') return fail('PasswordResetRequiredException', 'Password reset required for the user');
  return user;
}

export function afterPasswordProven(user: UserState): void {
  if (user.status === 'UNCONFIRMED') fail('UserNotConfirmedException', 'User is not confirmed.');
}

function progress(pool: PoolState, client: ClientState, user: UserState, admin: boolean, authFlow: string): SignInProgress {
  return {
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    admin,
    authFlow,
    passwordVerified: false,
    newPasswordDone: false,
    mfaDone: false,
    customDone: false,
    customAttempts: 0,
  };
}

export function startSrp(ctx: FakeContext, p: SignInProgress, user: UserState, pool: PoolState, srpA: string | undefined): AuthResponse {
  const aHex = required(srpA, 'SRP_A');
  if (!/^[0-9a-fA-F]+$/.test(aHex)) return invalidParameter('SRP_A is not a hexadecimal number.');
  const A = BigInt(`0x${aHex}`);
  if (A % N === 0n) return notAuthorized('Incorrect username or password.');
  const poolName = pool.id.split('_')[1]!;
  // Users without a password (imported, RESET_REQUIRED) were refused above; the rest have one.
  const v = verifier(poolName, user.username, user.password ?? '', user.salt);
  const { b, B } = serverEphemeral(v);
  const secretBlock = newSecretBlock();
  ctx.srpSessions.set(secretBlock, { ...p, secretBlock, A, b, B, v, expiresAt: ctx.now() + 3 * 60_000, used: false });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: user.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: user.username,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

function refresh(ctx: FakeContext, pool: PoolState, client: ClientState, params: Params): AuthResponse {
  const token = required(params.REFRESH_TOKEN, 'REFRESH_TOKEN');
  const record = ctx.refreshTokens.get(token);
  if (!record || record.clientId !== client.clientId || record.poolId !== pool.id) return notAuthorized('Invalid Refresh Token');
  // Cognito checks the secret hash against the internal username (the sub in an email-username pool).
  checkSecretHash(client, params.SECRET_HASH, record.username);
  if (record.revoked || ctx.revokedOrigins.has(record.originJti)) return notAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= ctx.now()) return notAuthorized('Refresh Token has expired');
  const { user } = load(ctx, { poolId: pool.id, clientId: client.clientId, username: record.username } as SignInProgress);
  if (!user.enabled) return notAuthorized('User is disabled.');
  return {
    ChallengeParameters: {},
    AuthenticationResult: issueTokens(ctx, pool, client, user, { authTime: record.authTime, originJti: record.originJti }),
  };
}

function initiate(ctx: FakeContext, pool: PoolState, client: ClientState, admin: boolean, body: any): AuthResponse {
  const flow = required<string>(body.AuthFlow, 'authFlow');
  if (!(admin ? ADMIN_FLOWS : PUBLIC_FLOWS).includes(flow)) return invalidParameter('Initiate Auth method not supported.');
  if (!flowAllowed(client, flow)) {
    return invalidParameter(admin ? 'Auth flow not enabled for this client' : `${flow} flow not enabled for this client`);
  }
  const params: Params = body.AuthParameters ?? {};
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') return refresh(ctx, pool, client, params);

  const typed = params.USERNAME;
  if (!typed) return invalidParameter('Missing required parameter USERNAME');
  checkSecretHash(client, params.SECRET_HASH, typed);
  const user = signInUser(pool, client, typed);
  const p = progress(pool, client, user, admin, flow);
  if (params.DEVICE_KEY) p.deviceKey = params.DEVICE_KEY;

  switch (flow) {
    case 'USER_AUTH':
      return startUserAuth(ctx, p, pool, user, params);
    case 'USER_SRP_AUTH':
      return startSrp(ctx, p, user, pool, params.SRP_A);
    case 'CUSTOM_AUTH':
      if (params.SRP_A !== undefined && params.CHALLENGE_NAME === 'SRP_A') return startSrp(ctx, p, user, pool, params.SRP_A);
      if (!pool.customChallenge) {
        return notAuthorized('Custom auth lambda trigger is not configured for the user pool.');
      }
      return nextStep(ctx, p);
    default: {
      const password = params.PASSWORD;
      if (!password) return invalidParameter('Missing required parameter PASSWORD');
      if (user.password === undefined || password !== user.password) return notAuthorized('Incorrect username or password.');
      afterPasswordProven(user);
      return nextStep(ctx, { ...p, passwordVerified: true });
    }
  }
}

export function initiateAuth(ctx: FakeContext, body: any): AuthResponse {
  const { pool, client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  return initiate(ctx, pool, client, false, body);
}

export function adminInitiateAuth(ctx: FakeContext, body: any): AuthResponse {
  const poolId = required<string>(body.UserPoolId, 'userPoolId');
  const { pool, client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  if (pool.id !== poolId) return fail('ResourceNotFoundException', `User pool client ${client.clientId} does not exist.`);
  return initiate(ctx, pool, client, true, body);
}
