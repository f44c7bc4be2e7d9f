// Cognito's tokens: RS256 id and access JWTs signed with a per-pool RSA key published as a JWKS,
// and an opaque refresh token (shaped like Cognito's JWE) that only this server can redeem.
import { generateKeyPairSync, randomBytes, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { FakeContext } from './context.js';
import type { ClientState, PoolState, UserState } from './state.js';
import { fail, notAuthorized } from './errors.js';

export interface PoolKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Jwk {
  alg: 'RS256';
  e: string;
  kid: string;
  kty: 'RSA';
  n: string;
  use: 'sig';
}

export function createPoolKey(): PoolKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(32).toString('base64'), privateKey, publicKey };
}

export function jwks(pool: PoolState): { keys: Jwk[] } {
  const { n, e } = pool.key.publicKey.export({ format: 'jwk' });
  return { keys: [{ alg: 'RS256', e: e!, kid: pool.key.kid, kty: 'RSA', n: n!, use: 'sig' }] };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(key: PoolKey, payload: Record<string, unknown>): string {
  const input = `${b64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key.privateKey))}`;
}

export interface DecodedJwt {
  header: { kid?: string; alg?: string };
  payload: Record<string, unknown>;
  input: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')),
      payload: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')),
      input: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

export interface RefreshRecord {
  token: string;
  poolId: string;
  clientId: string;
  username: string;
  originJti: string;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export const issuer = (ctx: FakeContext, pool: PoolState) => `${ctx.url}/${pool.id}`;

/** Standard attributes Cognito writes into the id token as booleans or numbers. */
function claimValue(name: string, value: string): unknown {
  if (name === 'email_verified' || name === 'phone_number_verified') return value === 'true';
  if (name === 'updated_at' && /^\d+$/.test(value)) return Number(value);
  return value;
}

export function issueTokens(
  ctx: FakeContext,
  pool: PoolState,
  client: ClientState,
  user: UserState,
  session?: { authTime: number; originJti: string },
  /** For OAuth2 grants: the access token's scopes (default what the user-pool API issues) and id token claims such as `nonce`. */
  grant: { scopes?: string[]; idClaims?: Record<string, unknown> } = {},
): AuthenticationResult {
  const scopes = grant.scopes ?? ['aws.cognito.signin.user.admin'];
  const now = Math.floor(ctx.now() / 1000);
  const authTime = session?.authTime ?? now;
  const originJti = session?.originJti ?? randomUUID();
  const eventId = randomUUID();
  user.origins.add(originJti);
  const groups = user.groups.length ? { 'cognito:groups': [...user.groups] } : {};
  const idClaims: Record<string, unknown> = { sub: user.sub, ...groups };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name !== 'sub') idClaims[name] = claimValue(name, value);
  }
  Object.assign(idClaims, {
    iss: issuer(ctx, pool),
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    exp: now + client.idTokenSeconds,
    iat: now,
    jti: randomUUID(),
    ...grant.idClaims,
  });
  const accessClaims = {
    sub: user.sub,
    ...groups,
    iss: issuer(ctx, pool),
    client_id: client.clientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: authTime,
    exp: now + client.accessTokenSeconds,
    iat: now,
    jti: randomUUID(),
    username: user.username,
  };
  const result: AuthenticationResult = {
    AccessToken: signJwt(pool.key, accessClaims),
    ExpiresIn: client.accessTokenSeconds,
    TokenType: 'Bearer',
    IdToken: signJwt(pool.key, idClaims),
  };
  if (!session) {
    const token = [
      b64url(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })),
      b64url(randomBytes(256)),
      b64url(randomBytes(12)),
      b64url(randomBytes(384)),
      b64url(randomBytes(16)),
    ].join('.');
    ctx.refreshTokens.set(token, {
      token,
      poolId: pool.id,
      clientId: client.clientId,
      username: user.username,
      originJti,
      authTime,
      expiresAt: ctx.now() + client.refreshTokenSeconds * 1000,
      revoked: false,
    });
    result.RefreshToken = token;
  }
  return result;
}

export interface VerifiedAccess {
  pool: PoolState;
  user: UserState;
  claims: Record<string, unknown>;
}

/** What Cognito checks on an AccessToken: signature, expiry, revocation, that the user still exists. */
export function verifyAccessToken(ctx: FakeContext, token: string | undefined): VerifiedAccess {
  const decoded = token ? decodeJwt(token) : undefined;
  if (!decoded || decoded.header.alg !== 'RS256') return notAuthorized('Invalid Access Token');
  const iss = String(decoded.payload.iss ?? '');
  const pool = iss.startsWith(`${ctx.url}/`) ? ctx.pools.get(iss.slice(ctx.url.length + 1)) : undefined;
  if (!pool || pool.key.kid !== decoded.header.kid) return notAuthorized('Invalid Access Token');
  const ok = verify('sha256', Buffer.from(decoded.input), pool.key.publicKey, decoded.signature);
  const claims = decoded.payload;
  if (!ok || claims.token_use !== 'access' || claims.iss !== issuer(ctx, pool)) return notAuthorized('Invalid Access Token');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.now()) return notAuthorized('Access Token has expired');
  if (ctx.revokedOrigins.has(String(claims.origin_jti))) return notAuthorized('Access Token has been revoked');
  const user = [...pool.users.values()].find((u) => u.sub === claims.sub);
  if (!user) return fail('UserNotFoundException', 'User does not exist.');
  if (!user.enabled) return notAuthorized('User is disabled.');
  return { pool, user, claims };
}
