// Reads a pool's whole configuration into the file's form: pool settings through the update
// helper's Describe → Update-input conversion (so the file holds exactly what an update takes),
// and every client, group, resource server, identity provider and domain.
import type { CognitoIdentityProviderClient, SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, keyFields, toUpdateInput, type UpdateKind } from '../aws/merge-update.js';
import { collect, paginate, type Page } from '../aws/paginate.js';
import { CliError } from '../errors.js';
import { FORMAT, normalizeSettings, type PoolConfig, type Settings } from './document.js';

export interface PoolState {
  config: PoolConfig;
  /** Client name → client id in this pool. */
  clientIds: Record<string, string>;
}

// Provider details that hold the provider's secret; they cannot be exported.
export const PROVIDER_SECRET_KEYS = ['client_secret', 'private_key'];

export async function readPool(idp: CognitoIdentityProviderClient, poolId: string): Promise<PoolState> {
  const {
    DescribeUserPoolDomainCommand,
    ListGroupsCommand,
    ListIdentityProvidersCommand,
    ListResourceServersCommand,
    ListUserPoolClientsCommand,
  } = await import('@aws-sdk/client-cognito-identity-provider');
  const UserPoolId = poolId;
  const pool = await describe(idp, 'userPool', { UserPoolId });
  const mfa = await describe(idp, 'mfaConfig', { UserPoolId });

  const clientList = await all(async (token) => {
      const r = await idp.send(new ListUserPoolClientsCommand({ UserPoolId, NextToken: token, MaxResults: 60 }));
      return { items: r.UserPoolClients, next: r.NextToken };
  });
  const clients: PoolConfig['clients'] = {};
  const clientIds: Record<string, string> = {};
  for (const { ClientId, ClientName } of clientList) {
    const name = ClientName ?? ClientId!;
    if (clientIds[name]) {
      throw new CliError(`pool ${poolId} has two app clients named "${name}" (${clientIds[name]} and ${ClientId}); the file names clients by name`, 1, {
        hint: `rename one of them, e.g. \`cognito-admin api UpdateUserPoolClient\` or \`client update ${ClientId} --name …\``,
      });
    }
    const described = await describe(idp, 'userPoolClient', { UserPoolId, ClientId: ClientId! });
    clients[name] = { ...withoutKeys('userPoolClient', toUpdateInput('userPoolClient', described), ['ClientName']), hasSecret: Boolean(described.ClientSecret) };
    clientIds[name] = ClientId!;
  }

  const groups: PoolConfig['groups'] = {};
  const groupList = await all(async (token) => {
      const r = await idp.send(new ListGroupsCommand({ UserPoolId, NextToken: token, Limit: 60 }));
      return { items: r.Groups, next: r.NextToken };
  });
  for (const g of groupList) groups[g.GroupName!] = defined({ Description: g.Description, Precedence: g.Precedence, RoleArn: g.RoleArn });

  const resourceServers: PoolConfig['resourceServers'] = {};
  const servers = await all(async (token) => {
      const r = await idp.send(new ListResourceServersCommand({ UserPoolId, NextToken: token, MaxResults: 50 }));
      return { items: r.ResourceServers, next: r.NextToken };
  });
  for (const rs of servers) {
    resourceServers[rs.Identifier!] = withoutKeys('resourceServer', toUpdateInput('resourceServer', rs));
  }

  const identityProviders: PoolConfig['identityProviders'] = {};
  const providers = await all(async (token) => {
      const r = await idp.send(new ListIdentityProvidersCommand({ UserPoolId, NextToken: token, MaxResults: 60 }));
      return { items: r.Providers, next: r.NextToken };
  });
  for (const { ProviderName } of providers) {
    const described = await describe(idp, 'identityProvider', { UserPoolId, ProviderName: ProviderName! });
    const fields = withoutKeys('identityProvider', toUpdateInput('identityProvider', described));
    const details = { ...((fields.ProviderDetails as Settings | undefined) ?? {}) };
    for (const key of PROVIDER_SECRET_KEYS) delete details[key];
    identityProviders[ProviderName!] = { ...fields, ProviderDetails: details, ProviderType: described.ProviderType };
  }

  // The prefix domain and the custom one: a pool may have both.
  const domains: PoolConfig['domains'] = {};
  for (const name of new Set([pool.Domain, pool.CustomDomain].filter((d): d is string => Boolean(d)))) {
    const { DomainDescription: d } = await idp.send(new DescribeUserPoolDomainCommand({ Domain: name }));
    domains[name] = defined({
      CustomDomainConfig: d?.CustomDomainConfig?.CertificateArn ? { CertificateArn: d.CustomDomainConfig.CertificateArn } : undefined,
      ManagedLoginVersion: d?.ManagedLoginVersion,
    }) as PoolConfig['domains'][string];
  }

  const { PoolName: _, ...settings } = withoutKeys('userPool', toUpdateInput('userPool', pool));
  const config: PoolConfig = {
    format: FORMAT,
    pool: {
      name: pool.Name,
      immutable: defined({
        UsernameAttributes: pool.UsernameAttributes?.length ? pool.UsernameAttributes : undefined,
        AliasAttributes: pool.AliasAttributes?.length ? pool.AliasAttributes : undefined,
        UsernameConfiguration: pool.UsernameConfiguration as Settings | undefined,
        SchemaAttributes: notableAttributes(pool.SchemaAttributes ?? []),
      }) as PoolConfig['pool']['immutable'],
      settings: normalizeSettings(settings),
    },
    mfa: withoutKeys('mfaConfig', toUpdateInput('mfaConfig', mfa, { UserPoolId })),
    clients,
    groups,
    resourceServers,
    identityProviders,
    domains,
  };
  return { config, clientIds };
}

/**
 * The schema attributes worth keeping in the file: custom ones, and standard ones whose settings
 * differ from a new pool's (required, or not mutable). `sub` is the same in every pool.
 */
export function notableAttributes(attributes: SchemaAttributeType[]): Settings[] {
  return attributes
    .filter((a) => a.Name !== 'sub' && (a.Name?.startsWith('custom:') || a.Required || a.Mutable === false))
    .map((a) => defined({ ...a }) as Settings)
    .sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
}

/** Every item of a listing, following its page tokens. */
function all<T>(page: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  return collect(paginate(page, { pageSize: 60 }));
}

function withoutKeys(kind: UpdateKind, input: object, extra: string[] = []): Settings {
  const drop = new Set([...keyFields(kind), ...extra]);
  return Object.fromEntries(Object.entries(input).filter(([k]) => !drop.has(k)));
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
