// The pool configuration file: what `pool export-config` writes and `pool diff|apply|clone` read.
// The top level is ours (camelCase); inside each object the settings keep the AWS API's field
// names, exactly as the Update…/Create… requests take them, so the file reads like the AWS
// documentation and round-trips without a translation table that could drift from the API.
import { UsageError } from '../errors.js';

export const FORMAT = 'cognito-admin/pool-config@1';

export type Settings = Record<string, unknown>;

export interface PoolConfig {
  format: typeof FORMAT;
  pool: {
    /** Informational: apply and diff never rename a pool. */
    name?: string;
    /** Fixed at creation: a difference is refused (pool clone makes a new pool instead). */
    immutable: {
      UsernameAttributes?: string[];
      AliasAttributes?: string[];
      UsernameConfiguration?: Settings;
      /** Custom attributes, and standard ones that are required or not mutable. */
      SchemaAttributes: Settings[];
    };
    /** UpdateUserPool's fields, without UserPoolId and PoolName. */
    settings: Settings;
  };
  /** SetUserPoolMfaConfig's fields, without UserPoolId. */
  mfa: Settings;
  /** By client name: UpdateUserPoolClient's fields without ids and name; `hasSecret` instead of the secret. */
  clients: Record<string, Settings & { hasSecret: boolean }>;
  /** By group name: Description, Precedence, RoleArn. */
  groups: Record<string, Settings>;
  /** By identifier: Name, Scopes. */
  resourceServers: Record<string, Settings>;
  /** By provider name: ProviderType, ProviderDetails (no secrets), AttributeMapping, IdpIdentifiers. */
  identityProviders: Record<string, Settings>;
  /**
   * By domain name: the prefix domain and the custom domain (a pool has at most one of each),
   * with CustomDomainConfig (custom) and ManagedLoginVersion.
   */
  domains: Record<string, { CustomDomainConfig?: Settings; ManagedLoginVersion?: number }>;
}

/** JSON with every object's keys sorted, so that exports diff well in git. */
export function serialize(config: PoolConfig): string {
  return `${JSON.stringify(sortKeys(config), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Reads and checks a configuration file's text; every problem is a usage error naming the file. */
export function parseConfig(text: string, file: string): PoolConfig {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || value.format !== FORMAT) {
    throw new UsageError(`${file} is not a pool configuration (expected "format": "${FORMAT}")`, {
      hint: 'make one with `cognito-admin pool export-config --out pool.json`',
    });
  }
  const objectOf = (key: string) => {
    const v = value[key];
    if (v === undefined) return {};
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`${file}: "${key}" must be an object`);
    return v;
  };
  const pool = value.pool;
  if (!pool || typeof pool !== 'object' || !pool.immutable || typeof pool.settings !== 'object') {
    throw new UsageError(`${file}: "pool" must hold "immutable" and "settings"`);
  }
  return {
    format: FORMAT,
    pool: { name: pool.name, immutable: { SchemaAttributes: [], ...pool.immutable }, settings: pool.settings },
    mfa: objectOf('mfa'),
    clients: objectOf('clients'),
    groups: objectOf('groups'),
    resourceServers: objectOf('resourceServers'),
    identityProviders: objectOf('identityProviders'),
    domains: value.domains !== undefined ? objectOf('domains') : legacyDomain(value.domain, file),
  };
}

/** The first files held one domain as `"domain": { "Domain": name, … } | null`. */
function legacyDomain(domain: unknown, file: string): PoolConfig['domains'] {
  if (domain === undefined || domain === null) return {};
  if (typeof domain !== 'object' || typeof (domain as { Domain?: unknown }).Domain !== 'string') {
    throw new UsageError(`${file}: "domain" must be null or hold "Domain"`);
  }
  const { Domain, ...fields } = domain as { Domain: string };
  return { [Domain]: fields };
}

/**
 * Pool settings in one spelling: the legacy `AdminCreateUserConfig.UnusedAccountValidityDays`
 * mirrors `Policies.PasswordPolicy.TemporaryPasswordValidityDays`, and UpdateUserPool refuses the
 * two together, so a file holds only the second. Returns a copy.
 */
export function normalizeSettings(settings: Settings): Settings {
  const out = JSON.parse(JSON.stringify(settings)) as Record<string, any>;
  const legacy = out.AdminCreateUserConfig?.UnusedAccountValidityDays;
  if (legacy === undefined || legacy === null) return out;
  out.Policies ??= {};
  out.Policies.PasswordPolicy ??= {};
  out.Policies.PasswordPolicy.TemporaryPasswordValidityDays ??= legacy;
  delete out.AdminCreateUserConfig.UnusedAccountValidityDays;
  if (Object.keys(out.AdminCreateUserConfig).length === 0) delete out.AdminCreateUserConfig;
  return out;
}
