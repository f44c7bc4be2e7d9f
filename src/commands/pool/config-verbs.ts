// `pool export-config | diff | apply | clone`: the pool's configuration as a file.
import type { Command } from 'commander';
import { examples, handler, type Runtime } from '../shared.js';
import { addPoolCreateOptions } from './create-options.js';

export function registerPoolConfigVerbs(pool: Command, runtime: Runtime): void {
  examples(
    pool
      .command('export-config')
      .description('Write the pool\'s configuration as one JSON document: settings, MFA, clients, groups, resource servers, identity providers, domain')
      .argument('[id]', 'pool id (default: --pool, the profile, or a picker)')
      .option('--out <file>', 'write to this file instead of stdout (an existing file is kept unless --force)')
      .option('--force', 'with --out: replace an existing file')
      .action(
        handler(runtime, async (ctx, [id], options) => {
          const { exportConfig } = await import('./export-config.js');
          await exportConfig(ctx, id, options);
        }),
      ),
    'pool export-config eu-west-1_AbC123 --out pool.json',
    'pool export-config > pool.json',
  );

  examples(
    pool
      .command('diff')
      .description('Show what `pool apply` would change, object by object and field by field')
      .argument('<file>', 'a configuration file from `pool export-config`')
      .option('--exit-code', 'exit 1 when there are differences (as git diff --exit-code)')
      .action(
        handler(runtime, async (ctx, [file], options) => {
          const { diffConfig } = await import('./diff.js');
          await diffConfig(ctx, file, options);
        }),
      ),
    'pool diff pool.json --pool eu-west-1_AbC123',
    'pool diff pool.json --exit-code -q',
  );

  examples(
    pool
      .command('apply')
      .description('Make a pool match a configuration file: create what is missing, update what differs (merge-safe)')
      .argument('<file>', 'a configuration file from `pool export-config`')
      .option('--dry-run', 'print the changes and send nothing')
      .option('--prune', 'also delete clients, groups, resource servers, identity providers and the domain the file lacks (asks first)')
      .action(
        handler(runtime, async (ctx, [file], options) => {
          const { applyConfig } = await import('./apply.js');
          await applyConfig(ctx, file, options);
        }),
      ),
    'pool apply pool.json --pool eu-west-1_AbC123 --dry-run',
    'pool apply pool.json --pool eu-west-1_Staging --prune --yes',
  );

  examples(
    addPoolCreateOptions(
      pool
        .command('clone')
        .description('Make a new pool from an existing one: its settings (flags override them), MFA, clients, groups, resource servers, identity providers')
        .argument('<source-id>', 'the pool to copy')
        .argument('<new-name>', 'name of the new pool'),
      { signInNote: 'fixed at creation: the reason to clone' },
    )
      .option('--with-users', 'also copy the users (attributes, groups, enabled state; without passwords) through the import engine')
      .option('--dry-run', 'print the CreateUserPool request and the steps after it, and stop')
      .action(
        handler(runtime, async (ctx, [source, name], options) => {
          const { clonePool } = await import('./clone.js');
          await clonePool(ctx, source, name, options);
        }),
      ),
    'pool clone eu-west-1_AbC123 shop-v2 --sign-in email --with-users',
    'pool clone eu-west-1_AbC123 shop-staging --dry-run',
  );
}
