// What a user has and did, from the API reference: sessions (AdminListUserSessions,
// AdminRevokeUserSession — a session here is a sign-in's refresh-token family, its origin_jti),
// sign-in history (AdminListUserAuthEvents, recorded by recordAuthEvents around the sign-in
// operations), AdminGetUserAuthFactors, AdminDeleteSoftwareToken, and passkeys
// (ListWebAuthnCredentials, DeleteWebAuthnCredential; added with the test API, as registering one
// needs a browser).
import { createHash, randomUUID } from 'node:crypto';
import type { FakeContext } from './context.js';
import { fail, required, resourceNotFound } from './errors.js';
import { verifyAccessToken } from './tokens.js';
import { enabledMfa } from './auth-steps.js';
import { getClient, getPool, type PoolState, type UserState } from './state.js';
import { findUser } from './user-store.js';
import { features } from './features-state.js';
import { availableFactors } from './user-auth.js';
import type { Operation } from './operations.js';

function adminUser(ctx: FakeContext, body: any): { pool: PoolState; user: UserState } {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const user = findUser(pool, required(body.Username, 'username')) ?? fail('UserNotFoundException', 'User does not exist.');
  return { pool, user };
}

const sessionIdOf = (originJti: string) => `tkn${createHash('sha256').update(originJti).digest('hex').slice(0, 26)}`;

/** Live sign-ins: one per origin_jti with a refresh token that is neither revoked nor expired. */
function liveSessions(ctx: FakeContext, pool: PoolState, user: UserState) {
  const byOrigin = new Map<string, { clientId: string; authTime: number }>();
  for (const r of ctx.refreshTokens.values()) {
    if (r.poolId !== pool.id || r.username !== user.username || r.revoked || ctx.revokedOrigins.has(r.originJti) || r.expiresAt <= ctx.now()) continue;
    byOrigin.set(r.originJti, { clientId: r.clientId, authTime: r.authTime });
  }
  return [...byOrigin].map(([origin, s]) => ({ origin, ...s }));
}

export function adminListUserSessions(ctx: FakeContext, body: any) {
  const { pool, user } = adminUser(ctx, body);
  return {
    Sessions: liveSessions(ctx, pool, user).map((s) => ({
      SessionId: sessionIdOf(s.origin),
      SessionType: 'TOKEN',
      ClientId: s.clientId,
      CreateDate: s.authTime,
      LastActiveDate: s.authTime,
      DeviceType: 'cognito-admin',
      LastIPAddress: '127.0.0.1',
      IsCurrentSession: false,
    })),
  };
}

export function adminRevokeUserSession(ctx: FakeContext, body: any) {
  const { pool, user } = adminUser(ctx, body);
  const id = required<string>(body.SessionId, 'sessionId');
  const session = liveSessions(ctx, pool, user).find((s) => sessionIdOf(s.origin) === id);
  if (!session) return resourceNotFound('Session does not exist.');
  // There are no managed-login (SSO) sessions here, so LINKED revokes the same one.
  ctx.revokedOrigins.add(session.origin);
  return {};
}

export function adminListUserAuthEvents(ctx: FakeContext, body: any) {
  const { pool, user } = adminUser(ctx, body);
  const max = Math.min(Number(body.MaxResults ?? 60), 60);
  const all = features(ctx)
    .events.filter((e) => e.poolId === pool.id && e.username === user.username)
    .reverse();
  const start = body.NextToken ? Number(body.NextToken) : 0;
  const page = all.slice(start, start + max);
  return {
    AuthEvents: page.map((e) => ({
      EventId: e.id,
      EventType: e.type,
      CreationDate: e.at.getTime() / 1000,
      EventResponse: e.response,
      EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
      ChallengeResponses: e.challenges,
      EventContextData: { IpAddress: e.ip, DeviceName: e.deviceName },
    })),
    ...(start + max < all.length ? { NextToken: String(start + max) } : {}),
  };
}

export function adminGetUserAuthFactors(ctx: FakeContext, body: any) {
  const { pool, user } = adminUser(ctx, body);
  const factors = new Set<string>();
  if (user.password !== undefined) factors.add('PASSWORD');
  for (const f of availableFactors(ctx, pool, user)) if (f !== 'PASSWORD_SRP') factors.add(f);
  if (user.mfa.totpEnabled && user.mfa.totpSecret) factors.add('SOFTWARE_TOKEN');
  const mfa = enabledMfa(user);
  return {
    Username: user.username,
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    UserMFASettingList: mfa,
    ConfiguredUserAuthFactors: [...factors],
  };
}

export function adminDeleteSoftwareToken(ctx: FakeContext, body: any) {
  const { user } = adminUser(ctx, body);
  user.mfa.totpSecret = undefined;
  user.mfa.pendingTotpSecret = undefined;
  user.mfa.totpEnabled = false;
  if (user.mfa.preferred === 'SOFTWARE_TOKEN_MFA') user.mfa.preferred = undefined;
  return {};
}

export function listWebAuthnCredentials(ctx: FakeContext, body: any) {
  const { pool, user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  return {
    Credentials: features(ctx)
      .passkeys.filter((p) => p.poolId === pool.id && p.username === user.username)
      .map((p) => ({
        CredentialId: p.id,
        FriendlyCredentialName: p.name,
        RelyingPartyId: p.relyingPartyId,
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal'],
        CreatedAt: p.createdAt.getTime() / 1000,
      })),
  };
}

export function deleteWebAuthnCredential(ctx: FakeContext, body: any) {
  const { pool, user } = verifyAccessToken(ctx, required(body.AccessToken, 'accessToken'));
  const id = required<string>(body.CredentialId, 'credentialId');
  const state = features(ctx);
  const index = state.passkeys.findIndex((p) => p.poolId === pool.id && p.username === user.username && p.id === id);
  if (index < 0) return resourceNotFound('Credential does not exist.');
  state.passkeys.splice(index, 1);
  return {};
}

/**
 * Records a SignIn event for each sign-in call that ends in tokens (Pass) or in a wrong password
 * or code (Fail), as AdminListUserAuthEvents reports them.
 */
export function recordAuthEvents(op: Operation): Operation {
  return (ctx, body) => {
    const who = () => {
      try {
        const clientId = body.ClientId as string | undefined;
        const pool = clientId ? getClient(ctx.pools, clientId).pool : undefined;
        const name = body.AuthParameters?.USERNAME ?? body.ChallengeResponses?.USERNAME;
        const user = pool && name ? findUser(pool, name) : undefined;
        return pool && user ? { pool, user } : undefined;
      } catch {
        return undefined;
      }
    };
    const record = (response: 'Pass' | 'Fail') => {
      const found = who();
      if (!found) return;
      const mfa = /_MFA$/.test(body.ChallengeName ?? '');
      const result = response === 'Pass' ? ('Success' as const) : ('Failure' as const);
      features(ctx).events.push({
        poolId: found.pool.id,
        username: found.user.username,
        id: randomUUID(),
        type: 'SignIn',
        at: new Date(ctx.now()),
        response,
        challenges: mfa
          ? [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }, { ChallengeName: 'Mfa', ChallengeResponse: result }]
          : [{ ChallengeName: 'Password', ChallengeResponse: result }],
        ip: '127.0.0.1',
        deviceName: 'cognito-admin',
      });
    };
    try {
      const out = op(ctx, body) as { AuthenticationResult?: unknown };
      if (out?.AuthenticationResult && body.AuthFlow !== 'REFRESH_TOKEN_AUTH' && body.AuthFlow !== 'REFRESH_TOKEN') record('Pass');
      return out;
    } catch (err) {
      if (/NotAuthorized|CodeMismatch/.test((err as Error).name)) record('Fail');
      throw err;
    }
  };
}
