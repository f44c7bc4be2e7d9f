// `cognito-admin profile …`: named settings in the config file.
import { Command } from 'commander';
import { examples, handler, type Noun, type Runtime } from '../shared.js';

export const profileNoun: Noun = {
  name: 'profile',
  description: 'Manage named profiles: region, AWS profile, endpoint, pool, client and more',
  register: registerProfile,
};

function registerProfile(profile: Command, outer: Runtime): void {
  const runtime = { ...outer, lenientProfile: true };

  const init = handler(runtime, async (ctx, [name], options: { issuer?: string; setAside?: string }, cmd) => {
    const { initProfile } = await import('./init.js');
    await initProfile(ctx, name, { ...cmd.optsWithGlobals(), ...options });
  });
  examples(
    profile
      .command('init')
      .description('First-run setup: pick the AWS profile, region, pool and app client, save them as the default profile')
      .argument('[name]', 'profile name', 'default')
      .option('--issuer <name>', 'issuer shown in authenticator apps for TOTP')
      .option('--force', 'when the config file is not valid JSON, keep it as config.json.bak and start a new one')
      .action(async (...all: unknown[]) => {
        const options = all[all.length - 2] as { force?: boolean; setAside?: string };
        // Before the Context, which reads the config file and would stop at the broken one.
        if (options.force) {
          const { ProfileStore } = await import('../../config/profiles.js');
          const { configFilePath } = await import('../../config/paths.js');
          options.setAside = (runtime.store ?? new ProfileStore(configFilePath(runtime.env ?? process.env))).setAsideIfBroken();
        }
        await init(...all);
      }),
    'profile init',
    'profile init prod --aws-profile prod-admin --region eu-west-1 --pool eu-west-1_AbC --client 1example23 --no-input',
    'profile init --force              # the config file is broken: keep it as config.json.bak, start anew',
  );

  examples(
    profile
      .command('set')
      .description('Create or change a profile; only the options given are changed ("" clears a value)')
      .argument('<name>', 'profile name')
      .option('--issuer <name>', 'issuer shown in authenticator apps for TOTP')
      .option('--client-secret-stdin', 'read the app client secret from the first line of stdin')
      .option('--default', 'also make it the default profile')
      .action(
        handler(runtime, async (ctx, [name], options: { issuer?: string; clientSecretStdin?: boolean; default?: boolean }, cmd) => {
          const { setProfile } = await import('./manage.js');
          await setProfile(ctx, name, { ...cmd.optsWithGlobals(), ...options });
        }),
      ),
    'profile set dev --region eu-west-1 --pool eu-west-1_AbC --client 1example23',
    'profile set dev --endpoint http://127.0.0.1:9229',
    'profile set dev --client-secret-stdin < secret.txt',
  );

  examples(
    profile
      .command('list')
      .description('List profiles; the default is marked')
      .action(
        handler(runtime, async (ctx) => {
          const { listProfiles } = await import('./manage.js');
          await listProfiles(ctx);
        }),
      ),
    'profile list',
  );

  examples(
    profile
      .command('show')
      .description('Show one profile (the selected one by default); a client secret is shown as ****')
      .argument('[name]', 'profile name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { showProfile } = await import('./manage.js');
          showProfile(ctx, name);
        }),
      ),
    'profile show',
    'profile show prod -o json',
  );

  examples(
    profile
      .command('use')
      .description('Make a profile the default')
      .argument('<name>', 'profile name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { useProfile } = await import('./manage.js');
          useProfile(ctx, name);
        }),
      ),
    'profile use prod',
  );

  examples(
    profile
      .command('remove')
      .description('Delete a profile from the config file')
      .argument('<name>', 'profile name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { removeProfile } = await import('./manage.js');
          removeProfile(ctx, name);
        }),
      ),
    'profile remove old',
  );
}
