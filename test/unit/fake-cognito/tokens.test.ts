// Tokens: Cognito's claims, a JWKS that aws-jwt-verify accepts, access-token checks on GetUser,
// refresh (and its SECRET_HASH over the sub), GlobalSignOut and RevokeToken.
import { describe, expect, it } from 'vitest';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import {
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { FakeCognito } from '../../support/fake-cognito/index.js';
import { rejection, useFakeCognito } from './sdk.js';

let server: FakeCognito;
let sdk: CognitoIdentityProviderClient;

useFakeCognito((started, client) => {
  server = started;
  sdk = client;
});

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
const header = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'));

async function signIn(clientId: string, username: string, password: string, secretHash?: string) {
  const out = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, ...(secretHash ? { SECRET_HASH: secretHash } : {}) },
    }),
  );
  return out.AuthenticationResult!;
}

const refresh = (clientId: string, token: string, extra: Record<string, string> = {}, flow: 'REFRESH_TOKEN_AUTH' | 'REFRESH_TOKEN' = 'REFRESH_TOKEN_AUTH') =>
  sdk.send(new InitiateAuthCommand({ AuthFlow: flow, ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token, ...extra } }));

describe('JWTs and the JWKS', () => {
  it('issues RS256 tokens with Cognito claims, verifiable against the served JWKS', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    const user = server.addUser(pool.id, {
      username: 'ann',
      password: 'Good-pass-1',
      attributes: { email: 'ann@example.com', email_verified: 'true', 'custom:tenant': 't1' },
      groups: ['admins', 'staff'],
    });
    const tokens = await signIn(clientId, 'ann', 'Good-pass-1');

    const response = await fetch(server.jwksUrl(pool.id));
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB', kid: header(tokens.IdToken!).kid });

    const id = JwtRsaVerifier.create({ issuer: server.issuer(pool.id), audience: clientId, jwksUri: server.jwksUrl(pool.id) });
    id.cacheJwks(jwks as never);
    const idClaims = id.verifySync(tokens.IdToken!) as Record<string, unknown>;
    expect(idClaims).toMatchObject({
      sub: user.sub,
      aud: clientId,
      token_use: 'id',
      'cognito:username': 'ann',
      'cognito:groups': ['admins', 'staff'],
      email: 'ann@example.com',
      email_verified: true,
      'custom:tenant': 't1',
      iss: `${server.url}/${pool.id}`,
    });
    for (const claim of ['auth_time', 'iat', 'exp', 'event_id', 'jti', 'origin_jti']) expect(idClaims[claim]).toBeDefined();

    const access = JwtRsaVerifier.create({ issuer: server.issuer(pool.id), audience: null, jwksUri: server.jwksUrl(pool.id) });
    access.cacheJwks(jwks as never);
    const accessClaims = access.verifySync(tokens.AccessToken!) as Record<string, unknown>;
    expect(accessClaims).toMatchObject({
      sub: user.sub,
      client_id: clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: 'ann',
      'cognito:groups': ['admins', 'staff'],
    });
    expect(accessClaims.aud).toBeUndefined();
    expect(Number(accessClaims.exp) - Number(accessClaims.iat)).toBe(3600);
    expect(tokens.RefreshToken!.split('.')).toHaveLength(5);

    const openid = (await (await fetch(`${server.issuer(pool.id)}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(openid.jwks_uri).toBe(server.jwksUrl(pool.id));
  });

  it('checks access tokens on GetUser: id tokens, tampering and expiry are refused', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS, accessTokenSeconds: 300 });
    server.addUser(pool.id, { username: 'bo', password: 'Good-pass-1', attributes: { email: 'bo@example.com' } });
    const tokens = await signIn(clientId, 'bo', 'Good-pass-1');

    const me = await sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(me.Username).toBe('bo');
    expect(me.UserAttributes).toContainEqual({ Name: 'email', Value: 'bo@example.com' });

    const idToken = await rejection(sdk.send(new GetUserCommand({ AccessToken: tokens.IdToken })));
    expect([idToken.name, idToken.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
    const [h, p, s] = tokens.AccessToken!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(tokens.AccessToken!), username: 'root' })).toString('base64url');
    expect((await rejection(sdk.send(new GetUserCommand({ AccessToken: `${h}.${forged}.${s}` })))).message).toBe('Invalid Access Token');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect((await rejection(sdk.send(new GetUserCommand({ AccessToken: none })))).message).toBe('Invalid Access Token');

    server.advanceTime(301);
    const expired = await rejection(sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })));
    expect([expired.name, expired.message]).toEqual(['NotAuthorizedException', 'Access Token has expired']);

    const refreshed = await refresh(clientId, tokens.RefreshToken!);
    const result = refreshed.AuthenticationResult!;
    expect(result.RefreshToken).toBeUndefined();
    expect(claims(result.AccessToken!).origin_jti).toBe(claims(tokens.AccessToken!).origin_jti);
    expect(claims(result.AccessToken!).auth_time).toBe(claims(tokens.AccessToken!).auth_time);
    expect((await sdk.send(new GetUserCommand({ AccessToken: result.AccessToken }))).Username).toBe('bo');
    expect((await refresh(clientId, tokens.RefreshToken!, {}, 'REFRESH_TOKEN')).AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('refresh with a client secret', () => {
  it('wants SECRET_HASH over the sub, not the email the user signed in with', async () => {
    const pool = server.createPool({ usernameAttributes: ['email'] });
    const { clientId } = server.createClient(pool.id, { flows: FLOWS, secret: true });
    const user = server.addUser(pool.id, { username: 'cat@example.com', password: 'Good-pass-1' });
    const tokens = await signIn(clientId, 'cat@example.com', 'Good-pass-1', server.secretHash(clientId, 'cat@example.com'));

    const missing = await rejection(refresh(clientId, tokens.RefreshToken!));
    expect(missing.message).toBe(`Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    const overEmail = await rejection(refresh(clientId, tokens.RefreshToken!, { SECRET_HASH: server.secretHash(clientId, 'cat@example.com') }));
    expect([overEmail.name, overEmail.message]).toEqual(['NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`]);
    const ok = await refresh(clientId, tokens.RefreshToken!, { SECRET_HASH: server.secretHash(clientId, user.sub) });
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});

describe('sign-out', () => {
  it('GlobalSignOut revokes every access and refresh token of the user', async () => {
    const pool = server.createPool();
    const { clientId } = server.createClient(pool.id, { flows: FLOWS });
    server.addUser(pool.id, { username: 'dan', password: 'Good-pass-1' });
    const one = await signIn(clientId, 'dan', 'Good-pass-1');
    const two = await signIn(clientId, 'dan', 'Good-pass-1');
    await sdk.send(new GlobalSignOutCommand({ AccessToken: one.AccessToken }));
    for (const t of [one, two]) {
      expect((await rejection(sdk.send(new GetUserCommand({ AccessToken: t.AccessToken })))).message).toBe('Access Token has been revoked');
      expect((await rejection(refresh(clientId, t.RefreshToken!))).message).toBe('Refresh Token has been revoked');
    }
    const three = await signIn(clientId, 'dan', 'Good-pass-1');
    expect((await sdk.send(new GetUserCommand({ AccessToken: three.AccessToken }))).Username).toBe('dan');
  });

  it('RevokeToken revokes one refresh token and the access tokens it issued, and needs the client secret', async () => {
    const pool = server.createPool();
    const { clientId, clientSecret } = server.createClient(pool.id, { flows: FLOWS, secret: true });
    server.addUser(pool.id, { username: 'eve', password: 'Good-pass-1' });
    const hash = server.secretHash(clientId, 'eve');
    const one = await signIn(clientId, 'eve', 'Good-pass-1', hash);
    const two = await signIn(clientId, 'eve', 'Good-pass-1', hash);
    const noSecret = await rejection(sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: one.RefreshToken })));
    expect(noSecret.name).toBe('UnauthorizedException');
    await sdk.send(new RevokeTokenCommand({ ClientId: clientId, ClientSecret: clientSecret, Token: one.RefreshToken }));
    expect((await rejection(sdk.send(new GetUserCommand({ AccessToken: one.AccessToken })))).message).toBe('Access Token has been revoked');
    expect((await rejection(refresh(clientId, one.RefreshToken!, { SECRET_HASH: hash }))).message).toBe('Refresh Token has been revoked');
    expect((await sdk.send(new GetUserCommand({ AccessToken: two.AccessToken }))).Username).toBe('eve');
    const access = await rejection(sdk.send(new RevokeTokenCommand({ ClientId: clientId, ClientSecret: clientSecret, Token: two.AccessToken })));
    expect(access.name).toBe('UnsupportedTokenTypeException');
  });
});
