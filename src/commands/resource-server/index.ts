// `cognito-admin resource-server …`: APIs and the OAuth scopes app clients can ask for.
import { Command } from 'commander';
import { collectValues, examples, handler, positiveInt, type Noun, type Runtime } from '../shared.js';

export const resourceServerNoun: Noun = {
  name: 'resource-server',
  description: 'Create, list, describe, update and delete resource servers (APIs with OAuth scopes)',
  register: registerResourceServer,
};

function registerResourceServer(rs: Command, runtime: Runtime): void {

  examples(
    rs
      .command('create')
      .description('Create a resource server with its scopes')
      .argument('<identifier>', "the API's identifier, often its URL (scopes become <identifier>/<scope>)")
      .option('--name <name>', 'display name (required)')
      .option('--scope <name=description>', 'a scope (repeatable)', collectValues)
      .option('--dry-run', 'print the CreateResourceServer request and stop')
      .action(
        handler(runtime, async (ctx, [identifier], options) => {
          const { createResourceServer } = await import('./run.js');
          await createResourceServer(ctx, identifier, options);
        }),
      ),
    'resource-server create https://api.example.com --name "Orders API" --scope read="Read orders" --scope write="Place orders"',
  );

  examples(
    rs
      .command('list')
      .description('List the resource servers of a pool')
      .option('--limit <n>', 'stop after n resource servers', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listResourceServers } = await import('./run.js');
          await listResourceServers(ctx, options);
        }),
      ),
    'resource-server list -o json',
  );

  examples(
    rs
      .command('describe')
      .description('Show a resource server and its scopes')
      .argument('<identifier>', 'resource server identifier')
      .action(
        handler(runtime, async (ctx, [identifier]) => {
          const { describeResourceServer } = await import('./run.js');
          await describeResourceServer(ctx, identifier);
        }),
      ),
    'resource-server describe https://api.example.com',
  );

  examples(
    rs
      .command('update')
      .description('Rename a resource server or add and remove scopes; the other scopes are kept (--dry-run shows the change)')
      .argument('<identifier>', 'resource server identifier')
      .option('--name <name>', 'new display name')
      .option('--add-scope <name=description>', 'add a scope, or change its description (repeatable)', collectValues)
      .option('--remove-scope <name>', 'remove a scope (repeatable)', collectValues)
      .option('--dry-run', 'print the changes field by field (before → after) and send nothing')
      .action(
        handler(runtime, async (ctx, [identifier], options) => {
          const { updateResourceServer } = await import('./run.js');
          await updateResourceServer(ctx, identifier, options);
        }),
      ),
    'resource-server update https://api.example.com --add-scope admin="Manage orders" --remove-scope write',
  );

  examples(
    rs
      .command('delete')
      .description('Delete a resource server (asks first; --yes without a terminal)')
      .argument('<identifier>', 'resource server identifier')
      .action(
        handler(runtime, async (ctx, [identifier]) => {
          const { deleteResourceServer } = await import('./run.js');
          await deleteResourceServer(ctx, identifier);
        }),
      ),
    'resource-server delete https://api.example.com --yes',
  );
}
