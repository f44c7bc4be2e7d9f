// identity commands against moto (the only emulator here with Cognito Identity and STS), run as
// the built binary, with moto's state checked through the SDK. What moto lacks was found by
// trying: GetIdentityPoolRoles / SetIdentityPoolRoles answer with an HTML error page, and
// ListIdentityPools ignores MaxResults (one page, no NextToken). What moto issues: identity
// credentials are fixed (TESTACCESSKEY12345 / ABCSECRETKEY / ABC12345, valid 90 s) whoever asks;
// STS AssumeRoleWithWebIdentity issues fresh random ASIA… keys valid one hour.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { fromProcess } from '@aws-sdk/credential-providers';
import { BIN, emulator, emulatorEnv, emulatorSdk, runBin, runJson } from '../support/e2e.js';
import { SessionStore } from '../../src/auth/session-store.js';
import { tempDir } from '../support/temp-dirs.js';

const moto = emulator('moto');
const AUTH_ROLE = 'arn:aws:iam::123456789012:role/app-users';
const GUEST_ROLE = 'arn:aws:iam::123456789012:role/app-guests';
const MOTO_CREDENTIALS = { AccessKeyId: 'TESTACCESSKEY12345', SecretKey: 'ABCSECRETKEY', SessionToken: 'ABC12345' };

function identitySdk(endpoint: string): CognitoIdentityClient {
  if (new URL(endpoint).hostname !== '127.0.0.1') throw new Error(`refusing endpoint ${endpoint}`);
  return new CognitoIdentityClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret-key-for-emulators-only' },
  });
}

/** A user pool with an app client allowing the admin flow, and a signed-in user's tokens. */
async function signedInUser(endpoint: string) {
  const idp = await emulatorSdk(endpoint);
  const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: `identity-e2e-${Date.now()}` }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const password = 'Correct-Horse-9';
  await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ann', MessageAction: 'SUPPRESS' }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ann', Password: password, Permanent: true }));
  const { AuthenticationResult } = await idp.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ann', PASSWORD: password },
    }),
  );
  return { poolId, clientId, tokens: AuthenticationResult! };
}

/** Saves the user's tokens as the current session of the default profile, as `auth login` would. */
function saveSession(env: Record<string, string | undefined>, user: Awaited<ReturnType<typeof signedInUser>>, endpoint: string) {
  const now = Date.now();
  new SessionStore(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions')).save({
    version: 1,
    profile: 'default',
    username: 'ann',
    internalUsername: 'ann',
    poolId: user.poolId,
    clientId: user.clientId,
    region: 'us-east-1',
    endpoint,
    idToken: user.tokens.IdToken!,
    accessToken: user.tokens.AccessToken!,
    refreshToken: user.tokens.RefreshToken,
    expiresAt: now + (user.tokens.ExpiresIn ?? 3600) * 1000,
    obtainedAt: now,
  });
}

const SUITE = moto.url ? 'identity commands on moto' : 'identity commands on moto (skipped: moto_server is not on PATH; pip install "moto[server]")';

describe.skipIf(!moto.url)(SUITE, () => {
  let user: Awaited<ReturnType<typeof signedInUser>>;
  let identityPoolId: string;

  beforeAll(async () => {
    user = await signedInUser(moto.url!);
    const env = emulatorEnv(moto.url!);
    const created = await runJson(
      ['identity', 'create', 'e2e-app', '--user-pool', user.poolId, '--client', user.clientId, '--allow-guests', '--developer-provider', 'login.example.com'],
      { env },
    );
    identityPoolId = created.id;
  });

  it('creates an identity pool trusting the user pool client, and lists and describes it', async () => {
    expect(identityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const pool = await identitySdk(moto.url!).send(new DescribeIdentityPoolCommand({ IdentityPoolId: identityPoolId }));
    expect(pool).toMatchObject({
      IdentityPoolName: 'e2e-app',
      AllowUnauthenticatedIdentities: true,
      DeveloperProviderName: 'login.example.com',
      CognitoIdentityProviders: [
        { ProviderName: `cognito-idp.us-east-1.amazonaws.com/${user.poolId}`, ClientId: user.clientId, ServerSideTokenCheck: false },
      ],
    });

    const env = emulatorEnv(moto.url!);
    const listed = await runJson<Array<{ id: string; name: string }>>(['identity', 'list'], { env });
    expect(listed).toContainEqual({ id: identityPoolId, name: 'e2e-app' });
    // moto ignores MaxResults and returns every pool: --limit still holds.
    await runJson(['identity', 'create', 'e2e-other'], { env });
    expect(await runJson<unknown[]>(['identity', 'list', '--limit', '1'], { env })).toHaveLength(1);

    const described = await runBin(['identity', 'describe', identityPoolId, '-o', 'json'], { env });
    expect(described.code).toBe(0);
    expect(JSON.parse(described.stdout)).toMatchObject({ id: identityPoolId, name: 'e2e-app' });
    // moto has no GetIdentityPoolRoles: describe says so and still shows the pool.
    expect(described.stderr).toMatch(/warning: roles not shown: .*GetIdentityPoolRoles/);
  });

  it('set-roles checks the ARNs first, and names the operation moto lacks', async () => {
    const env = emulatorEnv(moto.url!);
    const bad = await runBin(['identity', 'set-roles', identityPoolId, '--authenticated', 'app-users'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --authenticated "app-users" is not an IAM role ARN/);

    const result = await runBin(['identity', 'set-roles', identityPoolId, '--authenticated', AUTH_ROLE, '--guest', GUEST_ROLE], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .* gave no valid answer to GetIdentityPoolRoles \(HTTP 500\) \(UnsupportedOperation\)\nhint: /);
    expect(result.stdout).toBe('');
  });

  it('developer-login returns an identity id and an OpenID token', async () => {
    const env = emulatorEnv(moto.url!);
    const result = await runJson(['identity', 'developer-login', identityPoolId, '--provider', 'login.example.com', '--login', 'user-42', '--duration', '900'], { env });
    expect(result.IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(typeof result.Token).toBe('string');
    expect(result.Token.length).toBeGreaterThan(10);
  });

  it('guest credentials: GetId and GetCredentialsForIdentity without a login', async () => {
    const env = emulatorEnv(moto.url!, { COGNITO_IDENTITY_POOL_ID: identityPoolId });
    const before = Date.now();
    const creds = await runJson(['identity', 'credentials', '--guest', '--format', 'json'], { env });
    expect(creds).toMatchObject({ ...MOTO_CREDENTIALS, IdentityId: expect.stringMatching(/^us-east-1:/) });
    const expires = Date.parse(creds.Expiration);
    expect(expires).toBeGreaterThan(before);
    expect(expires).toBeLessThan(before + 10 * 60_000);

    // The same as moto hands out to an SDK caller.
    const sdk = identitySdk(moto.url!);
    const { IdentityId } = await sdk.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    const direct = await sdk.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    expect(direct.Credentials).toMatchObject({
      AccessKeyId: creds.AccessKeyId,
      SecretKey: creds.SecretKey,
      SessionToken: creds.SessionToken,
    });
  });

  it('signed-in credentials from the saved session, in every format, with no secret on stderr under --debug', async () => {
    const env = emulatorEnv(moto.url!, { COGNITO_IDENTITY_POOL_ID: identityPoolId });
    saveSession(env, user, moto.url!);

    const json = await runBin(['identity', 'credentials', '--format', 'json', '--debug'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ...MOTO_CREDENTIALS, IdentityId: expect.stringMatching(/^us-east-1:/) });
    // --debug shows the calls, with the login under the user pool's provider name, and no secret.
    expect(json.stderr).toMatch(/cognito-identity\.GetId /);
    expect(json.stderr).toMatch(/cognito-identity\.GetCredentialsForIdentity /);
    for (const secret of [MOTO_CREDENTIALS.SecretKey, MOTO_CREDENTIALS.SessionToken, user.tokens.IdToken!, user.tokens.AccessToken!]) {
      expect(json.stderr).not.toContain(secret);
    }

    const envFormat = await runBin(['identity', 'credentials', '--format', 'env'], { env });
    expect(envFormat.code).toBe(0);
    const lines = envFormat.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'export AWS_ACCESS_KEY_ID=TESTACCESSKEY12345',
      'export AWS_SECRET_ACCESS_KEY=ABCSECRETKEY',
      'export AWS_SESSION_TOKEN=ABC12345',
    ]);
    expect(lines[3]).toMatch(/^# identity us-east-1:[0-9a-f-]+, expires \d{4}-\d\d-\d\dT/);

    const processFormat = await runBin(['identity', 'credentials', '--format', 'credential-process'], { env });
    expect(processFormat.code).toBe(0);
    const parsed = JSON.parse(processFormat.stdout);
    expect(Object.keys(parsed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(parsed).toMatchObject({ Version: 1, AccessKeyId: 'TESTACCESSKEY12345', SecretAccessKey: 'ABCSECRETKEY', SessionToken: 'ABC12345' });
    expect(new Date(parsed.Expiration).toISOString()).toBe(parsed.Expiration);
  });

  it('signed-in credentials from --id-token - on stdin, without a saved session', async () => {
    const env = emulatorEnv(moto.url!, { COGNITO_IDENTITY_POOL_ID: identityPoolId });
    const result = await runBin(['identity', 'credentials', '--id-token', '-', '--format', 'json'], { env, stdin: `${user.tokens.IdToken}\n` });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject(MOTO_CREDENTIALS);
  });

  it('no saved session and no --id-token → exit 4, nothing printed', async () => {
    const env = emulatorEnv(moto.url!, { COGNITO_IDENTITY_POOL_ID: identityPoolId });
    const result = await runBin(['identity', 'credentials', '--format', 'json'], { env });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: /);
  });

  it('--flow basic: GetId, GetOpenIdToken, then STS AssumeRoleWithWebIdentity on moto', async () => {
    const env = emulatorEnv(moto.url!, { COGNITO_IDENTITY_POOL_ID: identityPoolId });
    saveSession(env, user, moto.url!);
    const before = Date.now();
    const result = await runBin(['identity', 'credentials', '--flow', 'basic', '--role-arn', AUTH_ROLE, '--format', 'json', '--debug'], { env });
    expect(result.code).toBe(0);
    const creds = JSON.parse(result.stdout);
    // STS keys, not the identity service's fixed ones: the role really was assumed.
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(creds.SecretKey).toMatch(/^[\w/+]{40}$/);
    expect(creds.SessionToken.length).toBeGreaterThan(100);
    expect(Date.parse(creds.Expiration)).toBeGreaterThan(before + 50 * 60_000);
    expect(result.stderr).toMatch(/cognito-identity\.GetOpenIdToken /);
    expect(result.stderr).toMatch(/sts\.AssumeRoleWithWebIdentity /);
    for (const secret of [creds.SecretKey, creds.SessionToken, user.tokens.IdToken!]) expect(result.stderr).not.toContain(secret);

    // A guest can take the basic flow too (with the role named by the caller).
    const guest = await runJson(['identity', 'credentials', '--guest', '--flow', 'basic', '--role-arn', GUEST_ROLE, '--format', 'json'], { env });
    expect(guest.AccessKeyId).toMatch(/^ASIA/);
    expect(guest.AccessKeyId).not.toBe(creds.AccessKeyId);
  });

  it('deletes only with --yes', async () => {
    const env = emulatorEnv(moto.url!);
    const pool = await runJson(['identity', 'create', 'e2e-doomed'], { env });
    const refused = await runBin(['identity', 'delete', pool.id], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const sdk = identitySdk(moto.url!);
    await expect(sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.id }))).resolves.toMatchObject({ IdentityPoolName: 'e2e-doomed' });

    expect((await runBin(['identity', 'delete', pool.id, '--yes'], { env })).code).toBe(0);
    await expect(sdk.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  describe('credential_process consumed by the AWS SDK (fromProcess)', () => {
    /**
     * An AWS config file whose profile runs our binary, in a bare environment: no AWS keys, no
     * region, no cognito-admin config — only what the command line and the state folder give.
     */
    function awsConfig(profile: string, args: string[], state?: string) {
      const dir = tempDir('cognito-admin-aws-config-');
      const home = join(dir, 'home');
      const envPart = [
        'env', '-i', `HOME=${home}`, `COGNITO_ADMIN_CONFIG=${join(dir, 'config.json')}`,
        `XDG_STATE_HOME=${state ?? join(dir, 'state')}`, 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=1',
      ];
      const command = [...envPart, process.execPath, BIN, 'identity', 'credentials', '--format', 'credential-process', ...args];
      const configFilepath = join(dir, 'config');
      writeFileSync(configFilepath, `[profile ${profile}]\ncredential_process = ${command.join(' ')}\n`);
      return { configFilepath, filepath: join(dir, 'credentials-none') };
    }

    it('a guest profile yields the keys moto issues, with no AWS credentials or region configured', async () => {
      const files = awsConfig('cognito-guest', ['--endpoint', moto.url!, '--identity-pool', identityPoolId, '--guest']);
      const credentials = await fromProcess({ profile: 'cognito-guest', ...files, ignoreCache: true })();
      expect(credentials).toMatchObject({
        accessKeyId: MOTO_CREDENTIALS.AccessKeyId,
        secretAccessKey: MOTO_CREDENTIALS.SecretKey,
        sessionToken: MOTO_CREDENTIALS.SessionToken,
      });
      expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now());

      // The same keys the command prints directly.
      const direct = JSON.parse(
        execFileSync(process.execPath, [BIN, 'identity', 'credentials', '--guest', '--format', 'json', '--endpoint', moto.url!, '--identity-pool', identityPoolId], {
          env: emulatorEnv(moto.url!) as NodeJS.ProcessEnv,
        }).toString(),
      );
      expect(credentials).toMatchObject({ accessKeyId: direct.AccessKeyId, secretAccessKey: direct.SecretKey, sessionToken: direct.SessionToken });
    });

    it('a signed-in profile uses the saved session, and the basic flow passes through unchanged', async () => {
      const state = tempDir('cognito-admin-state-');
      saveSession({ XDG_STATE_HOME: state }, user, moto.url!);
      const enhanced = awsConfig('cognito-user', ['--endpoint', moto.url!, '--identity-pool', identityPoolId], state);
      await expect(fromProcess({ profile: 'cognito-user', ...enhanced, ignoreCache: true })()).resolves.toMatchObject({
        accessKeyId: MOTO_CREDENTIALS.AccessKeyId,
        secretAccessKey: MOTO_CREDENTIALS.SecretKey,
        sessionToken: MOTO_CREDENTIALS.SessionToken,
      });

      const basic = awsConfig('cognito-basic', ['--endpoint', moto.url!, '--identity-pool', identityPoolId, '--flow', 'basic', '--role-arn', AUTH_ROLE], state);
      const assumed = await fromProcess({ profile: 'cognito-basic', ...basic, ignoreCache: true })();
      expect(assumed.accessKeyId).toMatch(/^ASIA/);
      expect(assumed.secretAccessKey).toMatch(/^[\w/+]{40}$/);
      expect(assumed.expiration!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    });

    it('a failing command makes fromProcess fail rather than hand out anything', async () => {
      const files = awsConfig('cognito-broken', ['--endpoint', moto.url!, '--identity-pool', identityPoolId]);
      // No saved session in this bare environment.
      await expect(fromProcess({ profile: 'cognito-broken', ...files, ignoreCache: true })()).rejects.toThrow(/error: no saved session/);
    });
  });
});
