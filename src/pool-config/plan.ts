// What applying a configuration file to a pool would do, object by object and field by field.
// Pure: the current state and the file in, the steps out. A field the file leaves out is left
// as it is (the same merge the update helper does); objects absent from the file are deleted only
// with --prune. Differences Cognito cannot make to an existing object are collected apart, so
// that apply refuses before anything changes.
import { applyPatch, diffFields, type FieldChange } from '../aws/merge-update.js';
import { normalizeSettings, type PoolConfig, type Settings } from './document.js';

export type ObjectKind = 'attributes' | 'mfa' | 'pool' | 'domain' | 'resource-server' | 'identity-provider' | 'group' | 'client';

export interface Step {
  object: ObjectKind;
  name: string;
  action: 'create' | 'update' | 'delete';
  changes: FieldChange[];
  /** The object's fields as the file wants them (create, update). */
  fields?: Settings;
  /** update: the file's fields merged over the current ones. */
  merged?: Settings;
}

export interface Refusal {
  object: ObjectKind;
  name: string;
  reason: string;
  hint: string;
}

export interface Plan {
  /** In the order they are to run: what others refer to is made first, removed last. */
  steps: Step[];
  /** Objects in the pool and not in the file: deleted only with --prune. */
  extra: Step[];
  /** Differences that cannot be applied to this pool. */
  immutable: Refusal[];
  /** Objects that cannot be created from the file alone, and why. */
  skipped: Refusal[];
}

// Provider types whose details need a secret the export could not hold.
const NEEDS_SECRET: Record<string, string> = {
  OIDC: 'client_secret', Google: 'client_secret', Facebook: 'client_secret', LoginWithAmazon: 'client_secret',
  SignInWithApple: 'private_key',
};

export function planApply(current: PoolConfig, desired: PoolConfig, poolId: string): Plan {
  const plan: Plan = { steps: [], extra: [], immutable: [], skipped: [] };
  const clone = `cognito-admin pool clone ${poolId} <new-name>`;

  // The pool: sign-in attributes and the schema are fixed at creation; custom attributes can be added.
  const cur = current.pool.immutable;
  const want = desired.pool.immutable;
  for (const field of ['UsernameAttributes', 'AliasAttributes'] as const) {
    if (!sameSet(cur[field] ?? [], want[field] ?? [])) {
      plan.immutable.push({ object: 'pool', name: field, reason: `${field}: ${fmt(cur[field] ?? [])} → ${fmt(want[field])} (sign-in attributes are fixed at creation)`, hint: clone });
    }
  }
  // A pool that reports no UsernameConfiguration says nothing about it (pools made before the
  // setting existed; moto's UpdateUserPool drops it): nothing to compare.
  if (want.UsernameConfiguration && cur.UsernameConfiguration && diffFields(cur.UsernameConfiguration, want.UsernameConfiguration).length) {
    plan.immutable.push({ object: 'pool', name: 'UsernameConfiguration', reason: `UsernameConfiguration: ${fmt(cur.UsernameConfiguration)} → ${fmt(want.UsernameConfiguration)} (fixed at creation)`, hint: clone });
  }
  const currentAttrs = new Map(cur.SchemaAttributes.map((a) => [String(a.Name), a]));
  const missing: Settings[] = [];
  for (const attr of want.SchemaAttributes ?? []) {
    const name = String(attr.Name);
    const existing = currentAttrs.get(name);
    if (!existing && name.startsWith('custom:')) {
      missing.push(attr);
    } else if (!existing || diffFields(existing, attr).length) {
      plan.immutable.push({ object: 'pool', name, reason: `attribute ${name}: ${fmt(existing ?? '(standard, optional)')} → ${fmt(attr)} (the schema is fixed at creation; custom attributes can only be added)`, hint: clone });
    }
  }
  if (missing.length) {
    plan.steps.push({ object: 'attributes', name: 'custom attributes', action: 'create', changes: missing.map((a) => ({ field: String(a.Name), before: undefined, after: a })), fields: { CustomAttributes: missing } });
  }

  // SetUserPoolMfaConfig before UpdateUserPool: the pool's MFA mode must find its factors set.
  update(plan, 'mfa', 'MFA configuration', current.mfa, desired.mfa);
  update(plan, 'pool', 'settings', current.pool.settings, normalizeSettings(desired.pool.settings));

  // A pool holds one prefix domain and one custom domain (a host name), and neither is renamed.
  const domainKind = (name: string) => (name.includes('.') ? 'custom' : 'prefix');
  byName(plan, 'domain', current.domains, desired.domains, (name, cur) => {
    const other = cur ? undefined : Object.keys(current.domains).find((d) => domainKind(d) === domainKind(name));
    if (!other) return true;
    plan.immutable.push({ object: 'domain', name, reason: `the pool's ${domainKind(name)} domain is ${other}, the file's ${name} (a pool has one; it cannot be renamed)`, hint: `cognito-admin domain delete ${other}, then apply again` });
    return false;
  });

  byName(plan, 'resource-server', current.resourceServers, desired.resourceServers);
  byName(plan, 'identity-provider', current.identityProviders, desired.identityProviders, (name, cur, want) => {
    if (cur && want.ProviderType !== cur.ProviderType) {
      plan.immutable.push({ object: 'identity-provider', name, reason: `ProviderType: ${fmt(cur.ProviderType)} → ${fmt(want.ProviderType)} (fixed at creation)`, hint: `cognito-admin idp delete ${name}, then apply again` });
      return false;
    }
    const secret = NEEDS_SECRET[String(want.ProviderType)];
    if (!cur && secret) {
      plan.skipped.push({ object: 'identity-provider', name, reason: `its ${secret} cannot be exported, so it is not created`, hint: `cognito-admin idp create ${name} --type ${String(want.ProviderType).toLowerCase()} … (secret from --client-secret-stdin)` });
      return false;
    }
    return true;
  });
  byName(plan, 'group', current.groups, desired.groups);
  // A client naming a provider that is not created would be refused by Cognito: it gets the
  // others, and the summary says how to add the provider back once it exists.
  const notCreated = new Set(plan.skipped.filter((r) => r.object === 'identity-provider').map((r) => r.name));
  const clients = Object.fromEntries(
    Object.entries(desired.clients).map(([name, want]) => {
      const providers = want.SupportedIdentityProviders as string[] | undefined;
      const left = providers?.filter((p) => !notCreated.has(p));
      if (!providers || left!.length === providers.length) return [name, want];
      plan.skipped.push({
        object: 'client',
        name,
        reason: `SupportedIdentityProviders without ${providers.filter((p) => notCreated.has(p)).join(', ')} (not created)`,
        hint: `once the provider exists: cognito-admin client update <id of ${name}> --identity-providers ${providers.join(',')}`,
      });
      return [name, { ...want, SupportedIdentityProviders: left }];
    }),
  );
  byName(plan, 'client', current.clients, clients, (name, cur, want) => {
    if (cur && Boolean(cur.hasSecret) !== Boolean(want.hasSecret)) {
      plan.immutable.push({ object: 'client', name, reason: `hasSecret: ${Boolean(cur.hasSecret)} → ${Boolean(want.hasSecret)} (whether a client has a secret is fixed at creation)`, hint: `create a new client (cognito-admin client create ${name}-2${want.hasSecret ? ' --secret' : ''}) and move to it` });
      return false;
    }
    return true;
  });

  // Deletions: clients first (they refer to scopes and providers), then what they referred to.
  const order: ObjectKind[] = ['client', 'group', 'identity-provider', 'resource-server', 'domain'];
  plan.extra.sort((a, b) => order.indexOf(a.object) - order.indexOf(b.object) || a.name.localeCompare(b.name));
  return plan;
}

function byName(
  plan: Plan,
  object: ObjectKind,
  current: Record<string, Settings>,
  desired: Record<string, Settings>,
  check: (name: string, current: Settings | undefined, desired: Settings) => boolean = () => true,
): void {
  for (const name of Object.keys(desired).sort()) {
    const want = desired[name]!;
    const cur = current[name];
    if (!check(name, cur, want)) continue;
    if (!cur) plan.steps.push(created(object, name, want));
    else update(plan, object, name, cur, want);
  }
  for (const name of Object.keys(current).sort()) {
    if (!(name in desired)) plan.extra.push({ object, name, action: 'delete', changes: [] });
  }
}

function update(plan: Plan, object: ObjectKind, name: string, current: Settings, desired: Settings): void {
  const after = applyPatch(current, desired);
  const changes = diffFields(current, after);
  if (changes.length) plan.steps.push({ object, name, action: 'update', changes, fields: desired, merged: after });
}

function created(object: ObjectKind, name: string, fields: Settings): Step {
  return { object, name, action: 'create', changes: diffFields({}, fields), fields };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}

function fmt(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
