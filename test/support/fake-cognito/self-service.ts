// What an app does on a user's behalf: sign-up and confirmation, forgotten and changed passwords,
// sign-out and token revocation.
import { randomUUID } from 'node:crypto';
import type { FakeContext } from './context.js';
import { fail, invalidParameter, notAuthorized, required } from './errors.js';
import { checkSecretHash } from './secret-hash.js';
import { verifyAccessToken } from './tokens.js';
import { codeMedium, sendCode } from './codes.js';
import { getClient, type PoolState, type UserState } from './state.js';
import { checkPasswordPolicy, createUser, findUser, placeNewUser, setPassword } from './user-store.js';

const codeMismatch = () => fail('CodeMismatchException', 'Invalid verification code provided, please try again.');

function existingUser(pool: PoolState, typed: string): UserState {
  const user = findUser(pool, typed);
  if (!user) return fail('UserNotFoundException', 'Username/client id combination not found.');
  return user;
}

function clientFor(ctx: FakeContext, body: any, username: string) {
  const found = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  checkSecretHash(found.client, body.SecretHash, username);
  return found;
}

export function signUp(ctx: FakeContext, body: any) {
  const username = required<string>(body.Username, 'username');
  const password = required<string>(body.Password, 'password');
  const { pool } = clientFor(ctx, body, username);
  const attributes: Record<string, string> = {};
  for (const a of (body.UserAttributes ?? []) as { Name: string; Value: string }[]) attributes[a.Name] = a.Value;
  const sub = randomUUID();
  const placed = placeNewUser(pool, username, attributes, sub);
  if (findUser(pool, placed.username) || (pool.usernameAttributes.length && findUser(pool, username))) {
    return fail(
      'UsernameExistsException',
      pool.usernameAttributes.includes('email') && username.includes('@')
        ? 'An account with the given email already exists.'
        : 'User already exists',
    );
  }
  checkPasswordPolicy(pool, password);
  for (const attr of pool.requiredAttributes) {
    if (placed.attributes[attr] === undefined) {
      return invalidParameter(`Attributes did not conform to the schema: ${attr}: The attribute is required`);
    }
  }
  const user = createUser(pool, {
    username,
    password,
    attributes: { ...attributes, sub },
    status: 'UNCONFIRMED',
  });
  const medium = codeMedium(pool, user, true);
  if (!medium) return { UserConfirmed: false, UserSub: user.sub };
  const { code, details } = sendCode(ctx, pool, user, 'signup', medium);
  user.codes.signup = code;
  return { UserConfirmed: false, UserSub: user.sub, CodeDeliveryDetails: details };
}

export function confirmSignUp(ctx: FakeContext, body: any) {
  const username = required<string>(body.Username, 'username');
  const { pool } = clientFor(ctx, body, username);
  const code = required<string>(body.ConfirmationCode, 'confirmationCode');
  const user = existingUser(pool, username);
  if (user.status !== 'UNCONFIRMED') return notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  if (!user.codes.signup || code !== user.codes.signup) return codeMismatch();
  const medium = codeMedium(pool, user, true);
  if (medium) user.attributes[medium === 'EMAIL' ? 'email_verified' : 'phone_number_verified'] = 'true';
  user.status = 'CONFIRMED';
  user.codes.signup = undefined;
  user.modifiedAt = new Date();
  return {};
}

export function resendConfirmationCode(ctx: FakeContext, body: any) {
  const username = required<string>(body.Username, 'username');
  const { pool } = clientFor(ctx, body, username);
  const user = existingUser(pool, username);
  if (user.status !== 'UNCONFIRMED') return invalidParameter('User is already confirmed.');
  const medium = codeMedium(pool, user, true);
  if (!medium) return invalidParameter('Auto verification not turned on.');
  const { code, details } = sendCode(ctx, pool, user, 'signup', medium);
  user.codes.signup = code;
  return { CodeDeliveryDetails: details };
}

export function forgotPassword(ctx: FakeContext, body: any) {
  const username = required<string>(body.Username, 'username');
  const { pool } = clientFor(ctx, body, username);
  const user = existingUser(pool, username);
  if (!user.enabled) return notAuthorized('User is disabled.');
  const medium = codeMedium(pool, user, false);
  if (!medium) {
    return invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
  }
  const { code, details } = sendCode(ctx, pool, user, 'forgot', medium);
  user.codes.forgot = code;
  return { CodeDeliveryDetails: details };
}

export function confirmForgotPassword(ctx: FakeContext, body: any) {
  const username = required<string>(body.Username, 'username');
  const { pool } = clientFor(ctx, body, username);
  const code = required<string>(body.ConfirmationCode, 'confirmationCode');
  const password = required<string>(body.Password, 'password');
  const user = existingUser(pool, username);
  if (!user.codes.forgot || code !== user.codes.forgot) return codeMismatch();
  checkPasswordPolicy(pool, password);
  setPassword(user, password);
  user.codes.forgot = undefined;
  user.status = 'CONFIRMED';
  return {};
}

export function changePassword(ctx: FakeContext, body: any) {
  const { pool, user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  const proposed = required<string>(body.ProposedPassword, 'proposedPassword');
  if (body.PreviousPassword !== user.password) return notAuthorized('Incorrect username or password.');
  checkPasswordPolicy(pool, proposed);
  setPassword(user, proposed);
  return {};
}

function signOutEverywhere(ctx: FakeContext, user: UserState): void {
  for (const origin of user.origins) ctx.revokedOrigins.add(origin);
  for (const record of ctx.refreshTokens.values()) {
    if (user.origins.has(record.originJti)) record.revoked = true;
  }
}

export function globalSignOut(ctx: FakeContext, body: any) {
  const { user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  signOutEverywhere(ctx, user);
  return {};
}

export function adminUserGlobalSignOut(ctx: FakeContext, body: any) {
  const pool = ctx.pools.get(required(body.UserPoolId, 'userPoolId'));
  const user = pool && findUser(pool, required(body.Username, 'username'));
  if (!user) return fail('UserNotFoundException', 'User does not exist.');
  signOutEverywhere(ctx, user);
  return {};
}

export function revokeToken(ctx: FakeContext, body: any) {
  const token = required<string>(body.Token, 'token');
  const { client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  if (client.clientSecret && body.ClientSecret !== client.clientSecret) {
    return fail('UnauthorizedException', 'Invalid client secret');
  }
  const record = ctx.refreshTokens.get(token);
  if (!record) {
    if (token.split('.').length === 3) return fail('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked');
    return {};
  }
  if (record.clientId !== client.clientId) return fail('UnauthorizedException', 'The token was not issued to this client');
  record.revoked = true;
  ctx.revokedOrigins.add(record.originJti);
  return {};
}
