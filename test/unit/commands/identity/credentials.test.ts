// identity credentials with strict mocks of Cognito Identity, STS and (for a refresh) the user
// pool API: enhanced, guest and basic flows, every output format, and no secret on stderr.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, strictIdpMock } from '../../../support/sdk-mock.js';
import { SessionStore, type SavedSession } from '../../../../src/auth/session-store.js';

const identity = mockClient(CognitoIdentityClient);
const sts = mockClient(STSClient);
const idp = strictIdpMock();
beforeEach(() => {
  for (const mock of [identity, sts, idp] as const) {
    mock.reset();
    (mock as typeof identity).onAnyCommand().callsFake((input: unknown) => {
      throw new Error(`unexpected AWS call ${JSON.stringify(input)}`);
    });
  }
});

const USER_POOL = 'eu-central-1_UserPool1';
const PROVIDER = `cognito-idp.eu-central-1.amazonaws.com/${USER_POOL}`;
const IDENTITY_POOL = 'eu-central-1:0a1b2c3d-1111-2222-3333-444455556666';
const IDENTITY_ID = 'eu-central-1:99999999-8888-7777-6666-555555555555';
const ROLE = 'arn:aws:iam::123456789012:role/app-users';
const KEYS = {
  AccessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYsecretKEY1',
  SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+session/token==',
  Expiration: new Date('2030-01-02T03:04:05.000Z'),
};

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned JWT shaped like a Cognito id token (the identity pool, not we, checks signatures). */
function idToken(claims: Record<string, unknown> = {}): string {
  const payload = {
    iss: `https://cognito-idp.eu-central-1.amazonaws.com/${USER_POOL}`,
    sub: 'b1f2c3d4',
    'cognito:username': 'ann',
    token_use: 'id',
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...claims,
  };
  return `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(payload)}.c2ln`;
}

const ID_TOKEN = idToken();
const ACCESS_TOKEN = idToken({ token_use: 'access', jti: 'access' });

function saveSession(env: Record<string, string | undefined>, overrides: Partial<SavedSession> = {}): void {
  new SessionStore(join(env.XDG_STATE_HOME!, 'cognito-admin', 'sessions')).save({
    version: 1,
    profile: 'default',
    username: 'ann',
    internalUsername: 'ann',
    poolId: USER_POOL,
    clientId: 'client1',
    idToken: ID_TOKEN,
    accessToken: ACCESS_TOKEN,
    refreshToken: 'refresh-token-value',
    expiresAt: Date.now() + 3_600_000,
    obtainedAt: Date.now(),
    ...overrides,
  });
}

/** A signed-in user and an identity pool, with no region configured anywhere. */
function signedIn(extra: Record<string, string | undefined> = {}) {
  const env = isolatedEnv({ AWS_REGION: undefined, COGNITO_IDENTITY_POOL_ID: IDENTITY_POOL, ...extra });
  saveSession(env);
  return env;
}

function stubEnhanced() {
  identity.on(GetIdCommand).resolves({ IdentityId: IDENTITY_ID });
  identity.on(GetCredentialsForIdentityCommand).resolves({ IdentityId: IDENTITY_ID, Credentials: KEYS });
}

describe('identity credentials (enhanced flow)', () => {
  it('logs in with the saved id token under the user pool provider, in GetId and GetCredentialsForIdentity', async () => {
    stubEnhanced();
    const result = await runCli(['identity', 'credentials', '--format', 'json'], { env: signedIn() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(identity.commandCalls(GetIdCommand)[0]!.args[0].input).toEqual({ IdentityPoolId: IDENTITY_POOL, Logins: { [PROVIDER]: ID_TOKEN } });
    expect(identity.commandCalls(GetCredentialsForIdentityCommand)[0]!.args[0].input).toEqual({
      IdentityId: IDENTITY_ID,
      Logins: { [PROVIDER]: ID_TOKEN },
      CustomRoleArn: undefined,
    });
    expect(JSON.parse(result.stdout)).toEqual({ IdentityId: IDENTITY_ID, ...KEYS, Expiration: '2030-01-02T03:04:05.000Z' });
    expect(sts.calls()).toHaveLength(0);
  });

  it('names the provider by the USER pool region and calls the identity pool in its own region', async () => {
    stubEnhanced();
    const otherRegionPool = 'us-west-2:0a1b2c3d-1111-2222-3333-444455556666';
    const result = await runCli(['identity', 'credentials', '--identity-pool', otherRegionPool, '--format', 'json'], { env: signedIn() });
    expect(result.code).toBe(0);
    const call = identity.commandCalls(GetIdCommand)[0]!;
    expect(Object.keys(call.args[0].input.Logins!)).toEqual([PROVIDER]);
    expect(await call.thisValue.config.region()).toBe('us-west-2');
  });

  it('uses --id-token - from stdin instead of the session, and finds the pool in its issuer', async () => {
    stubEnhanced();
    const token = idToken({ iss: 'https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Other' });
    const env = isolatedEnv({ COGNITO_IDENTITY_POOL_ID: IDENTITY_POOL });
    const result = await runCli(['identity', 'credentials', '--id-token', '-', '--format', 'json'], { env, stdin: `${token}\nignored\n` });
    expect(result.code).toBe(0);
    expect(identity.commandCalls(GetIdCommand)[0]!.args[0].input.Logins).toEqual({
      'cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Other': token,
    });
  });

  it('passes --role-arn as CustomRoleArn (a role from the token’s cognito:roles)', async () => {
    stubEnhanced();
    const result = await runCli(['identity', 'credentials', '--role-arn', ROLE, '--format', 'json'], { env: signedIn() });
    expect(result.code).toBe(0);
    expect(identity.commandCalls(GetCredentialsForIdentityCommand)[0]!.args[0].input.CustomRoleArn).toBe(ROLE);
  });

  it('refreshes an expired session first and logs in with the new id token', async () => {
    stubEnhanced();
    const env = signedIn();
    saveSession(env, { expiresAt: Date.now() - 1000 });
    const fresh = idToken({ jti: 'fresh' });
    idp.on(GetTokensFromRefreshTokenCommand).resolves({ AuthenticationResult: { IdToken: fresh, AccessToken: idToken({ token_use: 'access', jti: 'fresh-access' }), ExpiresIn: 3600 } });
    const result = await runCli(['identity', 'credentials', '--format', 'json'], { env });
    expect(result.code).toBe(0);
    expect(idp.commandCalls(GetTokensFromRefreshTokenCommand)[0]!.args[0].input).toMatchObject({ ClientId: 'client1' });
    expect(identity.commandCalls(GetIdCommand)[0]!.args[0].input.Logins).toEqual({ [PROVIDER]: fresh });
  });

  it('without a session or token: exit 4 and a hint to sign in; nothing asked of the identity pool', async () => {
    const env = isolatedEnv({ COGNITO_IDENTITY_POOL_ID: IDENTITY_POOL });
    const result = await runCli(['identity', 'credentials'], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: no saved session\nhint: sign in first: `cognito-admin auth login <username>`/);
    expect(identity.calls()).toHaveLength(0);
  });

  it('an identity pool that rejects the token: exit 4, and the token is not echoed in the error', async () => {
    identity.on(GetIdCommand).rejects(awsError('NotAuthorizedException', `Invalid login token. Token expired: ${ID_TOKEN}`));
    const result = await runCli(['identity', 'credentials', '--debug'], { env: signedIn() });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Invalid login token\. Token expired: \*\*\*\* \(NotAuthorizedException\)/);
    expect(result.stderr).not.toContain(ID_TOKEN);
  });
});

describe('identity credentials --guest', () => {
  it('GetId and GetCredentialsForIdentity without logins, no session needed', async () => {
    stubEnhanced();
    const env = isolatedEnv({ AWS_REGION: undefined });
    const result = await runCli(['identity', 'credentials', '--guest', '--identity-pool', IDENTITY_POOL, '--format', 'json'], { env });
    expect(result.code).toBe(0);
    expect(identity.commandCalls(GetIdCommand)[0]!.args[0].input).toEqual({ IdentityPoolId: IDENTITY_POOL, Logins: undefined });
    expect(identity.commandCalls(GetCredentialsForIdentityCommand)[0]!.args[0].input).toEqual({
      IdentityId: IDENTITY_ID, Logins: undefined, CustomRoleArn: undefined,
    });
    expect(await identity.commandCalls(GetIdCommand)[0]!.thisValue.config.region()).toBe('eu-central-1');
  });

  it('without a terminal, a missing identity pool is a usage error naming flag and variable', async () => {
    const result = await runCli(['identity', 'credentials', '--guest']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--identity-pool <id> or COGNITO_IDENTITY_POOL_ID/);
    expect(identity.calls()).toHaveLength(0);
  });
});

describe('identity credentials --flow basic', () => {
  it('GetId, GetOpenIdToken with the login, then STS AssumeRoleWithWebIdentity with the role', async () => {
    const openIdToken = idToken({ iss: 'https://cognito-identity.amazonaws.com', aud: IDENTITY_POOL });
    identity.on(GetIdCommand).resolves({ IdentityId: IDENTITY_ID });
    identity.on(GetOpenIdTokenCommand).resolves({ IdentityId: IDENTITY_ID, Token: openIdToken });
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({
      Credentials: { AccessKeyId: KEYS.AccessKeyId, SecretAccessKey: KEYS.SecretKey, SessionToken: KEYS.SessionToken, Expiration: KEYS.Expiration },
    });
    const result = await runCli(['identity', 'credentials', '--flow', 'basic', '--role-arn', ROLE, '--format', 'json', '--debug'], { env: signedIn() });
    expect(result.code).toBe(0);
    expect(identity.commandCalls(GetOpenIdTokenCommand)[0]!.args[0].input).toEqual({ IdentityId: IDENTITY_ID, Logins: { [PROVIDER]: ID_TOKEN } });
    const assume = sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]!;
    expect(assume.args[0].input).toMatchObject({ RoleArn: ROLE, WebIdentityToken: openIdToken });
    expect(assume.args[0].input.RoleSessionName).toMatch(/^cognito-admin-\d+$/);
    expect(await assume.thisValue.config.region()).toBe('eu-central-1');
    expect(identity.commandCalls(GetCredentialsForIdentityCommand)).toHaveLength(0);
    expect(JSON.parse(result.stdout)).toEqual({ IdentityId: IDENTITY_ID, ...KEYS, Expiration: '2030-01-02T03:04:05.000Z' });
    for (const secret of [openIdToken, ID_TOKEN, KEYS.SecretKey, KEYS.SessionToken]) expect(result.stderr).not.toContain(secret);
  });

  it('works for a guest too (GetOpenIdToken without logins)', async () => {
    identity.on(GetIdCommand).resolves({ IdentityId: IDENTITY_ID });
    identity.on(GetOpenIdTokenCommand).resolves({ IdentityId: IDENTITY_ID, Token: 'open-id-token-value' });
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: { AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: KEYS.Expiration } });
    const result = await runCli(['identity', 'credentials', '--guest', '--flow', 'basic', '--role-arn', ROLE, '--identity-pool', IDENTITY_POOL, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(identity.commandCalls(GetOpenIdTokenCommand)[0]!.args[0].input).toEqual({ IdentityId: IDENTITY_ID, Logins: undefined });
  });
});

describe('identity credentials output', () => {
  it('--format env prints export lines and a comment with the expiry', async () => {
    stubEnhanced();
    const result = await runCli(['identity', 'credentials', '--format', 'env'], { env: signedIn() });
    expect(result.stdout).toBe(
      [
        `export AWS_ACCESS_KEY_ID=${KEYS.AccessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${KEYS.SecretKey}`,
        `export AWS_SESSION_TOKEN=${KEYS.SessionToken}`,
        `# identity ${IDENTITY_ID}, expires 2030-01-02T03:04:05.000Z`,
        '',
      ].join('\n'),
    );
  });

  it('--format env quotes values a shell would interpret', async () => {
    identity.on(GetIdCommand).resolves({ IdentityId: IDENTITY_ID });
    identity.on(GetCredentialsForIdentityCommand).resolves({ Credentials: { ...KEYS, SessionToken: "it's $HOME" } });
    const result = await runCli(['identity', 'credentials', '--format', 'env'], { env: signedIn() });
    expect(result.stdout).toContain(`export AWS_SESSION_TOKEN='it'\\''s $HOME'\n`);
  });

  it('--format credential-process prints exactly the Version 1 document', async () => {
    stubEnhanced();
    const result = await runCli(['identity', 'credentials', '--format', 'credential-process'], { env: signedIn() });
    expect(result.stdout).toBe(
      `{"Version":1,"AccessKeyId":"${KEYS.AccessKeyId}","SecretAccessKey":"${KEYS.SecretKey}","SessionToken":"${KEYS.SessionToken}","Expiration":"2030-01-02T03:04:05.000Z"}\n`,
    );
    expect(result.stderr).toBe('');
  });

  it('without --format, -o ndjson prints one compact record', async () => {
    stubEnhanced();
    const result = await runCli(['identity', 'credentials', '-o', 'ndjson'], { env: signedIn() });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ IdentityId: IDENTITY_ID, ...KEYS, Expiration: '2030-01-02T03:04:05.000Z' });
  });

  it('without --format on a terminal, shows the summary and keeps the secrets off the screen', async () => {
    stubEnhanced();
    const result = await runCli(['identity', 'credentials'], { env: signedIn(), tty: true, prompter: scriptedPrompter([]) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(KEYS.AccessKeyId);
    expect(result.stdout).toContain(IDENTITY_ID);
    expect(result.stdout).not.toContain(KEYS.SecretKey);
    expect(result.stdout).not.toContain(KEYS.SessionToken);
    expect(result.stderr).toMatch(/use --format env, json or credential-process/);
  });

  it('a --debug run prints the data on stdout and no token or key on stderr', async () => {
    stubEnhanced();
    for (const format of ['json', 'env', 'credential-process']) {
      const result = await runCli(['identity', 'credentials', '--format', format, '--debug'], { env: signedIn() });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(KEYS.SecretKey);
      for (const secret of [KEYS.SecretKey, KEYS.SessionToken, ID_TOKEN, ACCESS_TOKEN, 'refresh-token-value']) {
        expect(result.stderr).not.toContain(secret);
      }
    }
  });
});

describe('identity credentials: bad input, exit 2 before any call', () => {
  it.each([
    [['--role-arn', 'arn:aws:iam::123456789012:user/bob'], /--role-arn .* is not an IAM role ARN/],
    [['--flow', 'basic'], /--flow basic needs --role-arn/],
    [['--guest', '--id-token', 'x.y.z'], /--guest and --id-token exclude each other/],
    [['--guest', '--role-arn', ROLE], /chooses among the roles of a signed-in user/],
    [['--format', 'yaml'], /--format/],
    [['--flow', 'classic'], /--flow/],
    [['--id-token', 'not-a-jwt'], /--id-token: malformed JWT/],
    [['--identity-pool', 'eu-central-1_NotIdentity'], /invalid identity pool id/],
  ])('%j', async (flags, message) => {
    const result = await runCli(['identity', 'credentials', ...flags], { env: signedIn() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(identity.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  it('--id-token - with empty stdin', async () => {
    const result = await runCli(['identity', 'credentials', '--id-token', '-'], { env: signedIn(), stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/read no token from stdin/);
    expect(identity.calls()).toHaveLength(0);
  });
});
