// The OAuth options of `client create` and `client update` (wiring only; oauth-flags.ts holds the logic).
import type { Command } from 'commander';
import { collectValues, commaList, splitList as list } from '../shared.js';
import { OAUTH_FLOWS } from './oauth-flags.js';

export function oauthOptions(cmd: Command, { edits }: { edits: boolean }): Command {
  cmd
    .option('--callback-url <url>', 'OAuth callback URL (repeatable; replaces the list)', collectValues)
    .option('--logout-url <url>', 'sign-out URL (repeatable; replaces the list)', collectValues);
  if (edits) {
    cmd
      .option('--add-callback-url <url>', 'add a callback URL (repeatable)', collectValues)
      .option('--remove-callback-url <url>', 'remove a callback URL (repeatable)', collectValues)
      .option('--add-logout-url <url>', 'add a sign-out URL (repeatable)', collectValues)
      .option('--remove-logout-url <url>', 'remove a sign-out URL (repeatable)', collectValues);
  }
  return cmd
    .option('--oauth-flows <list>', `OAuth grant types: ${OAUTH_FLOWS.join(', ')}`, commaList(OAUTH_FLOWS))
    .option('--scopes <list>', 'OAuth scopes: openid, email, profile, phone, aws.cognito.signin.user.admin, <resource-server>/<scope>', list)
    .option('--identity-providers <list>', 'identity providers the client may use: COGNITO, <idp name>…', list);
}
