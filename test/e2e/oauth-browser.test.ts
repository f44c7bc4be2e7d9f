// auth login --browser end to end: the built binary against the fake Cognito's OAuth2 domain,
// with $BROWSER set to a script that signs in on the login page the way a person would (fetch
// the page, fill in the form, submit it, follow the redirect to the CLI's loopback server).
// Then the session is used: whoami, userinfo, refresh, logout (revoked at the domain).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCognito, type ClientState, type FakeCognito, type PoolState } from '../support/fake-cognito/index.js';
import { emulator, emulatorEnv, runBin } from '../support/e2e.js';
import { CognitoIdentityClient, CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { freePort, spawnBin, waitFor } from '../support/background-bin.js';
import { driveLogin } from '../support/browser/drive-login.mjs';
import { runCli, scriptedPrompter } from '../support/cli.js';

const PASSWORD = 'Corr3ct-Horse!battery';
const BROWSER = fileURLToPath(new URL('../support/browser/browser.mjs', import.meta.url));
const USER_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

let server: FakeCognito;
let pool: PoolState;
let dir: string;

beforeAll(async () => {
  server = await startFakeCognito({ region: 'us-east-1' });
  pool = server.createPool();
  server.addUser(pool.id, {
    username: 'ann',
    password: PASSWORD,
    attributes: { email: 'ann@example.com', email_verified: 'true', name: 'Ann Example' },
    groups: ['staff'],
  });
  dir = mkdtempSync(join(tmpdir(), 'cognito-admin-browser-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Env = Record<string, string | undefined>;
let logs = 0;
function browserEnv(extra: Env = {}): Env & { FAKE_BROWSER_LOG: string } {
  return {
    ...emulatorEnv(server.url, { BROWSER, FAKE_BROWSER_USERNAME: 'ann', FAKE_BROWSER_PASSWORD: PASSWORD, ...extra }),
    FAKE_BROWSER_LOG: join(dir, `browser-${logs++}.log`),
  };
}
const browserRuns = (env: { FAKE_BROWSER_LOG: string }) =>
  readFileSync(env.FAKE_BROWSER_LOG, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const target = (client: ClientState) => ['--pool', pool.id, '--client', client.clientId, '--domain', server.domainUrl(pool.id)];
const sessionFiles = (env: Env) => readdirSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions')).filter((f) => f.endsWith('.json'));

async function webClient(extra: Partial<Parameters<FakeCognito['createClient']>[1]> = {}): Promise<ClientState> {
  return server.createClient(pool.id, {
    secret: true,
    oauthFlows: ['code'],
    scopes: [...USER_SCOPES],
    callbackUrls: [`http://localhost:${await freePort()}/callback`],
    identityProviders: ['COGNITO', 'Google'],
    ...extra,
  });
}

describe('auth login --browser', () => {
  it('signs in through the login page with PKCE and state, saves the session, and every session command works on it', async () => {
    const client = await webClient();
    const env = browserEnv();
    const before = server.calls.length;
    const login = await runBin(['auth', 'login', '--browser', ...target(client), '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    const tokens = JSON.parse(login.stdout);
    expect(tokens).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    const access = JSON.parse(Buffer.from(tokens.AccessToken.split('.')[1], 'base64url').toString());
    expect(access.scope.split(' ').sort()).toEqual([...USER_SCOPES].sort());

    // What the person's browser went through, and what reached the fake.
    const [run] = browserRuns(env);
    expect(run.steps.map((s: { method: string; path: string; status: number }) => `${s.method} ${s.path.split('/').slice(-2).join('/')} ${s.status}`)).toEqual([
      'GET oauth2/authorize 302',
      `GET ${pool.id}/login 200`,
      `POST ${pool.id}/login 302`,
      'GET /callback 200',
    ]);
    expect(run.text).toContain('Signed in');
    const authorize = server.calls.slice(before).find((c) => c.operation === 'OAuthAuthorize')!;
    expect(authorize.body).toMatchObject({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.callbackUrls[0],
      code_challenge_method: 'S256',
    });
    expect(authorize.body.state).toMatch(/^[\w-]{43}$/);
    const redeem = server.calls.slice(before).find((c) => c.operation === 'OAuthToken')!;
    expect(redeem.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: client.callbackUrls[0] });
    expect(redeem.body.code_verifier).toMatch(/^[\w-]{43}$/);
    expect(redeem.headers.authorization).toMatch(/^Basic /);

    expect(sessionFiles(env)).toEqual(['default--ann.json']);
    const saved = JSON.parse(readFileSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions', 'default--ann.json'), 'utf8'));
    expect(saved.oauth).toMatchObject({ domain: server.domainUrl(pool.id) });

    const whoami = await runBin(['auth', 'whoami', '-o', 'json'], { env });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ username: 'ann', groups: ['staff'] });

    const info = await runBin(['auth', 'userinfo', '-o', 'json'], { env });
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ username: 'ann', email: 'ann@example.com', claims: { name: 'Ann Example' } });

    const refreshed = await runBin(['auth', 'refresh', '-o', 'json'], { env });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(JSON.parse(refreshed.stdout).AccessToken).not.toBe(tokens.AccessToken);
    expect(server.callsTo('OAuthToken').at(-1)!.body).toMatchObject({ grant_type: 'refresh_token' });

    const logout = await runBin(['auth', 'logout'], { env });
    expect(logout.code, logout.stderr).toBe(0);
    expect(server.callsTo('OAuthRevoke').at(-1)!.body).toMatchObject({ token: tokens.RefreshToken });
    // Revoked at the domain: the refresh token and the access tokens issued with it are dead.
    const stale = await fetch(`${server.domainUrl(pool.id)}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.AccessToken}` } });
    expect(stale.status).toBe(401);
  });

  it('a public client signs in with PKCE alone; --no-save keeps nothing; token verify accepts the saved access token', async () => {
    const client = await webClient({ secret: false });
    const unsavedEnv = browserEnv();
    const unsaved = await runBin(['auth', 'login', '--browser', '--no-save', ...target(client), '-o', 'json'], { env: unsavedEnv });
    expect(unsaved.code, unsaved.stderr).toBe(0);
    expect(JSON.parse(unsaved.stdout).RefreshToken).toBeTruthy();
    expect(existsSync(join(unsavedEnv.XDG_STATE_HOME!, 'cognito-admin', 'sessions'))).toBe(false);
    const redeem = server.callsTo('OAuthToken').at(-1)!;
    expect(redeem.headers.authorization).toBeUndefined();
    expect(redeem.body).toMatchObject({ client_id: client.clientId, grant_type: 'authorization_code' });

    const env = browserEnv();
    expect((await runBin(['auth', 'login', '--browser', ...target(client)], { env })).code).toBe(0);
    expect(sessionFiles(env)).toEqual(['default--ann.json']);
    const verified = await runBin(['token', 'verify', '--token-use', 'access', '-o', 'json'], { env });
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true });
  });

  it('--debug and stderr show neither the code, the verifier, the secret nor any token', async () => {
    const client = await webClient();
    const env = browserEnv();
    const login = await runBin(['auth', 'login', '--browser', ...target(client), '--debug', '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/debug: → POST .*\/oauth2\/token/);
    const tokens = JSON.parse(login.stdout);
    const redeem = server.callsTo('OAuthToken').at(-1)!;
    const refresh = await runBin(['auth', 'refresh', '--debug', '-o', 'json'], { env });
    const secrets = [
      server.issuedCodes.at(-1)!,
      redeem.body.code_verifier,
      client.clientSecret!,
      tokens.IdToken,
      tokens.AccessToken,
      tokens.RefreshToken,
      JSON.parse(refresh.stdout).AccessToken,
      redeem.headers.authorization.slice('Basic '.length),
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(20);
      expect(login.stderr).not.toContain(secret);
      expect(refresh.stderr).not.toContain(secret);
    }
  });

  it('--idp goes straight to the federated provider; the session is the linked user', async () => {
    const client = await webClient();
    const env = browserEnv({ FAKE_BROWSER_ACCOUNT: 'ann-at-google' });
    const login = await runBin(['auth', 'login', '--browser', '--idp', 'Google', '--scope', 'openid,email', ...target(client), '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    const asked = server.callsTo('OAuthAuthorize').at(-1)!.body;
    expect(asked.identity_provider).toBe('Google');
    expect(asked.scope.split(' ').sort()).toEqual(['email', 'openid']);
    expect(browserRuns(env)[0].steps[1].path).toContain('/idp/Google');
    expect(sessionFiles(env)).toEqual(['default--Google_ann-at-google.json']);

    const unknown = await runBin(['auth', 'login', '--browser', '--idp', 'Okta', ...target(client)], { env: browserEnv() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/does not offer sign-in with Okta/);
  });

  it('--no-open prints the address; a forged callback (wrong state) is refused and the wait goes on; one callback only', async () => {
    const client = await webClient();
    const env = browserEnv({ BROWSER: undefined });
    const run = spawnBin(['auth', 'login', '--browser', '--no-open', ...target(client), '-o', 'json'], env);
    run.end();
    const url = await waitFor(() => /^\s+(http\S+oauth2\/authorize\S+)$/m.exec(run.stderr())?.[1], 'the sign-in address');
    const callback = client.callbackUrls[0]!;
    const forged = await fetch(`${callback}?code=forged&state=guess`);
    expect(forged.status).toBe(400);
    const page = await driveLogin(url, { username: 'ann', password: PASSWORD });
    expect(page.status).toBe(200);
    const result = await run.result;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).AccessToken).toBeTruthy();
    expect(result.stderr).toMatch(/refused a callback whose state is not this sign-in's/);
    await expect(fetch(`${callback}?code=late&state=${new URL(url).searchParams.get('state')}`)).rejects.toThrow();
  });

  it('times out with --timeout; a scope the client lacks comes back as invalid_scope', async () => {
    const client = await webClient();
    const slow = await runBin(['auth', 'login', '--browser', '--no-open', '--timeout', '1', ...target(client)], { env: browserEnv() });
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(/no sign-in arrived within 1 s/);

    const narrow = await webClient({ scopes: ['openid'] });
    const refused = await runBin(['auth', 'login', '--browser', '--scope', 'openid,profile', ...target(narrow)], { env: browserEnv() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\(invalid_scope\)/);
  });

  it('--add-callback adds the loopback URL for the sign-in and removes it afterwards; without --yes and a terminal it changes nothing', async () => {
    const client = await webClient({ callbackUrls: ['https://app.example.com/callback'] });
    const port = await freePort();
    const refused = await runBin(['auth', 'login', '--browser', '--add-callback', '--port', String(port), ...target(client)], { env: browserEnv() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(client.callbackUrls).toEqual(['https://app.example.com/callback']);

    const missing = await runBin(['auth', 'login', '--browser', ...target(client)], { env: browserEnv() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no loopback callback URL such as http:\/\/localhost:8484\/callback/);

    const env = browserEnv();
    const login = await runBin(['auth', 'login', '--browser', '--add-callback', '--yes', '--port', String(port), ...target(client), '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    expect(server.callsTo('OAuthAuthorize').at(-1)!.body.redirect_uri).toBe(`http://localhost:${port}/callback`);
    expect(client.callbackUrls).toEqual(['https://app.example.com/callback']);
    // Merge-safe: the rest of the client's settings survived both updates.
    expect(client.scopes).toEqual(USER_SCOPES);
    expect(client.identityProviders).toEqual(['COGNITO', 'Google']);
    expect(client.oauthFlows).toEqual(['code']);
  });

  it('--add-callback asks on a terminal: no changes nothing, yes adds the URL for the sign-in only', async () => {
    const client = await webClient({ callbackUrls: ['https://app.example.com/callback'] });
    const port = String(await freePort());
    const argv = ['auth', 'login', '--browser', '--add-callback', '--port', port, ...target(client), '-o', 'json'];
    const declined = scriptedPrompter([false]);
    const no = await runCli(argv, { env: browserEnv(), tty: true, prompter: declined });
    expect(no.code).toBe(1);
    expect(declined.asked[0]).toMatch(new RegExp(`Add http://localhost:${port}/callback to the callback URLs of app client ${client.clientId}`));
    expect(client.callbackUrls).toEqual(['https://app.example.com/callback']);

    const yes = await runCli(argv, { env: browserEnv(), tty: true, prompter: scriptedPrompter([true]) });
    expect(yes.code, yes.stderr).toBe(0);
    expect(JSON.parse(yes.stdout).AccessToken).toBeTruthy();
    expect(client.callbackUrls).toEqual(['https://app.example.com/callback']);
  });

  it('Ctrl-C while waiting removes the added callback URL and exits 130', async () => {
    const client = await webClient({ callbackUrls: ['https://app.example.com/callback'] });
    const port = await freePort();
    const run = spawnBin(['auth', 'login', '--browser', '--no-open', '--add-callback', '--yes', '--port', String(port), ...target(client)], browserEnv());
    run.end();
    await waitFor(() => (client.callbackUrls.includes(`http://localhost:${port}/callback`) && /oauth2\/authorize/.test(run.stderr()) ? true : undefined), 'the callback URL');
    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/removed http:\/\/localhost:\d+\/callback from the callback URLs/);
    expect(client.callbackUrls).toEqual(['https://app.example.com/callback']);
  });
});

const moto = emulator('moto');

describe.skipIf(!moto.url)('identity credentials on a browser session (identity pool on moto)', () => {
  it('GetId and GetCredentialsForIdentity with the browser sign-in\'s id token', async () => {
    const client = await webClient();
    const identity = new CognitoIdentityClient({
      endpoint: moto.url!,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret-key-for-emulators-only' },
    });
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: `browser_${Date.now()}`,
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${pool.id}`, ClientId: client.clientId }],
      }),
    );
    identity.destroy();
    const env = browserEnv({ AWS_ENDPOINT_URL_COGNITO_IDENTITY: moto.url, COGNITO_IDENTITY_POOL_ID: IdentityPoolId });
    const login = await runBin(['auth', 'login', '--browser', ...target(client), '-o', 'json'], { env });
    expect(login.code, login.stderr).toBe(0);
    const creds = await runBin(['identity', 'credentials', '--format', 'json', '--debug'], { env });
    expect(creds.code, creds.stderr).toBe(0);
    expect(JSON.parse(creds.stdout)).toMatchObject({ AccessKeyId: expect.any(String), IdentityId: expect.stringMatching(/^us-east-1:/) });
    expect(creds.stderr).toMatch(/cognito-identity\.GetId .*"Logins":"\*\*\*\*"/);
    expect(creds.stderr).not.toContain(JSON.parse(login.stdout).IdToken);
  });
});
