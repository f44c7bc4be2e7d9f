// `cognito-admin domain …`: the hosted sign-in domain of a user pool.
import { Command, Option } from 'commander';
import { examples, handler, type Noun, type Runtime } from '../shared.js';

export const domainNoun: Noun = {
  name: 'domain',
  description: "Create, describe and delete a user pool's sign-in domain",
  register: registerDomain,
};

function registerDomain(domain: Command, runtime: Runtime): void {

  examples(
    domain
      .command('create')
      .description('Give the pool a domain: a prefix on Cognito\'s domain, or a custom domain with --certificate-arn')
      .argument('<prefix|fqdn>', 'a prefix (shop → shop.auth.<region>.amazoncognito.com) or a full domain name')
      .option('--certificate-arn <arn>', 'for a custom domain: its ACM certificate (in us-east-1)')
      .addOption(new Option('--managed-login-version <n>', '1: the classic hosted UI; 2: managed login').choices(['1', '2']))
      .option('--dry-run', 'print the CreateUserPoolDomain request and stop')
      .action(
        handler(runtime, async (ctx, [name], options) => {
          const { createDomain } = await import('./run.js');
          await createDomain(ctx, name, options);
        }),
      ),
    'domain create shop-login --managed-login-version 2',
    'domain create auth.example.com --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
  );

  examples(
    domain
      .command('describe')
      .description('Show a domain: status, URL, certificate (default: the pool\'s domain)')
      .argument('[domain]', 'prefix or full domain name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { describeDomain } = await import('./run.js');
          await describeDomain(ctx, name);
        }),
      ),
    'domain describe',
    'domain describe shop-login -o json',
  );

  examples(
    domain
      .command('delete')
      .description('Delete the pool\'s domain (asks first; --yes without a terminal)')
      .argument('<domain>', 'prefix or full domain name')
      .action(
        handler(runtime, async (ctx, [name]) => {
          const { deleteDomain } = await import('./run.js');
          await deleteDomain(ctx, name);
        }),
      ),
    'domain delete shop-login --yes',
  );
}
