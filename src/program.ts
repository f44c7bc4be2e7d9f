// The root command, its global options, and the nouns. Nothing here loads the AWS SDK: each
// verb imports its module when it runs, so `--help` and local commands start fast.
import { Command, Option } from 'commander';
import { OUTPUT_FORMATS } from './config/settings.js';
import { VERSION } from './version.js';
import type { Runtime } from './commands/shared.js';
import { registerProfile } from './commands/profile/index.js';
import { registerPool } from './commands/pool/index.js';
import { registerClient } from './commands/client/index.js';
import { registerUser } from './commands/user/index.js';
import { registerGroup } from './commands/group/index.js';
import { registerAuth } from './commands/auth/index.js';
import { registerMfa } from './commands/mfa/index.js';
import { registerToken } from './commands/token/index.js';
import { registerIdentity } from './commands/identity/index.js';
import { registerDomain } from './commands/domain/index.js';
import { registerResourceServer } from './commands/resource-server/index.js';
import { registerIdp } from './commands/idp/index.js';
import { registerDoctor } from './commands/doctor/index.js';
import { registerCompletion } from './commands/completion/index.js';
import { registerHelp } from './commands/help/index.js';

export function buildProgram(runtime: Runtime): Command {
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
  $ cognito-admin profile init
  $ cognito-admin pool create shop --sign-in email --with-client web --save-profile shop
  $ cognito-admin user create ann@example.com --email ann@example.com --group admins
  $ cognito-admin user list --filter 'email ^= "ann"' -o ndjson
`,
  );

  registerProfile(program, runtime);
  registerPool(program, runtime);
  registerClient(program, runtime);
  registerUser(program, runtime);
  registerGroup(program, runtime);
  registerAuth(program, runtime);
  registerMfa(program, runtime);
  registerToken(program, runtime);
  registerIdentity(program, runtime);
  registerDomain(program, runtime);
  registerResourceServer(program, runtime);
  registerIdp(program, runtime);
  // Last: tools about the commands above.
  registerDoctor(program, runtime);
  registerCompletion(program, runtime);
  registerHelp(program, runtime);
  return program;
}
