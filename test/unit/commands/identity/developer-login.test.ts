// identity developer-login: GetOpenIdTokenForDeveloperIdentity; the token is data on stdout only.
import { describe, expect, it } from 'vitest';
import { CognitoIdentityClient, GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { isolatedEnv, runCli } from '../../../support/cli.js';
import { awsError, useStrictMock } from '../../../support/sdk-mock.js';

const mock = useStrictMock(CognitoIdentityClient);

const POOL = 'us-west-2:0a1b2c3d-1111-2222-3333-444455556666';
const TOKEN = 'eyJraWQiOiJ1cy13ZXN0LTItMSJ9.eyJzdWIiOiJ1cy13ZXN0LTI6YWJjIn0.open-id-signature';

describe('identity developer-login', () => {
  it('asks for an OpenID token for the login and prints identity id and token', async () => {
    mock.on(GetOpenIdTokenForDeveloperIdentityCommand).resolves({ IdentityId: 'us-west-2:abc', Token: TOKEN });
    const result = await runCli(
      ['identity', 'developer-login', POOL, '--provider', 'login.example.com', '--login', 'user-42', '--duration', '900', '--debug'],
      { env: isolatedEnv({ AWS_REGION: undefined }) },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ IdentityId: 'us-west-2:abc', Token: TOKEN });
    const call = mock.commandCalls(GetOpenIdTokenForDeveloperIdentityCommand)[0]!;
    expect(call.args[0].input).toEqual({
      IdentityPoolId: POOL,
      IdentityId: undefined,
      Logins: { 'login.example.com': 'user-42' },
      TokenDuration: 900,
    });
    // No region configured: the identity pool id says where it lives.
    expect(await call.thisValue.config.region()).toBe('us-west-2');
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('links to an existing identity with --identity-id; -o text prints key: value lines', async () => {
    mock.on(GetOpenIdTokenForDeveloperIdentityCommand).resolves({ IdentityId: 'us-west-2:abc', Token: TOKEN });
    const result = await runCli(['identity', 'developer-login', POOL, '--provider', 'p', '--login', 'u', '--identity-id', 'us-west-2:abc', '-o', 'text']);
    expect(result.stdout).toBe(`IdentityId: us-west-2:abc\nToken: ${TOKEN}\n`);
    expect(mock.commandCalls(GetOpenIdTokenForDeveloperIdentityCommand)[0]!.args[0].input.IdentityId).toBe('us-west-2:abc');
  });

  it.each([
    [['identity', 'developer-login', POOL, '--login', 'u'], /--provider/],
    [['identity', 'developer-login', POOL, '--provider', 'p'], /--login/],
    [['identity', 'developer-login', POOL, '--provider', 'bad name', '--login', 'u'], /not a developer provider name/],
    [['identity', 'developer-login', POOL, '--provider', 'p', '--login', 'u', '--duration', '90000'], /at most 86400 seconds/],
    [['identity', 'developer-login', 'nope', '--provider', 'p', '--login', 'u'], /invalid identity pool id/],
  ])('rejects %j with exit 2 before any call', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
  });

  it('maps a refused call to exit 4 (an authentication failure)', async () => {
    mock.on(GetOpenIdTokenForDeveloperIdentityCommand).rejects(awsError('NotAuthorizedException', 'provider not configured for this pool'));
    const result = await runCli(['identity', 'developer-login', POOL, '--provider', 'p', '--login', 'u']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: provider not configured for this pool \(NotAuthorizedException\)/);
  });
});
