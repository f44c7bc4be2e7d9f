// `cognito-admin user …`: users of a pool. Wiring only; each verb's logic loads when it runs.
import { Command, InvalidArgumentError } from 'commander';
import { collectValues, examples, handler, positiveInt, type Noun, type Runtime } from '../shared.js';
import { registerExport, registerImport, withFromFile } from './bulk.js';
import { registerActivityVerbs } from './activity-verbs.js';

export const userNoun: Noun = {
  name: 'user',
  description: 'Create, invite, list, update and delete the users of a pool',
  register: registerUser,
};

function registerUser(user: Command, runtime: Runtime): void {

  registerCreate(user, runtime);
  registerInvite(user, runtime);
  registerGet(user, runtime);
  registerList(user, runtime);
  registerUpdate(user, runtime);
  registerStateVerbs(user, runtime);
  registerPasswords(user, runtime);
  registerGroups(user, runtime);
  // Bulk verbs (user import, user export) register here, one line each.
  registerImport(user, runtime);
  registerExport(user, runtime);
  // What a user has and did: devices, sessions, sign-in history, auth factors.
  registerActivityVerbs(user, runtime);
}

const USERNAME = 'username, or an email or phone alias where the pool has them';

/** `--invite email|sms|email,sms` (and `none` where allowed). */
function inviteParser(allowNone: boolean) {
  const allowed = allowNone ? ['email', 'sms', 'none'] : ['email', 'sms'];
  return (value: string): string[] => {
    const items = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
    if (items.length === 0 || items.some((i) => !allowed.includes(i)) || (items.includes('none') && items.length > 1)) {
      throw new InvalidArgumentError(`expected ${allowNone ? 'email, sms, email,sms or none' : 'email, sms or email,sms'}`);
    }
    return items;
  };
}

function registerCreate(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('create')
      .description('Create a user (AdminCreateUser), optionally in groups; the groups are checked first')
      .argument('<username>', 'username (an email or phone number in pools that sign in with those)')
      .option('--email <address>', 'email address')
      .option('--phone <e164>', 'phone number in E.164 format, e.g. +447700900123')
      .option('--attr <name=value>', 'any attribute, standard or custom:… (repeatable)', collectValues)
      .option('--email-verified', 'mark the email address as verified')
      .option('--phone-verified', 'mark the phone number as verified')
      .option('--temp-password-stdin', 'read the temporary password from the first line of stdin (default: Cognito generates one)')
      .option('--invite <how>', "invitation: email, sms, email,sms or none (default: the pool's own)", inviteParser(true))
      .option('--group <name>', 'add the user to this group (repeatable)', collectValues)
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { createUser } = await import('./create.js');
          await createUser(ctx, username, options);
        }),
      ),
    'user create ann --email ann@example.com --email-verified --group admins',
    'user create bob --phone +447700900123 --attr given_name=Bob --attr custom:tier=gold --invite sms',
    'user create carol --email carol@example.com --temp-password-stdin --invite none < temp-password.txt',
  );
}

function registerInvite(user: Command, runtime: Runtime): void {
  examples(
    withFromFile(
      user
        .command('invite')
        .description('Send the invitation again, with a new temporary password (AdminCreateUser RESEND); --from-file for many users')
        .option('--invite <how>', "email, sms or email,sms (default: the pool's own)", inviteParser(false)),
      runtime,
      'invite',
      async (ctx, username, options: { invite?: string[] }) => {
        const { inviteUser } = await import('./invite.js');
        await inviteUser(ctx, username, options);
      },
    ),
    'user invite ann',
    'user invite bob --invite sms',
    'user invite --from-file expired.txt --rate 5',
  );
}

function registerGet(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('get')
      .description('Show a user: status, enabled, dates, attributes and MFA')
      .argument('<username>', USERNAME)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { getUser } = await import('./read.js');
          await getUser(ctx, username);
        }),
      ),
    'user get ann',
    'user get ann@example.com -o json',
  );
}

function registerList(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('list')
      .description('List users, every page (or up to --limit); -o ndjson streams them as they arrive')
      .option('--filter <expr>', 'Cognito filter: attribute = "value" or attribute ^= "value" (starts with)')
      .option('--status <status>', 'only users with this status, e.g. CONFIRMED, FORCE_CHANGE_PASSWORD, UNCONFIRMED')
      .option('--group <name>', 'only members of this group')
      .option('--attributes <list>', 'return only these attributes, comma-separated (also added as table columns)')
      .option('--limit <n>', 'stop after n users', positiveInt)
      .option('--created-before <when>', 'only users created before: an ISO date or an age (30d, 12h)')
      .option('--created-after <when>', 'only users created at or after: an ISO date or an age (30d, 12h)')
      .option('--modified-before <when>', 'only users last modified before: an ISO date or an age')
      .option('--modified-after <when>', 'only users last modified at or after: an ISO date or an age')
      .option('--enabled', 'only enabled users')
      .option('--disabled', 'only disabled users')
      .addHelpText(
        'after',
        '\nSearchable attributes: username, email, phone_number, name, given_name, family_name,\n' +
          'preferred_username, cognito:user_status, status ("Enabled"/"Disabled"), sub.',
      )
      .action(
        handler(runtime, async (ctx, _args, options) => {
          const { listUsers } = await import('./read.js');
          await listUsers(ctx, options);
        }),
      ),
    'user list',
    `user list --filter 'email ^= "ann"'`,
    'user list --status UNCONFIRMED --attributes email,given_name',
    'user list --group admins -o ndjson',
    'user list --status UNCONFIRMED --created-before 30d -o ndjson | cognito-admin user delete --from-file - --yes',
  );
}

function registerUpdate(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('update')
      .description("Change or remove a user's attributes")
      .argument('<username>', USERNAME)
      .option('--attr <name=value>', 'set an attribute (repeatable)', collectValues)
      .option('--remove-attr <name>', 'remove an attribute (repeatable)', collectValues)
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { updateUser } = await import('./update.js');
          await updateUser(ctx, username, options);
        }),
      ),
    'user update ann --attr given_name=Ann --attr custom:tier=gold',
    'user update ann --attr email=ann@example.org --attr email_verified=true --remove-attr phone_number',
  );
}

function registerStateVerbs(user: Command, runtime: Runtime): void {
  const verbs = [
    ['delete', 'Delete a user (asks first; --yes without a terminal); --from-file for many', 'deleteUser', 'user delete ann --yes',
      'user list --status UNCONFIRMED --created-before 30d -o ndjson | cognito-admin user delete --from-file - --yes'],
    ['disable', 'Disable a user: they can no longer sign in; --from-file for many', 'disableUser', 'user disable ann',
      'user disable --from-file leavers.txt --dry-run'],
    ['enable', 'Enable a disabled user again; --from-file for many', 'enableUser', 'user enable ann',
      'user list --disabled -o csv > disabled.csv && cognito-admin user enable --from-file disabled.csv'],
    ['confirm', 'Confirm a user who signed up, without their code (AdminConfirmSignUp); --from-file for many', 'confirmUser', 'user confirm ann',
      'user confirm --from-file signups.txt'],
    ['sign-out', 'Sign a user out everywhere: their refresh tokens stop working; --from-file for many', 'signOutUser', 'user sign-out ann',
      'user sign-out --from-file compromised.txt --yes'],
  ] as const;
  for (const [verb, description, fn, example, bulkExample] of verbs) {
    examples(
      withFromFile(user.command(verb).description(description), runtime, verb, async (ctx, username) => {
        const state = await import('./state.js');
        await state[fn](ctx, username);
      }),
      example,
      bulkExample,
    );
  }
}

function registerPasswords(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('set-password')
      .description('Set a password (temporary unless --permanent); read from a prompt, stdin or COGNITO_NEW_PASSWORD, never argv')
      .argument('<username>', USERNAME)
      .option('--permanent', 'the user keeps this password (status CONFIRMED) instead of changing it at sign-in')
      .option('--password-stdin', 'read the password from the first line of stdin')
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { setPassword } = await import('./password.js');
          await setPassword(ctx, username, options);
        }),
      ),
    'user set-password ann',
    'user set-password ann --permanent --password-stdin < password.txt',
  );

  examples(
    withFromFile(
      user
        .command('reset-password')
        .description('Reset a password: Cognito sends a code and the user must set a new password; --from-file for many'),
      runtime,
      'reset-password',
      async (ctx, username) => {
        const { resetPassword } = await import('./password.js');
        await resetPassword(ctx, username);
      },
    ),
    'user reset-password ann',
    'user reset-password --from-file affected.txt --yes',
  );
}

function registerGroups(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('groups')
      .description('List the groups a user belongs to')
      .argument('<username>', USERNAME)
      .option('--limit <n>', 'stop after n groups', positiveInt)
      .action(
        handler(runtime, async (ctx, [username], options: { limit?: number }) => {
          const { listUserGroups } = await import('./read.js');
          await listUserGroups(ctx, username, options);
        }),
      ),
    'user groups ann',
  );
}
