// Wiring of `pool update` (its own file: the flag list is long and shared with nothing else).
import { Command, Option } from 'commander';
import { commaList, examples, handler, nonNegativeInt, positiveInt, type Runtime } from '../shared.js';
import { AUTO_VERIFY, FIRST_FACTORS, PASSWORD_RULES, TIERS } from './settings-flags.js';
import { MFA_MODES } from './create-request.js';

export function registerPoolUpdate(pool: Command, runtime: Runtime): void {
  examples(
    pool
      .command('update')
      .description('Change settings of a user pool; every setting not named is kept (--dry-run shows the change)')
      .argument('[id]', 'pool id (default: --pool, the profile, or a picker)')
      .option('--name <name>', 'rename the pool')
      .addOption(new Option('--mfa <mode>', 'multi-factor authentication').choices(MFA_MODES))
      .option('--totp', 'allow authenticator-app (TOTP) MFA')
      .option('--no-totp', 'stop offering authenticator-app (TOTP) MFA')
      .option('--sms-role-arn <arn>', 'IAM role Cognito uses to send SMS (SMS MFA and phone verification)')
      .option('--password-min-length <n>', 'minimum password length (6–99)', positiveInt)
      .option('--password-require <list>', `character classes required: ${PASSWORD_RULES.join(', ')}`, commaList(PASSWORD_RULES))
      .option('--temp-password-days <n>', 'days a temporary password stays valid', nonNegativeInt)
      .option('--auto-verify <list>', `attributes verified by a code: ${AUTO_VERIFY.join(', ')}, or none`, commaList([...AUTO_VERIFY, 'none']))
      .option('--deletion-protection', 'refuse DeleteUserPool until this is turned off')
      .option('--no-deletion-protection', 'allow the pool to be deleted')
      .addOption(new Option('--tier <tier>', 'feature plan').choices(TIERS))
      .option('--first-factors <list>', `choice-based sign-in: ${FIRST_FACTORS.join(', ')} (password is required)`, commaList(FIRST_FACTORS))
      .option('--sign-in <list>', 'fixed at creation: refused, see `pool clone`')
      .option('--required <attrs>', 'fixed at creation: refused, see `pool clone`')
      .option('--dry-run', 'print the changes field by field (before → after) and send nothing')
      .action(
        handler(runtime, async (ctx, [id], options) => {
          const { updatePool } = await import('./update.js');
          await updatePool(ctx, id, options);
        }),
      ),
    'pool update eu-west-1_AbC123 --mfa optional --totp --dry-run',
    'pool update --password-min-length 12 --password-require lower,upper,digits',
    'pool update eu-west-1_AbC123 --no-deletion-protection',
    'pool update --tier essentials --first-factors password,email-otp',
  );
}
