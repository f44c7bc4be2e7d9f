// token client-credentials end to end: the built binary (and, for the thousand-call loop, the CLI
// in-process) against the fake Cognito's OAuth2 domain and GetClientToken, with a resource server
// and its scopes. The fake counts the requests, so the cache is measured, not assumed.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCognito, type ClientState, type FakeCognito, type PoolState } from '../support/fake-cognito/index.js';
import { execFile } from 'node:child_process';
import { BIN, emulatorEnv, runBin } from '../support/e2e.js';
import { moduleTrace } from '../support/module-trace.js';
import { runCli } from '../support/cli.js';

let server: FakeCognito;
let pool: PoolState;
let m2m: ClientState;

beforeAll(async () => {
  server = await startFakeCognito({ region: 'us-east-1' });
  pool = server.createPool();
  server.createResourceServer(pool.id, 'orders', ['read', 'write']);
  m2m = server.createClient(pool.id, { secret: true, oauthFlows: ['client_credentials'], scopes: ['orders/read', 'orders/write'] });
});
afterAll(async () => {
  await server?.close();
});

type Env = Record<string, string | undefined>;
const args = (client: ClientState, ...more: string[]) => [
  'token', 'client-credentials', '--pool', pool.id, '--client', client.clientId, '--domain', server.domainUrl(pool.id), ...more,
];
const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
const tokenRequests = () => server.callsTo('OAuthToken').length;
const cacheFiles = (env: Env) => readdirSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'tokens'));

describe('token client-credentials', () => {
  it('asks /oauth2/token with HTTP Basic and prints the token, its header, or JSON', async () => {
    const env = emulatorEnv(server.url);
    const before = tokenRequests();
    const bare = await runBin(args(m2m, '--scope', 'orders/read', '--format', 'token'), { env });
    expect(bare.code, bare.stderr).toBe(0);
    const token = bare.stdout.trim();
    expect(payload(token)).toMatchObject({ client_id: m2m.clientId, scope: 'orders/read', token_use: 'access' });
    const call = server.callsTo('OAuthToken').at(-1)!;
    expect(call.body).toMatchObject({ grant_type: 'client_credentials', scope: 'orders/read', client_id: m2m.clientId });
    expect(call.body.client_secret).toBeUndefined();
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${m2m.clientId}:${m2m.clientSecret}`).toString('base64')}`);

    const header = await runBin(args(m2m, '--scope', 'orders/read', '--format', 'header'), { env });
    expect(header.stdout).toBe(`Authorization: Bearer ${token}\n`);
    const json = await runBin(args(m2m, '--scope', 'orders/read', '-o', 'json'), { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ accessToken: token, scopes: ['orders/read'], cached: true, clientId: m2m.clientId });
    // One request for the three: the second and third came from the cache.
    expect(tokenRequests() - before).toBe(1);
    const file = join(env.XDG_STATE_HOME!, 'cognito-admin', 'tokens', cacheFiles(env)[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a thousand asks in a loop make one request', async () => {
    const env = emulatorEnv(server.url);
    const before = { token: tokenRequests(), describe: server.callsTo('DescribeUserPoolClient').length };
    const tokens = new Set<string>();
    const first = await runBin(args(m2m, '--format', 'token'), { env });
    tokens.add(first.stdout.trim());
    for (let i = 1; i < 1000; i++) {
      const result = await runCli(args(m2m, '--format', 'token'), { env });
      expect(result.code).toBe(0);
      tokens.add(result.stdout.trim());
    }
    expect(tokens.size).toBe(1);
    expect(tokenRequests() - before.token).toBe(1);
    expect(server.callsTo('DescribeUserPoolClient').length - before.describe).toBe(1);
    // No scope asked: the grant gave all of the client's.
    expect(payload([...tokens][0]!).scope).toBe('orders/read orders/write');
  });

  it('a token from the cache loads no AWS SDK: it costs a process start, not an SDK load', async () => {
    const env = emulatorEnv(server.url);
    expect((await runBin(args(m2m, '--format', 'token'), { env })).code).toBe(0);
    const trace = moduleTrace();
    const cached = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [...trace.nodeArgs, BIN, ...args(m2m, '--format', 'token')], { env: env as NodeJS.ProcessEnv }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      ),
    );
    expect(cached.trim()).toMatch(/^eyJ/);
    expect(trace.loaded()).toContain('/dist/cli/cli.js');
    expect(trace.loaded()).not.toMatch(/@aws-sdk|@smithy/);
  });

  it('--no-cache asks every time and stores nothing; a corrupt cache entry is ignored and replaced', async () => {
    const env = emulatorEnv(server.url);
    const before = tokenRequests();
    for (let i = 0; i < 3; i++) expect((await runBin(args(m2m, '--no-cache', '--format', 'token'), { env })).code).toBe(0);
    expect(tokenRequests() - before).toBe(3);

    expect((await runBin(args(m2m, '--format', 'token'), { env })).code).toBe(0);
    const [name] = cacheFiles(env);
    writeFileSync(join(env.XDG_STATE_HOME!, 'cognito-admin', 'tokens', name!), '{"version":1,"accessTok');
    const again = await runBin(args(m2m, '--format', 'token'), { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(tokenRequests() - before).toBe(5);
    expect((await runBin(args(m2m, '--format', 'token'), { env })).stdout).toBe(again.stdout);
    expect(tokenRequests() - before).toBe(5);
  });

  it('uses GetClientToken when the client allows client-token sign-in', async () => {
    const client = server.createClient(pool.id, { secret: true, flows: ['ALLOW_CLIENT_TOKEN_AUTH'], scopes: ['orders/write'] });
    const before = { api: server.callsTo('GetClientToken').length, oauth: tokenRequests() };
    const result = await runBin(args(client, '-o', 'json'), { env: emulatorEnv(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scopes: ['orders/write'], via: 'GetClientToken', cached: false });
    expect(server.callsTo('GetClientToken').length - before.api).toBe(1);
    expect(tokenRequests() - before.oauth).toBe(0);
  });

  it('clear errors: no secret, no flow, a scope the client lacks (checked first, and as the endpoint says it)', async () => {
    const env = emulatorEnv(server.url);
    const publicClient = server.createClient(pool.id, { oauthFlows: ['code'], scopes: ['openid'], callbackUrls: ['http://localhost:8484/callback'] });
    const noSecret = await runBin(args(publicClient), { env });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/has no secret: client credentials need a confidential client/);

    const codeOnly = server.createClient(pool.id, { secret: true, oauthFlows: ['code'], scopes: ['openid'], callbackUrls: ['http://localhost:8484/callback'] });
    const noFlow = await runBin(args(codeOnly), { env });
    expect(noFlow.code).toBe(2);
    expect(noFlow.stderr).toMatch(/allows neither the client-credentials grant nor client-token/);
    expect(noFlow.stderr).toMatch(/hint: .*--oauth-flows client-credentials/);

    const before = tokenRequests();
    const badScope = await runBin(args(m2m, '--scope', 'orders/delete'), { env });
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/may not ask for orders\/delete \(invalid_scope\)/);
    expect(badScope.stderr).toMatch(/its scopes: orders\/read orders\/write/);
    expect(tokenRequests()).toBe(before);

    // Without AWS credentials the client cannot be described: the endpoint's answer is the error.
    const appOnly = emulatorEnv(server.url, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, COGNITO_CLIENT_SECRET: m2m.clientSecret });
    const remote = await runBin(args(m2m, '--scope', 'orders/delete'), { env: appOnly });
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/^error: the client-credentials grant failed: invalid_scope \(invalid_scope\)$/m);
    expect(tokenRequests()).toBe(before + 1);
    const wrongSecret = await runBin(args(m2m), { env: { ...appOnly, COGNITO_CLIENT_SECRET: 'not-the-secret' } });
    expect(wrongSecret.code).toBe(4);
    expect(wrongSecret.stderr).toMatch(/\(invalid_client\)/);
  });

  it('the domain from a profile (profile set --domain); a pool domain on AWS is refused for an emulator pool', async () => {
    const env = emulatorEnv(server.url);
    const set = await runBin(['profile', 'set', 'm2m', '--domain', server.domainUrl(pool.id), '--pool', pool.id, '--client', m2m.clientId], { env });
    expect(set.code, set.stderr).toBe(0);
    const viaProfile = await runBin(['-p', 'm2m', 'token', 'client-credentials', '--format', 'token'], { env });
    expect(viaProfile.code, viaProfile.stderr).toBe(0);
    const doctor = await runBin(['-p', 'm2m', 'doctor', '-o', 'json'], { env });
    expect(doctor.stdout).toContain(server.domainUrl(pool.id));

    const other = server.createPool();
    other.domain = 'shop';
    server.createResourceServer(other.id, 'orders', ['read']);
    const client = server.createClient(other.id, { secret: true, oauthFlows: ['client_credentials'], scopes: ['orders/read'] });
    const refused = await runBin(['token', 'client-credentials', '--pool', other.id, '--client', client.clientId], {
      env: emulatorEnv(server.url),
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the pool's domain https:\/\/shop\.auth\.us-east-1\.amazoncognito\.com is on AWS, but --endpoint points at/);
  });

  it('--debug shows the requests, and neither the secret nor the token', async () => {
    const env = emulatorEnv(server.url);
    const result = await runBin(args(m2m, '--scope', 'orders/write', '--format', 'token', '--debug'), { env });
    expect(result.code, result.stderr).toBe(0);
    const token = result.stdout.trim();
    expect(result.stderr).toMatch(/debug: → POST .*\/oauth2\/token .*client_credentials/);
    expect(result.stderr).toMatch(/debug: ← POST .*\/oauth2\/token 200/);
    for (const secret of [m2m.clientSecret!, token, token.split('.')[2]!, Buffer.from(`${m2m.clientId}:${m2m.clientSecret}`).toString('base64')]) {
      expect(result.stderr).not.toContain(secret);
    }
  });
});
