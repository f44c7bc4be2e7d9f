// GetUser and AdminGetUser: a user as Cognito shows it, MFA settings included.
import type { FakeContext } from './context.js';
import { fail, required } from './errors.js';
import { verifyAccessToken } from './tokens.js';
import { enabledMfa } from './auth-steps.js';
import { getPool, type UserState } from './state.js';
import { findUser } from './user-store.js';

export function attributeList(user: UserState): { Name: string; Value: string }[] {
  return Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
}

function mfaView(user: UserState) {
  const list = enabledMfa(user);
  return {
    ...(user.mfa.sms && user.attributes.phone_number
      ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }
      : {}),
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(list.length ? { UserMFASettingList: list } : {}),
  };
}

export function getUser(ctx: FakeContext, body: any) {
  const { user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  return { Username: user.username, UserAttributes: attributeList(user), ...mfaView(user) };
}

export function adminGetUser(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const user = findUser(pool, required(body.Username, 'username'));
  if (!user) return fail('UserNotFoundException', 'User does not exist.');
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.modifiedAt,
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaView(user),
  };
}
