// `cognito-admin client …`: app clients of a user pool.
import { Command } from 'commander';
import { commaList, examples, handler, positiveInt, type Noun, type Runtime } from '../shared.js';
import { FLOWS } from './create-request.js';
import { oauthOptions } from './oauth-options.js';
import { registerClientUpdate } from './update-command.js';
import { registerClientSecret } from './secret-command.js';

export const clientNoun: Noun = {
  name: 'client',
  description: 'Create, list, describe and delete app clients of a pool',
  register: registerClient,
};

function registerClient(client: Command, runtime: Runtime): void {

  examples(
    oauthOptions(client.command('create'), { edits: false })
      .description('Create an app client')
      .argument('<name>', 'client name')
      .option('--flows <list>', `sign-in flows: ${FLOWS.join(', ')} (default: srp,refresh)`, commaList(FLOWS))
      .option('--secret', 'generate a client secret (server-side apps)')
      .option('--access-token-validity <duration>', 'e.g. 60m or 1h (5m to 1d)')
      .option('--id-token-validity <duration>', 'e.g. 60m or 1h (5m to 1d)')
      .option('--refresh-token-validity <duration>', 'e.g. 30d (1h to 3650d)')
      .option('--save-profile <name>', 'save pool, client and secret into this profile, with the region, endpoint and AWS profile in effect')
      .option('--show-secret', 'print the generated secret')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createClient } = await import('./create.js');
          await createClient(ctx, name, options);
        }),
      ),
    'client create web --pool eu-west-1_AbC123',
    'client create backend --flows admin,refresh --secret --save-profile backend',
    'client create web --oauth-flows code --scopes openid,email --identity-providers COGNITO --callback-url https://app.example.com/cb',
  );

  registerClientUpdate(client, runtime);
  registerClientSecret(client, runtime);

  examples(
    client
      .command('list')
      .description('List the app clients of a pool')
      .option('--limit <n>', 'stop after n clients', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listClients } = await import('./read.js');
          await listClients(ctx, options);
        }),
      ),
    'client list --pool eu-west-1_AbC123',
  );

  examples(
    client
      .command('describe')
      .description('Show an app client: flows, token validity, whether it has a secret')
      .argument('[id]', 'client id (default: --client, the profile, or a picker)')
      .option('--show-secret', 'print the client secret instead of ****')
      .action(
        handler(runtime, async (ctx, [id], options: { showSecret?: boolean }) => {
          const { describeClient } = await import('./read.js');
          await describeClient(ctx, id, options);
        }),
      ),
    'client describe 1example23456789',
    'client describe -o json',
  );

  examples(
    client
      .command('delete')
      .description('Delete an app client (asks first; --yes without a terminal)')
      .argument('<id>', 'client id')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { deleteClient } = await import('./delete.js');
          await deleteClient(ctx, id);
        }),
      ),
    'client delete 1example23456789 --yes',
  );
}
