// Wiring of `client update` (its own file: the flag list is long).
import { Command, Option } from 'commander';
import { commaList, examples, handler, nonNegativeInt, type Runtime } from '../shared.js';
import { FLOWS } from './create-request.js';
import { oauthOptions } from './oauth-options.js';
import { ON_OFF } from './update-request.js';

export function registerClientUpdate(client: Command, runtime: Runtime): void {
  const cmd = client
    .command('update')
    .description('Change settings of an app client; every setting not named is kept (--dry-run shows the change)')
    .argument('[id]', 'client id (default: --client, the profile, or a picker)')
    .option('--name <name>', 'rename the client')
    .option('--flows <list>', `sign-in flows, replacing the list: ${FLOWS.join(', ')}`, commaList(FLOWS))
    .option('--add-flow <list>', 'add sign-in flows', commaList(FLOWS))
    .option('--remove-flow <list>', 'remove sign-in flows', commaList(FLOWS))
    .option('--access-token-validity <duration>', 'e.g. 60m or 1h (5m to 1d)')
    .option('--id-token-validity <duration>', 'e.g. 60m or 1h (5m to 1d)')
    .option('--refresh-token-validity <duration>', 'e.g. 30d (1h to 3650d)');
  oauthOptions(cmd, { edits: true });
  examples(
    cmd
      .addOption(new Option('--refresh-rotation <on|off>', 'refresh-token rotation').choices(ON_OFF))
      .option('--rotation-grace <seconds>', 'with rotation: seconds the previous refresh token still works (0–60)', nonNegativeInt)
      .addOption(new Option('--token-revocation <on|off>', 'refresh-token revocation (RevokeToken)').choices(ON_OFF))
      .option('--dry-run', 'print the changes field by field (before → after) and send nothing')
      .action(
        handler(runtime, async (ctx, [id], options) => {
          const { updateClient } = await import('./update.js');
          await updateClient(ctx, id, options);
        }),
      ),
    'client update 1example23456789 --add-callback-url https://shop.example.com/callback --dry-run',
    'client update --add-flow user-auth --remove-flow password',
    'client update --oauth-flows code --scopes openid,email --identity-providers COGNITO --callback-url https://app.example.com/cb',
    'client update --refresh-token-validity 90d --refresh-rotation on --rotation-grace 10',
  );
}
