// The fake's OAuth2 endpoints checked by an independent client: openid-client (a certified
// OpenID Connect relying-party library) runs the authorization-code grant with PKCE, refresh,
// client credentials, userInfo and revocation against them. So the fake is held to the protocol,
// not only to what our own client happens to send.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { useFakeCognito } from './sdk.js';
import type { FakeCognito, PoolState } from '../../support/fake-cognito/index.js';
import { driveLogin } from '../../support/browser/drive-login.mjs';

const PASSWORD = 'Corr3ct-Horse!battery';
let server: FakeCognito;
useFakeCognito((s) => (server = s));

let pool: PoolState;
let callback: Server;
let redirectUri: string;
const landed: URL[] = [];

beforeAll(async () => {
  pool = server.createPool();
  server.createResourceServer(pool.id, 'orders', ['read', 'write']);
  server.addUser(pool.id, {
    username: 'ann',
    password: PASSWORD,
    attributes: { email: 'ann@example.com', email_verified: 'true', name: 'Ann Example', phone_number: '+447700900123' },
  });
  // Plays the relying party's redirect URI: records where the browser lands.
  callback = createServer((req, res) => {
    landed.push(new URL(req.url ?? '/', redirectUri));
    res.end('ok');
  });
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://localhost:${(callback.address() as AddressInfo).port}/callback`;
});
afterAll(() => new Promise<void>((resolve) => callback.close(() => resolve())));

function configuration(clientId: string, auth: oidc.ClientAuth): oidc.Configuration {
  const domain = server.domainUrl(pool.id);
  const config = new oidc.Configuration(
    {
      issuer: server.issuer(pool.id),
      authorization_endpoint: `${domain}/oauth2/authorize`,
      token_endpoint: `${domain}/oauth2/token`,
      userinfo_endpoint: `${domain}/oauth2/userInfo`,
      revocation_endpoint: `${domain}/oauth2/revoke`,
      jwks_uri: server.jwksUrl(pool.id),
    },
    clientId,
    undefined,
    auth,
  );
  oidc.allowInsecureRequests(config); // plain http on loopback only
  return config;
}

async function signIn(config: oidc.Configuration, scope: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const before = landed.length;
  const page = await driveLogin(url.toString(), { username: 'ann', password: PASSWORD });
  expect(page.status).toBe(200);
  expect(landed.length).toBe(before + 1);
  const tokens = await oidc.authorizationCodeGrant(config, landed.at(-1)!, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: scope.includes('openid'),
  });
  return { tokens, verifier, callbackUrl: landed.at(-1)! };
}

describe('the fake OAuth2 domain, driven by openid-client', () => {
  it('authorization code with PKCE (confidential client, HTTP Basic): tokens, claims, userInfo, refresh, revocation', async () => {
    const client = server.createClient(pool.id, {
      secret: true,
      oauthFlows: ['code'],
      scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      callbackUrls: [redirectUri],
    });
    const config = configuration(client.clientId, oidc.ClientSecretBasic(client.clientSecret!));
    const { tokens } = await signIn(config, 'openid email profile aws.cognito.signin.user.admin');
    const claims = tokens.claims()!;
    expect(claims.iss).toBe(server.issuer(pool.id));
    expect(claims.aud).toBe(client.clientId);
    expect(claims['cognito:username']).toBe('ann');
    expect(tokens.refresh_token).toBeTruthy();
    expect(String(tokens.scope ?? '')).toBe('');

    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, email: 'ann@example.com', name: 'Ann Example', username: 'ann' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()!.sub).toBe(claims.sub);

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Cognito's challenge names no scheme (`WWW-Authenticate: error="invalid_token", …`), so
    // openid-client reports the bare 401 response.
    const refused = await oidc.fetchUserInfo(config, refreshed.access_token, claims.sub).then(
      () => undefined,
      (err: { cause?: Response }) => err.cause,
    );
    expect(refused?.status).toBe(401);
    expect(refused?.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('a public client: PKCE without a secret; the scopes decide the userInfo claims', async () => {
    const client = server.createClient(pool.id, { oauthFlows: ['code'], scopes: ['openid', 'email'], callbackUrls: [redirectUri] });
    const config = configuration(client.clientId, oidc.None());
    const { tokens } = await signIn(config, 'openid email');
    const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(info.email).toBe('ann@example.com');
    expect(info.name).toBeUndefined();
    expect(info.phone_number).toBeUndefined();
  });

  it('a code is redeemed once, and only with the right verifier and redirect URI', async () => {
    const client = server.createClient(pool.id, { secret: true, oauthFlows: ['code'], scopes: ['openid'], callbackUrls: [redirectUri] });
    const config = configuration(client.clientId, oidc.ClientSecretPost(client.clientSecret!));
    const { callbackUrl, verifier } = await signIn(config, 'openid');
    // signIn redeemed it already: a second use is refused.
    await expect(
      oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: callbackUrl.searchParams.get('state')! }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });

    // A fresh code with a wrong verifier is refused, and spent by the attempt.
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      state,
    });
    await driveLogin(url.toString(), { username: 'ann', password: PASSWORD });
    const landedAt = landed.at(-1)!;
    await expect(
      oidc.authorizationCodeGrant(config, landedAt, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('client credentials: resource-server scopes, all of them by default, invalid_scope otherwise, wrong secret is invalid_client', async () => {
    const client = server.createClient(pool.id, {
      secret: true,
      oauthFlows: ['client_credentials'],
      scopes: ['orders/read', 'orders/write'],
    });
    const basic = configuration(client.clientId, oidc.ClientSecretBasic(client.clientSecret!));
    const some = await basic.serverMetadata() && (await oidc.clientCredentialsGrant(basic, { scope: 'orders/read' }));
    expect(some.scope ?? '').toBe('');
    expect(JSON.parse(Buffer.from(some.access_token.split('.')[1]!, 'base64url').toString()).scope).toBe('orders/read');
    const all = await oidc.clientCredentialsGrant(basic);
    expect(JSON.parse(Buffer.from(all.access_token.split('.')[1]!, 'base64url').toString()).scope).toBe('orders/read orders/write');
    expect(all.refresh_token).toBeUndefined();
    expect(all.id_token).toBeUndefined();
    await expect(oidc.clientCredentialsGrant(basic, { scope: 'orders/delete' })).rejects.toMatchObject({ error: 'invalid_scope' });
    await expect(oidc.clientCredentialsGrant(basic, { scope: 'openid' })).rejects.toMatchObject({ error: 'invalid_scope' });

    const wrong = configuration(client.clientId, oidc.ClientSecretBasic('not-the-secret'));
    await expect(oidc.clientCredentialsGrant(wrong)).rejects.toMatchObject({ error: 'invalid_client' });

    const codeOnly = server.createClient(pool.id, { secret: true, oauthFlows: ['code'], scopes: ['openid'], callbackUrls: [redirectUri] });
    await expect(
      oidc.clientCredentialsGrant(configuration(codeOnly.clientId, oidc.ClientSecretBasic(codeOnly.clientSecret!))),
    ).rejects.toMatchObject({ error: 'unauthorized_client' });
  });

  it('authorize errors: an unregistered redirect URI gets an error page; a scope the client lacks goes back as invalid_scope', async () => {
    const client = server.createClient(pool.id, { oauthFlows: ['code'], scopes: ['openid'], callbackUrls: [redirectUri] });
    const config = configuration(client.clientId, oidc.None());
    const elsewhere = oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://localhost:1/other', scope: 'openid' });
    const page = await driveLogin(elsewhere.toString(), { username: 'ann', password: PASSWORD });
    expect(page.status).toBe(400);
    expect(page.html).toContain('redirect_mismatch');

    const before = landed.length;
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid profile', state: 's1' });
    await driveLogin(url.toString(), { username: 'ann', password: PASSWORD });
    expect(landed.length).toBe(before + 1);
    expect(landed.at(-1)!.searchParams.get('error')).toBe('invalid_scope');
    expect(landed.at(-1)!.searchParams.get('state')).toBe('s1');
  });
});
