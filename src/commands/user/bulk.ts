// Wiring of the bulk verbs: `user import`, `user export`, and `--from-file` on the verbs that act on
// one user. Commander only: the engine, the CSV reader and the SDK load when one of them runs.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { collectValues, examples, handler, positiveInt, type Runtime } from '../shared.js';
import type { BulkVerb } from './bulk-operations.js';

/**
 * `[username]` plus --from-file and the engine's flags on a one-user verb. The action runs the
 * verb on the engine with --from-file, else `single` on the one user.
 */
export function withFromFile<O extends object>(
  command: Command,
  runtime: Runtime,
  verb: BulkVerb,
  single: (ctx: Context, username: string, options: O) => Promise<void>,
): Command {
  return command
    .argument('[username]', 'username, or an email or phone alias where the pool has them')
    .option('--from-file <file|->', 'every user in the file (- for stdin): usernames one per line, or user list -o ndjson|json|csv output')
    .option('--dry-run', 'with --from-file: count the users and show the first, send nothing')
    .option('--concurrency <n>', 'with --from-file: requests in flight at once (default 8)', positiveInt)
    .option('--rate <per-second|unlimited>', "with --from-file: requests per second (default: Cognito's quota for the call)")
    .option('--failures <file>', 'with --from-file: where the users that failed go (default: <name>.failures.csv next to the file)')
    .option('--fresh', 'with --from-file: start over, ignoring what an interrupted run on the same input recorded')
    .action(
      handler(runtime, async (ctx, [username], options: O & { fromFile?: string }) => {
        if (options.fromFile !== undefined) {
          const { fromFileCommand } = await import('./from-file.js');
          return fromFileCommand(ctx, verb, username, options as O & { fromFile: string });
        }
        const bulkOnly = ['dryRun', 'concurrency', 'rate', 'failures', 'fresh'].filter((k) => (options as Record<string, unknown>)[k] !== undefined);
        if (bulkOnly.length > 0) {
          throw new UsageError(`${bulkOnly.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} ${bulkOnly.length === 1 ? 'goes' : 'go'} with --from-file`);
        }
        if (username === undefined) {
          throw new UsageError(`user ${verb} needs a username or --from-file <file|->`, { hint: `cognito-admin user ${verb} --help` });
        }
        await single(ctx, username, options);
      }),
    );
}

/** `--poll-interval 0.5`: seconds, fractions allowed. */
function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds greater than 0');
  return n;
}

export function registerImport(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('import')
      .description(
        'Create users from a CSV file (or - for stdin): validated against the pool first, paced and retried, ' +
          'resumable after a crash or Ctrl-C, with a failures CSV to fix and feed back',
      )
      .argument(
        '<file.csv|->',
        'CSV with a header row: username (or cognito:username), attributes (email, phone_number, custom:…), ' +
          'email_verified, phone_number_verified, groups (;-separated), password, enabled',
      )
      .option('--dry-run', 'validate the whole file against the pool and change nothing')
      .option('--map <col=attr>', 'read column col as attribute attr, e.g. "E-mail=email"; "col=" ignores it (repeatable)', collectValues)
      .addOption(new Option('--on-exists <action>', 'when the user exists: skip it, update it, or fail the row (default skip)').choices(['skip', 'update', 'fail']))
      .option('--invite <how>', 'invitations: none, email, sms or email,sms (default none: nobody is mailed)')
      .option('--concurrency <n>', 'requests in flight at once (default 8)', positiveInt)
      .option('--rate <per-second|unlimited>', "requests per second per quota category (default: Cognito's quotas, 50 creates and 25 updates a second)")
      .option('--create-groups', 'create groups named in the file that do not exist (default: they must exist)')
      .option('--fresh', 'start over: ignore what an earlier, interrupted run of the same file recorded')
      .option('--failures <file>', 'where to write rows that were invalid or failed (default: <name>.failures.csv next to the file)')
      .addOption(new Option('--mode <mode>', "api: one request per user (default); job: Cognito's server-side import jobs").choices(['api', 'job']))
      .option('--cloudwatch-role-arn <arn>', 'with --mode job: the IAM role Cognito writes the job logs to CloudWatch with')
      .option('--poll-interval <seconds>', 'with --mode job: time between job status checks (default 5)', seconds)
      .option('--job-max-users <n>', 'with --mode job: users per import job, the file is split beyond (default and most 500000)', positiveInt)
      .addOption(new Option('--job-max-bytes <n>', 'with --mode job: bytes per import job file (default and most 100 MiB)').argParser(positiveInt).hideHelp())
      .addHelpText(
        'after',
        '\nThe summary (created, updated, existing, invalid, failed, resumed, elapsed, users/s)\n' +
          'goes to stdout; progress and warnings to stderr. Exit 3 when a row was invalid or failed\n' +
          '(see the failures file), 2 when the header or the CSV is wrong (nothing was changed),\n' +
          '130 after Ctrl-C: run the same command again to continue where it stopped (a second\n' +
          'Ctrl-C abandons the requests in flight).',
      )
      .action(
        handler(runtime, async (ctx, [file], options) => {
          const { importCommand } = await import('./import.js');
          await importCommand(ctx, file, options);
        }),
      ),
    'user import users.csv --dry-run',
    'user import users.csv --map "E-mail=email" --map "Team=groups" --create-groups',
    'user import users.csv --on-exists update --rate 20 -o json > summary.json',
    'user import users.failures.csv            # the fixed failures file, as is',
    'user export --pool eu-west-1_Old | cognito-admin user import - --pool eu-west-1_New',
    'user import big.csv --mode job --cloudwatch-role-arn arn:aws:iam::123456789012:role/CognitoImport',
  );
}

export function registerExport(user: Command, runtime: Runtime): void {
  examples(
    user
      .command('export')
      .description(
        'Write every user as CSV: all attributes, enabled state and groups, in the format user import takes back ' +
          '(cells a spreadsheet would run as formulas are neutralised)',
      )
      .option('--out <file.csv>', 'write to this file (replaced only when the export is complete); default stdout')
      .option('--concurrency <n>', 'group look-ups in flight at once (default 8)', positiveInt)
      .addOption(new Option('--group-reads <how>', 'memberships per group or per user (default auto: fewer calls)').choices(['auto', 'per-group', 'per-user']).hideHelp())
      .action(
        handler(runtime, async (ctx, _args, options) => {
          const { exportCommand } = await import('./export.js');
          await exportCommand(ctx, options);
        }),
      ),
    'user export --out users.csv',
    'user export > backup.csv',
    'user export --pool eu-west-1_Old | cognito-admin user import - --pool eu-west-1_New',
  );
}
