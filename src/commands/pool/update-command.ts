// Wiring of `pool update` (its own file: the flag list is long); the settings it shares with
// `pool create` come from create-options.ts.
import { Command, Option } from 'commander';
import { commaList, examples, handler, type Runtime } from '../shared.js';
import { FIRST_FACTORS, TIERS } from './settings-flags.js';
import { addChangeableOptions } from './create-options.js';

export function registerPoolUpdate(pool: Command, runtime: Runtime): void {
  const update = pool
    .command('update')
    .description('Change settings of a user pool; every setting not named is kept (--dry-run shows the change)')
    .argument('[id]', 'pool id (default: --pool, the profile, or a picker)')
    .option('--name <name>', 'rename the pool');
  addChangeableOptions(update, { update: true });
  examples(
    update
      .addOption(new Option('--tier <tier>', 'feature plan').choices(TIERS))
      .option('--first-factors <list>', `choice-based sign-in: ${FIRST_FACTORS.join(', ')} (password is required)`, commaList(FIRST_FACTORS))
      .option('--passkey-relying-party <domain>', "passkeys' relying party: the pool's custom domain, or its prefix domain (default: Cognito's choice)")
      .addOption(new Option('--passkey-user-verification <when>', 'require user verification (biometrics, PIN) from passkeys, or only prefer it').choices(['required', 'preferred']))
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
    'pool update --first-factors password,web-authn --passkey-relying-party auth.example.com',
  );
}
