// `cognito-admin api …`: any operation of the Cognito APIs, for what no verb covers.
import { Command, Option } from 'commander';
import { collectValues, examples, handler, type Runtime } from '../shared.js';
import { SERVICES } from '../../api/operations.js';

export function registerApi(program: Command, runtime: Runtime): void {
  examples(
    program
      .command('api')
      .description('Call any operation of the user-pool API (or, with --service identity, the identity-pool API)')
      .argument('<operation>', 'operation as the AWS API names it, e.g. ListUsers, DescribeUserPool')
      .option('--input <json|@file|->', 'the request as JSON: inline, from a file (@file), or from stdin (-)')
      .option('--field <Key=Value>', 'one request member (repeatable); typed as the operation expects, JSON for lists and objects', collectValues)
      .option('--paginate', 'follow page tokens to the end: items with -o ndjson, else one merged answer')
      .addOption(new Option('--service <service>', 'which Cognito API').choices(SERVICES).default('idp'))
      .option('--show-secrets', 'print client secrets, tokens and other secrets in the answer instead of ****')
      .action(
        handler(runtime, async (ctx, [operation], options) => {
          const { callApi } = await import('./call.js');
          await callApi(ctx, operation, options);
        }),
      ),
    'api DescribeUserPool --field UserPoolId=eu-west-1_AbC123',
    'api ListUsers --field Filter=\'email ^= "ann"\' --paginate -o ndjson',
    'api AdminGetUser --input \'{"UserPoolId": "eu-west-1_AbC123", "Username": "ann"}\'',
    'api ListIdentityPools --service identity --field MaxResults=60 --paginate',
  );
}
