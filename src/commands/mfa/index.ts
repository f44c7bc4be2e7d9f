// `cognito-admin mfa …`: TOTP enrolment of the signed-in user, codes, and the admin view of a
// user's MFA. Wiring only; each verb's logic loads when it runs (`mfa code` never loads the SDK).
import { Command } from 'commander';
import { examples, handler, type Noun, type Runtime } from '../shared.js';

export const mfaNoun: Noun = {
  name: 'mfa',
  description: 'Enrol TOTP MFA with a QR code, print TOTP codes, show and turn off MFA',
  register: registerMfa,
};

function registerMfa(mfa: Command, runtime: Runtime): void {

  examples(
    mfa
      .command('enroll')
      .description(
        'Enrol an authenticator app for the signed-in user: QR code and key on stderr, then the first code ' +
          '(TOTP becomes enabled and preferred)',
      )
      .argument('[username]', "whose saved session to use (default: the profile's current one, from `auth login`)")
      .option('--device-name <name>', 'a name for the authenticator, shown in Cognito (FriendlyDeviceName)')
      .option('--issuer <name>', 'issuer shown in the app (default: the profile\'s issuer, else the pool name, else "Cognito")')
      .option('--self-verify', 'compute the first code here and print the secret once (service and test accounts)')
      .addHelpText(
        'after',
        '\nWith -o json the secret and otpauth URI are printed on stdout as one line, {"secret","uri"},\n' +
          'and the first code is read from stdin: one line per try.',
      )
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { enroll } = await import('./enroll.js');
          await enroll(ctx, username, options);
        }),
      ),
    'mfa enroll',
    'mfa enroll ann@example.com --device-name "Ann\'s phone"',
    'mfa enroll ci-bot --self-verify -o json > ci-bot-totp.json',
  );

  examples(
    mfa
      .command('code')
      .description('Print the current TOTP code and the seconds it stays valid (RFC 6238; the URI\'s algorithm, digits and period)')
      .option('--secret <base32|->', 'base32 secret, or - to read it from stdin (env COGNITO_TOTP_SECRET)')
      .option('--uri <otpauth-uri|->', 'otpauth://totp/… URI, or - to read it from stdin')
      .option('--next', "the next window's code instead: Cognito accepts it one window early, and refuses a code used once")
      .addHelpText('after', '\nWithout either option on a terminal, the secret is asked for (masked).')
      .action(
        handler(runtime, async (ctx, _args, options) => {
          const { printCode } = await import('./code.js');
          await printCode(ctx, options);
        }),
      ),
    'mfa code --secret JBSWY3DPEHPK3PXP',
    'mfa code --uri - -o json < ann.otpauth',
    'mfa code --next -o text',
  );

  examples(
    mfa
      .command('status')
      .description("Show a user's MFA: methods enabled, the preferred one, legacy SMS options (AdminGetUser)")
      .argument('<username>', 'username, or an email or phone alias where the pool has them')
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { mfaStatus } = await import('./admin.js');
          await mfaStatus(ctx, username);
        }),
      ),
    'mfa status ann',
    'mfa status ann@example.com -o json',
  );

  examples(
    mfa
      .command('disable')
      .description(
        "Turn off a user's MFA methods (AdminSetUserMFAPreference); asks first on a terminal, needs --yes otherwise",
      )
      .argument('<username>', 'username, or an email or phone alias where the pool has them')
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { disableMfa } = await import('./admin.js');
          await disableMfa(ctx, username);
        }),
      ),
    'mfa disable ann',
    'mfa disable ann --yes',
  );

  examples(
    mfa
      .command('reset')
      .description(
        "Delete a user's TOTP authenticator (AdminDeleteSoftwareToken) — the lost-phone case; asks first on a terminal, needs --yes otherwise",
      )
      .argument('<username>', 'username, or an email or phone alias where the pool has them')
      .option('--dry-run', 'say what would be deleted and change nothing')
      .action(
        handler(runtime, async (ctx, [username], options: { dryRun?: boolean }) => {
          const { mfaReset } = await import('./reset.js');
          await mfaReset(ctx, username, options);
        }),
      ),
    'mfa reset ann',
    'mfa reset ann@example.com --yes',
  );
}
