// Wiring of `auth devices`, `auth forget-device` and `auth passkeys [delete]`: what the signed-in
// user has. Each verb's logic loads when it runs.
import { Command } from 'commander';
import { examples, handler, positiveInt, type Runtime } from '../shared.js';

const SESSION_USER = 'whose saved session (default: the last user signed in with this profile)';

export function registerDeviceVerbs(auth: Command, runtime: Runtime): void {
  examples(
    auth
      .command('devices')
      .description("List the signed-in user's devices Cognito tracks (ListDevices); this machine's is marked")
      .option('--user <username>', SESSION_USER)
      .option('--limit <n>', 'at most this many devices', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { user?: string; limit?: number }) => {
          const { listMyDevices } = await import('./devices.js');
          await listMyDevices(ctx, options);
        }),
      ),
    'auth devices',
    'auth devices --user ann@example.com -o json',
  );

  examples(
    auth
      .command('forget-device')
      .description("Forget a device of the signed-in user (ForgetDevice): this machine's when no key is given; asks first")
      .argument('[key]', 'device key (see `auth devices`); default: the device saved on this machine')
      .option('--user <username>', SESSION_USER)
      .option('--dry-run', 'say which device would be forgotten and change nothing')
      .action(
        handler(runtime, async (ctx, [key], options: { user?: string; dryRun?: boolean }) => {
          const { forgetMyDevice } = await import('./devices.js');
          await forgetMyDevice(ctx, key, options);
        }),
      ),
    'auth forget-device',
    'auth forget-device eu-west-1_0a1b2c3d-1111-2222-3333-444455556666 --yes',
  );

  const passkeys = examples(
    auth
      .command('passkeys')
      .description("List the signed-in user's passkeys (ListWebAuthnCredentials); `passkeys delete <id>` removes one")
      .option('--user <username>', SESSION_USER)
      .option('--limit <n>', 'at most this many passkeys', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { user?: string; limit?: number }) => {
          const { listPasskeys } = await import('./passkeys.js');
          await listPasskeys(ctx, options);
        }),
      ),
    'auth passkeys',
    'auth passkeys -o json | jq -r ".[].id"',
  );

  examples(
    passkeys
      .command('delete')
      .description("Delete one of the signed-in user's passkeys (DeleteWebAuthnCredential); asks first")
      .argument('<credential-id>', 'the passkey id (see `auth passkeys`)')
      .option('--user <username>', SESSION_USER)
      .option('--dry-run', 'say which passkey would be deleted and change nothing')
      .action(
        handler(runtime, async (ctx, [id], options: { user?: string; dryRun?: boolean }) => {
          const { deletePasskey } = await import('./passkeys.js');
          await deletePasskey(ctx, id, options);
        }),
      ),
    'auth passkeys delete AbCdEf123 --yes',
  );
}
