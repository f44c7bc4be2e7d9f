// The root command, its global options, and the nouns. Nothing here loads the AWS SDK: each
// verb imports its module when it runs, so `--help` and local commands start fast. For the same
// reason a run adds the verbs of the nouns its command line names only: the others are listed
// with their descriptions, which is all the root help shows of them.
import { Command, Option } from 'commander';
import { OUTPUT_FORMATS } from './config/settings.js';
import { VERSION } from './version.js';
import type { Noun, Runtime } from './commands/shared.js';
import { profileNoun } from './commands/profile/index.js';
import { poolNoun } from './commands/pool/index.js';
import { clientNoun } from './commands/client/index.js';
import { userNoun } from './commands/user/index.js';
import { groupNoun } from './commands/group/index.js';
import { authNoun } from './commands/auth/index.js';
import { mfaNoun } from './commands/mfa/index.js';
import { tokenNoun } from './commands/token/index.js';
import { identityNoun } from './commands/identity/index.js';
import { domainNoun } from './commands/domain/index.js';
import { resourceServerNoun } from './commands/resource-server/index.js';
import { idpNoun } from './commands/idp/index.js';
import { registerApi } from './commands/api/index.js';
import { registerDoctor } from './commands/doctor/index.js';
import { registerCompletion } from './commands/completion/index.js';
import { registerHelp } from './commands/help/index.js';
import { refuseUnknownVerbs } from './commands/unknown-verb.js';

// In the order the root help lists them.
const NOUNS: readonly Noun[] = [
  profileNoun,
  poolNoun,
  clientNoun,
  userNoun,
  groupNoun,
  authNoun,
  mfaNoun,
  tokenNoun,
  identityNoun,
  domainNoun,
  resourceServerNoun,
  idpNoun,
];

/**
 * The command tree. With `argv` (a run), only the nouns that appear in it get their verbs:
 * commander can only dispatch to a noun whose name is a word of the command line, and `help
 * user create` names it too; `completion` needs them all. Without `argv`, the whole tree (help
 * snapshots, completion scripts).
 */
export function buildProgram(runtime: Runtime, argv?: readonly string[]): Command {
  const wanted = (noun: Noun) => !argv || argv.includes(noun.name) || argv.includes('completion');
  const program = new Command('cognito-admin')
    .description('Run Amazon Cognito from a shell: user pools, app clients, users, groups, sign-in, MFA, tokens.')
    .version(VERSION, '-V, --version')
    .option('-p, --profile <name>', 'cognito-admin profile to use (env COGNITO_ADMIN_PROFILE)')
    .option('--aws-profile <name>', 'profile of the AWS config/credentials files (env AWS_PROFILE)')
    .option('--region <region>', 'AWS region (env AWS_REGION); default: from the pool id')
    .option('--endpoint <url>', 'talk to an emulator such as cognito-local or moto (env AWS_ENDPOINT_URL)')
    .option('--pool <id>', 'user pool id (env COGNITO_USER_POOL_ID)')
    .option('--client <id>', 'app client id (env COGNITO_CLIENT_ID)')
    .option('--identity-pool <id>', 'identity pool id (env COGNITO_IDENTITY_POOL_ID)')
    .option('--domain <domain>', "the pool's OAuth2 domain: a prefix, a host name or a URL (env COGNITO_USER_POOL_DOMAIN); default: the pool's")
    .addOption(new Option('-o, --output <format>', 'output format (default: table on a terminal, json otherwise)').choices(OUTPUT_FORMATS))
    .option('--json', 'same as --output json')
    .option('--query <jmespath>', 'JMESPath over the JSON output, as in the AWS CLI; with -o text, one value a line')
    .option('-y, --yes', 'answer yes to confirmations')
    .option('--no-input', 'never prompt (also when CI is set or stdin is not a terminal)')
    .option('--no-color', 'plain output (also when NO_COLOR is set)')
    .option('--debug', 'log every AWS request and response on stderr, secrets masked (env COGNITO_ADMIN_DEBUG)')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ sortSubcommands: false });

  // Subcommands do not repeat the global options; one line says where they are.
  program.addHelpText('afterAll', ({ command }) =>
    command === program ? '' : '\nGlobal options (--profile, --pool, --client, --endpoint, -o, --yes, --debug, …): cognito-admin --help',
  );
  program.addHelpText(
    'after',
    `
Examples:
  $ cognito-admin pool create shop --sign-in email --with-client web --save-profile shop
  $ cognito-admin group create admins --description 'Shop administrators'
  $ cognito-admin user create ann@example.com --email ann@example.com --group admins
  $ cognito-admin profile init                  # for a pool that exists already
  $ cognito-admin user list --filter 'email ^= "ann"' -o ndjson
  $ cognito-admin pool list --query '[].id' -o text
`,
  );

  for (const noun of NOUNS) {
    const command = program.command(noun.name).description(noun.description);
    if (wanted(noun)) noun.register(command, runtime);
  }
  registerApi(program, runtime);
  // Last: tools about the commands above.
  registerDoctor(program, runtime);
  registerCompletion(program, runtime);
  registerHelp(program, runtime);
  refuseUnknownVerbs(program);
  return program;
}
