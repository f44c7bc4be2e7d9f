// Wiring of `client secret list | add | delete`.
import type { Command } from 'commander';
import { examples, handler, type Runtime } from '../shared.js';

export function registerClientSecret(client: Command, runtime: Runtime): void {
  const secret = client.command('secret').description('Rotate app client secrets without downtime (up to two at a time)');

  examples(
    secret
      .command('list')
      .description('List the secrets of an app client (ids and dates; Cognito never shows a value again)')
      .argument('[client]', 'client id (default: --client, the profile, or a picker)')
      .action(
        handler(runtime, async (ctx, [clientId]) => {
          const { listClientSecrets } = await import('./secret.js');
          await listClientSecrets(ctx, clientId);
        }),
      ),
    'client secret list 1example23456789',
  );

  examples(
    secret
      .command('add')
      .description('Add a second secret to an app client and print it once (or store it with --save-profile)')
      .argument('[client]', 'client id (default: --client, the profile, or a picker)')
      .option('--save-profile <name>', 'store pool, client and the new secret in this profile (with the region, endpoint and AWS profile in effect) instead of printing the secret')
      .action(
        handler(runtime, async (ctx, [clientId], options: { saveProfile?: string }) => {
          const { addClientSecret } = await import('./secret.js');
          await addClientSecret(ctx, clientId, options);
        }),
      ),
    'client secret add 1example23456789 -o json',
    'client secret add --save-profile backend',
  );

  examples(
    secret
      .command('delete')
      .description('Delete a secret of an app client (asks first; --yes without a terminal)')
      .argument('<client-or-secret-id>', 'the secret id, or the client id followed by the secret id')
      .argument('[secret-id]', 'the secret id, when the client id comes first')
      .action(
        handler(runtime, async (ctx, [first, second]) => {
          const { deleteClientSecret } = await import('./secret.js');
          await deleteClientSecret(ctx, first, second);
        }),
      ),
    'client secret delete 1example23456789--1767225600 --yes',
  );
}
