// GetTokensFromRefreshToken, from the API reference: new id and access tokens for a refresh token
// (the client secret itself, not a SECRET_HASH, for a client that has one; the DeviceKey for a
// token issued to a confirmed device). With rotation on for the client, a new refresh token comes
// back and the old one keeps working only for the grace period.
import { randomBytes } from 'node:crypto';
import type { FakeContext } from './context.js';
import { notAuthorized, required } from './errors.js';
import { issueTokens } from './tokens.js';
import { getClient } from './state.js';
import { load } from './auth-steps.js';
import type { SignInProgress } from './sessions.js';
import { features } from './features-state.js';
import { checkRefreshDevice } from './devices.js';

export async function getTokensFromRefreshToken(ctx: FakeContext, body: any) {
  const { pool, client } = getClient(ctx.pools, required(body.ClientId, 'clientId'));
  const token = required<string>(body.RefreshToken, 'refreshToken');
  if (client.clientSecret && body.ClientSecret !== client.clientSecret) {
    return notAuthorized(`Client ${client.clientId} is configured with secret but ClientSecret was not received or is wrong`);
  }
  const record = ctx.refreshTokens.get(token);
  if (!record || record.clientId !== client.clientId) return notAuthorized('Invalid Refresh Token');
  const state = features(ctx);
  const rotation = state.rotation.get(client.clientId);
  const rotatedAt = state.rotatedAt.get(token);
  if (rotatedAt !== undefined && ctx.now() > rotatedAt + (rotation?.graceSeconds ?? 0) * 1000) return notAuthorized('Invalid Refresh Token');
  if (record.revoked || ctx.revokedOrigins.has(record.originJti)) return notAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= ctx.now()) return notAuthorized('Refresh Token has expired');
  checkRefreshDevice(ctx, token, body.DeviceKey);
  const { user } = load(ctx, { poolId: pool.id, clientId: client.clientId, username: record.username } as SignInProgress);
  if (!user.enabled) return notAuthorized('User is disabled.');
  const result = issueTokens(ctx, pool, client, user, { authTime: record.authTime, originJti: record.originJti });
  if (rotation) {
    const next = `${token.split('.')[0]}.${randomBytes(256).toString('base64url')}.${randomBytes(12).toString('base64url')}`;
    ctx.refreshTokens.set(next, { ...record, token: next, expiresAt: ctx.now() + client.refreshTokenSeconds * 1000 });
    if (rotatedAt === undefined) state.rotatedAt.set(token, ctx.now());
    const device = state.tokenDevice.get(token);
    if (device) state.tokenDevice.set(next, device);
    Object.assign(result, { RefreshToken: next });
    await rotation.beforeReply?.();
  }
  return { AuthenticationResult: result };
}
