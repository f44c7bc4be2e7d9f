// `cognito-admin pool …`: user pools.
import { Command, Option } from 'commander';
import { commaList, examples, handler, nonNegativeInt, positiveInt, type Runtime } from '../shared.js';
import { AUTO_VERIFY, MFA_MODES, PASSWORD_RULES, SIGN_IN } from './create-request.js';
import { FLOWS } from '../client/create-request.js';
import { registerPoolUpdate } from './update-command.js';

export function registerPool(program: Command, runtime: Runtime): void {
  const pool = program.command('pool').description('Create, list, describe and delete user pools');

  examples(
    pool
      .command('create')
      .description('Create a user pool (and optionally an app client and a profile for it)')
      .argument('<name>', 'pool name')
      .option('--sign-in <list>', `how users sign in: ${SIGN_IN.join(', ')} (with username, the others are aliases)`, commaList(SIGN_IN))
      .addOption(new Option('--mfa <mode>', 'multi-factor authentication').choices(MFA_MODES).default('off'))
      .option('--totp', 'allow authenticator-app (TOTP) MFA')
      .option('--sms-role-arn <arn>', 'IAM role Cognito uses to send SMS (SMS MFA and phone verification)')
      .option('--password-min-length <n>', 'minimum password length (6–99)', positiveInt)
      .option('--password-require <list>', `character classes required: ${PASSWORD_RULES.join(', ')}`, commaList(PASSWORD_RULES))
      .option('--temp-password-days <n>', 'days a temporary password stays valid', nonNegativeInt)
      .option('--auto-verify <list>', `attributes Cognito verifies by sending a code: ${AUTO_VERIFY.join(', ')}`, commaList(AUTO_VERIFY))
      .option('--required <attrs>', 'standard attributes every user must have, comma-separated', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .option('--deletion-protection', 'refuse DeleteUserPool until this is turned off')
      .option('--with-client <name>', 'also create an app client with this name')
      .option('--flows <list>', `with --with-client: sign-in flows (${FLOWS.join(', ')})`, commaList(FLOWS))
      .option('--secret', 'with --with-client: give the app client a secret')
      .option('--save-profile <name>', 'save the pool (and client) as a cognito-admin profile')
      .option('--dry-run', 'print the CreateUserPool request as JSON and stop')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createPool } = await import('./create.js');
          await createPool(ctx, name, options);
        }),
      ),
    'pool create shop --sign-in email --with-client web --save-profile shop',
    'pool create staff --sign-in username,email --mfa on --totp --password-min-length 12',
    'pool create test --dry-run',
  );

  registerPoolUpdate(pool, runtime);

  examples(
    pool
      .command('list')
      .description('List the user pools in the region')
      .option('--limit <n>', 'stop after n pools', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listPools } = await import('./read.js');
          await listPools(ctx, options);
        }),
      ),
    'pool list',
    'pool list --region us-east-1 -o ndjson',
  );

  examples(
    pool
      .command('describe')
      .description('Show a user pool: sign-in, MFA, password policy, attributes (-o json for everything)')
      .argument('[id]', 'pool id (default: --pool, the profile, or a picker)')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { describePool } = await import('./read.js');
          await describePool(ctx, id);
        }),
      ),
    'pool describe eu-west-1_AbC123',
    'pool describe -o json',
  );

  examples(
    pool
      .command('delete')
      .description('Delete a user pool and all its users (asks first; --yes without a terminal)')
      .argument('<id>', 'pool id')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { deletePool } = await import('./delete.js');
          await deletePool(ctx, id);
        }),
      ),
    'pool delete eu-west-1_AbC123',
    'pool delete eu-west-1_AbC123 --yes',
  );
}
