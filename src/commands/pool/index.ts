// `cognito-admin pool …`: user pools.
import type { Command } from 'commander';
import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { commaList, examples, handler, positiveInt, type Noun, type Runtime } from '../shared.js';
import { FLOWS } from '../client/create-request.js';
import { collectCustomAttributes, CUSTOM_ATTRIBUTE_SYNTAX } from './custom-attributes.js';
import { addPoolCreateOptions } from './create-options.js';
import { registerPoolUpdate } from './update-command.js';
import { registerPoolConfigVerbs } from './config-verbs.js';
import { UsageError } from '../../errors.js';

/** Positional specs parse like the option; a bad one is a usage error. */
function collectAttribute(previous: SchemaAttributeType[], spec: string): SchemaAttributeType[] {
  try {
    return collectCustomAttributes(spec, previous);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export const poolNoun: Noun = {
  name: 'pool',
  description: 'Create, list, describe and delete user pools',
  register: registerPool,
};

function registerPool(pool: Command, runtime: Runtime): void {

  examples(
    addPoolCreateOptions(
      pool
        .command('create')
        .description('Create a user pool (and optionally an app client and a profile for it)')
        .argument('<name>', 'pool name'),
      { signInNote: 'with username, the others are aliases', mfaDefault: 'off' },
    )
      .option('--custom-attribute <spec>', `a custom attribute, ${CUSTOM_ATTRIBUTE_SYNTAX} (repeatable)`, collectCustomAttributes)
      .option('--with-client <name>', 'also create an app client with this name')
      .option('--flows <list>', `with --with-client: sign-in flows (${FLOWS.join(', ')})`, commaList(FLOWS))
      .option('--secret', 'with --with-client: give the app client a secret')
      .option('--save-profile <name>', 'save the pool (and client) as a cognito-admin profile, with the region, endpoint and AWS profile in effect')
      .option('--dry-run', 'print the CreateUserPool request as JSON and stop')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createPool } = await import('./create.js');
          await createPool(ctx, name, options);
        }),
      ),
    'pool create shop --sign-in email --with-client web --save-profile shop',
    'pool create staff --sign-in username,email --mfa on --totp --password-min-length 12',
    'pool create test --dry-run',
    'pool create shop --custom-attribute tier:string:1-20 --custom-attribute score:number:0-100',
  );

  examples(
    pool
      .command('add-attribute')
      .description('Add custom attributes to an existing pool (AddCustomAttributes; Cognito cannot remove them again)')
      .argument('<spec...>', CUSTOM_ATTRIBUTE_SYNTAX)
      .option('--dry-run', 'print the AddCustomAttributes request as JSON and stop')
      .action(
        handler(runtime, async (ctx, [specs], options: { dryRun?: boolean }) => {
          const { addCustomAttributes } = await import('./add-attribute.js');
          await addCustomAttributes(ctx, (specs as string[]).reduce(collectAttribute, []), options);
        }),
      ),
    'pool add-attribute tier:string',
    'pool add-attribute plan:string:immutable:1-32 seats:number:1-500 --pool eu-west-1_AbC123',
  );

  registerPoolUpdate(pool, runtime);

  examples(
    pool
      .command('list')
      .description('List the user pools in the region')
      .option('--limit <n>', 'stop after n pools', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listPools } = await import('./read.js');
          await listPools(ctx, options);
        }),
      ),
    'pool list',
    'pool list --region us-east-1 -o ndjson',
  );

  examples(
    pool
      .command('describe')
      .description('Show a user pool: sign-in, MFA, password policy, attributes (-o json for everything)')
      .argument('[id]', 'pool id (default: --pool, the profile, or a picker)')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { describePool } = await import('./read.js');
          await describePool(ctx, id);
        }),
      ),
    'pool describe eu-west-1_AbC123',
    'pool describe -o json',
  );

  examples(
    pool
      .command('delete')
      .description('Delete a user pool and all its users (asks first; --yes without a terminal)')
      .argument('<id>', 'pool id')
      .action(
        handler(runtime, async (ctx, [id]) => {
          const { deletePool } = await import('./delete.js');
          await deletePool(ctx, id);
        }),
      ),
    'pool delete eu-west-1_AbC123',
    'pool delete eu-west-1_AbC123 --yes',
  );

  registerPoolConfigVerbs(pool, runtime);
}
