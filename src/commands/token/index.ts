// `cognito-admin token …`: read and check Cognito JWTs. `token decode` loads neither the AWS SDK
// nor aws-jwt-verify, so it starts as fast as `--help`; only `token verify` loads aws-jwt-verify.
import { Command, Option } from 'commander';
import { collectValues, examples, handler, type Noun, type Runtime } from '../shared.js';

export const tokenNoun: Noun = {
  name: 'token',
  description: 'Decode and verify Cognito id and access tokens; machine-to-machine access tokens for an app client',
  register: registerToken,
};

function registerToken(token: Command, runtime: Runtime): void {

  examples(
    token
      .command('decode')
      .description('Show a JWT\'s header and claims, with readable times, groups and scopes (signature NOT verified)')
      .argument('[jwt]', 'the token, or - to read it from stdin (default: the saved session\'s id token)')
      .option('--access', 'the saved session\'s access token instead of its id token')
      .action(
        handler(runtime, async (ctx, [jwt], options: { access?: boolean }) => {
          const { decodeToken } = await import('./decode.js');
          await decodeToken(ctx, jwt, options);
        }),
      ),
    'token decode',
    'token decode --access -o json | jq .scopes',
    'token decode - < id-token.txt',
  );

  examples(
    token
      .command('verify')
      .description("Verify a JWT against the pool's keys: signature, issuer, token_use, client and expiry (exit 1 if not valid)")
      .argument('[jwt]', 'the token, or - to read it from stdin (default: the saved session\'s id token, or access token with --token-use access)')
      .addOption(new Option('--token-use <use>', 'require an id or an access token').choices(['id', 'access']))
      .addHelpText(
        'after',
        '\nThe pool comes from --pool (or the saved session), the client to check from --client (or the session).\n' +
          'With --endpoint the keys are read from <endpoint>/<poolId>/.well-known/jwks.json.',
      )
      .action(
        handler(runtime, async (ctx, [jwt], options: { tokenUse?: 'id' | 'access' }) => {
          const { verifyToken } = await import('./verify.js');
          await verifyToken(ctx, jwt, options);
        }),
      ),
    'token verify',
    'token verify "$ACCESS_TOKEN" --token-use access --pool eu-west-1_AbC123 --client 1example23456789',
    'token verify - --token-use id < id-token.txt && echo valid',
  );

  examples(
    token
      .command('client-credentials')
      .description('An access token for the app client itself (machine to machine), cached until five minutes before it expires')
      .option('--scope <scope>', 'a scope to ask for, <resource-server>/<scope> (repeatable, or comma-separated; default: all the client has)', collectValues)
      .addOption(new Option('--format <format>', 'json: the token and its details; token: the bare token; header: "Authorization: Bearer …"').choices(['json', 'token', 'header']))
      .option('--no-cache', 'always ask Cognito for a new token, and do not store it')
      .addHelpText(
        'after',
        '\nThe client secret comes from COGNITO_CLIENT_SECRET, the profile, or DescribeUserPoolClient.\n' +
          'A client with the client-token flow (ALLOW_CLIENT_TOKEN_AUTH) uses GetClientToken; others use the\n' +
          "client-credentials grant at <domain>/oauth2/token (the domain from --domain, the profile, or the pool).\n" +
          'Cognito bills every token it issues, so a token is reused (from a 0600 file per pool, client and\n' +
          'scope set) until five minutes before it expires.',
      )
      .action(
        handler(runtime, async (ctx, _args, options) => {
          const { clientCredentials } = await import('./client-credentials.js');
          await clientCredentials(ctx, options);
        }),
      ),
    'token client-credentials --scope orders/read --format token',
    'token client-credentials --scope orders/read --format header   # for curl -H "$(…)"',
    'token client-credentials --domain shop --client 1example23 -o json | jq .expiresAt',
  );
}
