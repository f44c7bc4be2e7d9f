// `cognito-admin idp …`: identity providers of a user pool (OIDC and SAML).
import { Command, Option } from 'commander';
import { collectValues, examples, handler, positiveInt, splitList as list, type Noun, type Runtime } from '../shared.js';
import { IDP_TYPES } from './request.js';

export const idpNoun: Noun = {
  name: 'idp',
  description: 'List, describe, create, update and delete identity providers (OIDC, SAML)',
  register: registerIdp,
};

function registerIdp(idp: Command, runtime: Runtime): void {

  examples(
    idp
      .command('list')
      .description('List the identity providers of a pool')
      .option('--limit <n>', 'stop after n providers', positiveInt)
      .action(
        handler(runtime, async (ctx, _args, options: { limit?: number }) => {
          const { listIdps } = await import('./run.js');
          await listIdps(ctx, options);
        }),
      ),
    'idp list',
  );

  examples(
    idp
      .command('describe')
      .description('Show an identity provider (its client secret is never printed)')
      .argument('<name>', 'provider name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { describeIdp } = await import('./run.js');
          await describeIdp(ctx, name);
        }),
      ),
    'idp describe Okta -o json',
  );

  const create = idp
      .command('create')
      .description('Add an OIDC or SAML identity provider')
      .argument('<name>', 'provider name (what app clients list in --identity-providers)')
      .addOption(new Option('--type <type>', 'provider type').choices(IDP_TYPES));
  examples(
    providerSettings(create, false)
      .option('--dry-run', 'print the CreateIdentityProvider request (secret masked) and stop')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createIdp } = await import('./run.js');
          await createIdp(ctx, name, options);
        }),
      ),
    'idp create Okta --type oidc --issuer https://example.okta.com --client-id 0oa1example --client-secret-stdin --attribute-map email=email < secret.txt',
    'idp create Corp --type saml --metadata-url https://idp.example.com/metadata.xml --attribute-map http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress=email',
  );

  const update = idp
      .command('update')
      .description('Change an identity provider; every setting not named is kept (--dry-run shows the change)')
      .argument('<name>', 'provider name');
  examples(
    providerSettings(update, true)
      .option('--remove-attribute-map <attr>', 'stop filling this pool attribute from the provider (repeatable)', collectValues)
      .option('--dry-run', 'print the changes field by field (before → after) and send nothing')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { updateIdp } = await import('./run.js');
          await updateIdp(ctx, name, options);
        }),
      ),
    'idp update Okta --scopes openid,email,profile --attribute-map name=name --dry-run',
    'idp update Okta --client-secret-stdin < new-secret.txt',
    'idp update Corp --metadata-url https://idp.example.com/new-metadata.xml',
  );

  examples(
    idp
      .command('delete')
      .description('Delete an identity provider (asks first; --yes without a terminal)')
      .argument('<name>', 'provider name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { deleteIdp } = await import('./run.js');
          await deleteIdp(ctx, name);
        }),
      ),
    'idp delete Okta --yes',
  );
}

/** The provider settings `create` and `update` both take; an update replaces or adds to what is there. */
function providerSettings(cmd: Command, update: boolean): Command {
  return cmd
    .option('--issuer <url>', 'oidc: the issuer URL')
    .option('--client-id <id>', 'oidc: the client id registered at the provider')
    .option('--client-secret-stdin', update ? 'oidc: read a new client secret from stdin' : 'oidc: read the client secret from stdin (else COGNITO_IDP_CLIENT_SECRET)')
    .option('--scopes <list>', update ? 'oidc: the scopes to ask for (replaces them)' : 'oidc: scopes to ask for (default: openid)', list)
    .option('--metadata-url <url>', update ? 'saml: the metadata document URL (instead of a file)' : 'saml: the metadata document URL')
    .option('--metadata-file <file>', update ? 'saml: the metadata document (instead of a URL)' : 'saml: the metadata document')
    .option(
      '--attribute-map <claim=attr>',
      update ? 'map a provider claim to a pool attribute, keeping the other mappings (repeatable)' : 'map a provider claim to a pool attribute (repeatable)',
      collectValues,
    )
    .option(
      '--identifiers <list>',
      update ? 'email domains or names that route users to this provider (replaces them; "" for none)' : 'email domains or names that route users to this provider',
      list,
    );
}
