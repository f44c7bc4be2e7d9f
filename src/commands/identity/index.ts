// `cognito-admin identity …`: identity pools (Cognito Identity), and the temporary AWS
// credentials they hand out to signed-in users, guests and developer-authenticated identities.
import { Command, Option } from 'commander';
import { examples, handler, positiveInt, type Noun, type Runtime } from '../shared.js';

// Kept here rather than imported from the verb modules, which load the SDK.
const CREDENTIAL_FORMATS = ['json', 'env', 'credential-process'];
const FLOWS = ['enhanced', 'basic'];

export const identityNoun: Noun = {
  name: 'identity',
  description: 'Identity pools: create, list, describe, delete, set roles; temporary AWS credentials for users and guests',
  register: registerIdentity,
};

function registerIdentity(identity: Command, runtime: Runtime): void {

  examples(
    identity
      .command('create')
      .description('Create an identity pool, optionally trusting the tokens of a user pool app client')
      .argument('<name>', 'identity pool name')
      .option('--user-pool [id]', 'link a user pool (default id: --pool or the profile); its app client from --client')
      .option('--allow-guests', 'hand out credentials to unauthenticated (guest) identities')
      .option('--developer-provider <name>', 'developer provider name for developer-authenticated identities')
      .option('--server-side-token-check', 'ask the user pool whether each token is still valid (not revoked by a sign-out)')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createIdentityPool } = await import('./create.js');
          await createIdentityPool(ctx, name, options);
        }),
      ),
    'identity create shop-users --user-pool eu-west-1_AbC123 --client 1example23456789',
    'identity create shop-users --user-pool --allow-guests',
    'identity create backend-users --developer-provider login.example.com',
  );

  examples(
    identity
      .command('list')
      .description('List the identity pools in the region')
      .option('--limit <n>', 'stop after n identity pools', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listIdentityPools } = await import('./read.js');
          await listIdentityPools(ctx, options);
        }),
      ),
    'identity list',
    'identity list --region us-east-1 -o ndjson',
  );

  examples(
    identity
      .command('describe')
      .description('Show an identity pool: providers, guests, roles (-o json for everything)')
      .argument('[id]', 'identity pool id (default: --identity-pool, the profile, or a picker)')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { describeIdentityPool } = await import('./read.js');
          await describeIdentityPool(ctx, id);
        }),
      ),
    'identity describe eu-west-1:0a1b2c3d-1111-2222-3333-444455556666',
    'identity describe -o json',
  );

  examples(
    identity
      .command('delete')
      .description('Delete an identity pool (asks first; --yes without a terminal)')
      .argument('<id>', 'identity pool id')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { deleteIdentityPool } = await import('./delete.js');
          await deleteIdentityPool(ctx, id);
        }),
      ),
    'identity delete eu-west-1:0a1b2c3d-1111-2222-3333-444455556666 --yes',
  );

  examples(
    identity
      .command('set-roles')
      .description('Set the IAM roles for signed-in users and guests (roles not named are kept)')
      .argument('<id>', 'identity pool id')
      .option('--authenticated <arn>', 'role for signed-in users')
      .option('--guest <arn>', 'role for unauthenticated (guest) identities')
      .action(
        handler(runtime, async (ctx, [id], options) => {
          const { setIdentityPoolRoles } = await import('./roles.js');
          await setIdentityPoolRoles(ctx, id, options);
        }),
      ),
    'identity set-roles eu-west-1:0a1b2c3d-1111-2222-3333-444455556666 --authenticated arn:aws:iam::123456789012:role/app-users',
    'identity set-roles eu-west-1:0a1b2c3d-1111-2222-3333-444455556666 --guest arn:aws:iam::123456789012:role/app-guests',
  );

  examples(
    identity
      .command('credentials')
      .description('Temporary AWS credentials for the signed-in user (saved session or --id-token), or a guest')
      .option('--guest', 'an unauthenticated identity: no sign-in needed')
      .addOption(new Option('--format <format>', 'json, env (export lines) or credential-process (for an AWS config)').choices(CREDENTIAL_FORMATS))
      .addOption(new Option('--flow <flow>', 'enhanced: GetCredentialsForIdentity; basic: GetOpenIdToken + STS AssumeRoleWithWebIdentity').choices(FLOWS).default('enhanced'))
      .option('--role-arn <arn>', 'role to assume: required with --flow basic; with enhanced, one of the roles in the token')
      .option('--id-token <jwt|->', 'use this id token instead of the saved session (- reads the first line of stdin)')
      .addHelpText('after', '\nIn ~/.aws/config:\n  [profile app-user]\n  credential_process = cognito-admin identity credentials --format credential-process\n')
      .action(
        handler(runtime, async (ctx, _args, options) => {
          const { identityCredentials } = await import('./credentials.js');
          await identityCredentials(ctx, options);
        }),
      ),
    'identity credentials --format env',
    'identity credentials --guest --identity-pool eu-west-1:0a1b2c3d-1111-2222-3333-444455556666 --format json',
    'identity credentials --flow basic --role-arn arn:aws:iam::123456789012:role/app-users',
    'identity credentials --format credential-process',
  );

  examples(
    identity
      .command('developer-login')
      .description('OpenID token for a developer-authenticated identity (GetOpenIdTokenForDeveloperIdentity, with AWS credentials)')
      .argument('<identity-pool>', 'identity pool id')
      .requiredOption('--provider <name>', 'the developer provider name of the identity pool')
      .requiredOption('--login <id>', "your back end's id for the user")
      .option('--duration <seconds>', 'token lifetime in seconds (up to 86400)', positiveInt)
      .option('--identity-id <id>', 'link the login to this existing identity')
      .action(
        handler(runtime, async (ctx, [poolId], options: { provider: string; login: string; duration?: number; identityId?: string }) => {
          const { developerLogin } = await import('./developer-login.js');
          await developerLogin(ctx, poolId, options);
        }),
      ),
    'identity developer-login eu-west-1:0a1b2c3d-1111-2222-3333-444455556666 --provider login.example.com --login user-42',
  );
}
