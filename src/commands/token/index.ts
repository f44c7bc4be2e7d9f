// `cognito-admin token …`: read and check Cognito JWTs. `token decode` loads neither the AWS SDK
// nor aws-jwt-verify, so it starts as fast as `--help`; only `token verify` loads aws-jwt-verify.
import { Command, Option } from 'commander';
import { examples, handler, type Runtime } from '../shared.js';

export function registerToken(program: Command, runtime: Runtime): void {
  const token = program.command('token').description('Decode and verify Cognito id and access tokens');

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
}
