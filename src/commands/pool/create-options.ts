// The settings options of `pool create`, which `pool clone` offers too (as overrides of what it
// copies), and the changeable part of which `pool update` offers: one list, so the three commands
// cannot drift apart.
import { Command, Option } from 'commander';
import { commaList, nonNegativeInt, positiveInt } from '../shared.js';
import { AUTO_VERIFY, MFA_MODES, PASSWORD_RULES, SIGN_IN } from './create-request.js';

export interface CreateOptionsWording {
  /** What --sign-in's help adds after the list of choices. */
  signInNote: string;
  /** --mfa's default; none where the setting is copied from elsewhere. */
  mfaDefault?: (typeof MFA_MODES)[number];
}

/** Adds the pool settings options (sign-in through deletion protection) to `cmd`. */
export function addPoolCreateOptions(cmd: Command, { signInNote, mfaDefault }: CreateOptionsWording): Command {
  cmd.option('--sign-in <list>', `how users sign in: ${SIGN_IN.join(', ')} (${signInNote})`, commaList(SIGN_IN));
  addChangeableOptions(cmd, { mfaDefault });
  return cmd.option('--required <attrs>', 'standard attributes every user must have, comma-separated', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean));
}

/**
 * The settings a pool can change after creation, as `pool create`, `pool clone` and `pool update`
 * offer them; `update` also takes their negations (and `--auto-verify none`).
 */
export function addChangeableOptions(cmd: Command, { mfaDefault, update = false }: { mfaDefault?: (typeof MFA_MODES)[number]; update?: boolean }): Command {
  const mfa = new Option('--mfa <mode>', 'multi-factor authentication').choices(MFA_MODES);
  cmd.addOption(mfaDefault === undefined ? mfa : mfa.default(mfaDefault)).option('--totp', 'allow authenticator-app (TOTP) MFA');
  if (update) cmd.option('--no-totp', 'stop offering authenticator-app (TOTP) MFA');
  const verify = update ? [...AUTO_VERIFY, 'none'] : [...AUTO_VERIFY];
  cmd
    .option('--sms-role-arn <arn>', 'IAM role Cognito uses to send SMS (SMS MFA and phone verification)')
    .option('--password-min-length <n>', 'minimum password length (6–99)', positiveInt)
    .option('--password-require <list>', `character classes required: ${PASSWORD_RULES.join(', ')}`, commaList(PASSWORD_RULES))
    .option('--temp-password-days <n>', 'days a temporary password stays valid', nonNegativeInt)
    .option('--auto-verify <list>', `attributes Cognito verifies by sending a code: ${verify.join(', ')}`, commaList(verify))
    .option('--deletion-protection', 'refuse DeleteUserPool until this is turned off');
  if (update) cmd.option('--no-deletion-protection', 'allow the pool to be deleted');
  return cmd;
}
