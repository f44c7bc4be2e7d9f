// The options of `auth login --browser`, kept apart from the other sign-in flows' wiring.
import type { Command } from 'commander';
import { collectValues, positiveInt } from '../shared.js';

export function addBrowserOptions(cmd: Command): Command {
  return cmd
    .option('--browser', 'sign in through the pool\'s managed login page in a browser (authorization code + PKCE); no username needed')
    .option('--idp <name>', 'with --browser: go straight to this federated identity provider (e.g. Google, or a SAML/OIDC provider\'s name)')
    .option('--scope <scope>', 'with --browser: a scope to ask for (repeatable or comma-separated; default: the client\'s among openid email phone profile aws.cognito.signin.user.admin)', collectValues)
    .option('--port <n>', 'with --browser: the loopback callback port when the client has no registered http://localhost:<port>/callback (default 8484)', positiveInt)
    .option('--add-callback', 'with --browser: add http://localhost:<port>/callback to the client for this sign-in and remove it afterwards (asks; --yes)')
    .option('--no-open', 'with --browser: print the sign-in address instead of opening a browser')
    .option('--timeout <seconds>', 'with --browser: how long to wait for the sign-in (default 300)', positiveInt);
}
