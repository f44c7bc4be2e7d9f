// `cognito-admin group …`: groups of a user pool and their members.
import { Command } from 'commander';
import { examples, handler, nonNegativeInt, positiveInt, type Noun, type Runtime } from '../shared.js';

const NAME_ARG = 'group name (default: a picker on a terminal)';

export const groupNoun: Noun = {
  name: 'group',
  description: 'Create, list, update and delete groups, and manage their members',
  register: registerGroup,
};

function registerGroup(group: Command, runtime: Runtime): void {

  examples(
    group
      .command('create')
      .description('Create a group')
      .argument('<name>', 'group name (letters, digits, punctuation, symbols; no spaces)')
      .option('--description <text>', 'what the group is for')
      .option('--precedence <n>', 'rank among groups, lower wins when a user is in several groups with roles', nonNegativeInt)
      .option('--role-arn <arn>', 'IAM role for members (the cognito:preferred_role claim), arn:aws:iam::<account>:role/<name>')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createGroup } = await import('./create.js');
          await createGroup(ctx, name, options);
        }),
      ),
    'group create admins --description "Administrators" --precedence 1',
    'group create editors --role-arn arn:aws:iam::123456789012:role/editors',
  );

  examples(
    group
      .command('list')
      .description('List the groups of a pool')
      .option('--limit <n>', 'stop after n groups', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listGroups } = await import('./read.js');
          await listGroups(ctx, options);
        }),
      ),
    'group list',
    'group list --pool eu-west-1_AbC123 -o ndjson',
  );

  examples(
    group
      .command('get')
      .description('Show a group: description, precedence, role')
      .argument('[name]', NAME_ARG)
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { showGroup } = await import('./read.js');
          await showGroup(ctx, name);
        }),
      ),
    'group get admins',
    'group get admins -o json',
  );

  examples(
    group
      .command('update')
      .description('Change a group; fields not named keep their current values')
      .argument('[name]', NAME_ARG)
      .option('--description <text>', 'new description ("" clears it)')
      .option('--precedence <n>', 'new precedence', nonNegativeInt)
      .option('--role-arn <arn>', 'new IAM role for members')
      .option('--remove-role', 'remove the IAM role from the group')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { updateGroup } = await import('./update.js');
          await updateGroup(ctx, name, options);
        }),
      ),
    'group update admins --description "Full access"',
    'group update editors --remove-role',
  );

  examples(
    group
      .command('delete')
      .description('Delete a group (asks first; --yes without a terminal). Refuses a group with members unless --force')
      .argument('[name]', NAME_ARG)
      .option('--force', 'remove the members from the group first (the users are kept)')
      .action(
        handler(runtime, async (ctx, [name], options: { force?: boolean }) => {
          const { deleteGroup } = await import('./delete.js');
          await deleteGroup(ctx, name, options);
        }),
      ),
    'group delete old-admins',
    'group delete testers --force --yes',
  );

  for (const change of ['add', 'remove'] as const) {
    const add = change === 'add';
    examples(
      group
        .command(change)
        .description(
          add
            ? 'Add users to a group, concurrently, with a result per user (exit 3 when some failed)'
            : 'Remove users from a group, concurrently, with a result per user (exit 3 when some failed)',
        )
        .argument('<group>', 'group name')
        .argument('[users...]', 'usernames')
        .option('--from-file <file|->', 'also read usernames from a file, one per line (- for stdin; blank lines and # comments skipped)')
        .option('--concurrency <n>', 'users processed at once (at most 32)', positiveInt, 8)
        .action(
          handler(runtime, async (ctx, [name, users], options: { fromFile?: string; concurrency?: number }) => {
            const { changeMembers } = await import('./membership.js');
            await changeMembers(ctx, change, name, users, options);
          }),
        ),
      ...(add
        ? ['group add admins alice bob', 'group add testers --from-file testers.txt --concurrency 4', 'group add testers --from-file - < users.txt']
        : ['group remove admins bob', 'group remove testers --from-file leavers.txt']),
    );
  }

  examples(
    group
      .command('members')
      .description('List the users in a group')
      .argument('[group]', NAME_ARG)
      .option('--limit <n>', 'stop after n users', positiveInt)
      .action(
        handler(runtime, async (ctx, [name], options: { limit?: number }) => {
          const { listMembers } = await import('./read.js');
          await listMembers(ctx, name, options);
        }),
      ),
    'group members admins',
    'group members admins -o ndjson',
  );
}
