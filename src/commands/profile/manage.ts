// profile set | list | show | use | remove — local edits of the config file.
import type { Context } from '../../context.js';
import type { GlobalFlags } from '../../config/settings.js';
import { checkPoolId } from '../../config/settings.js';
import { PROFILE_KEYS, type Profile } from '../../config/profiles.js';
import { UsageError } from '../../errors.js';
import { MASK, registerSecret } from '../../aws/redact.js';

export interface ProfileFlags extends GlobalFlags {
  issuer?: string;
  clientSecretStdin?: boolean;
  default?: boolean;
}

/** The profile values named on the command line (flags only: never env or other profiles). */
export function profileValuesFromFlags(flags: ProfileFlags): Profile {
  const values: Profile = {
    region: flags.region,
    awsProfile: flags.awsProfile,
    endpoint: flags.endpoint,
    userPoolId: flags.pool,
    clientId: flags.client,
    identityPoolId: flags.identityPool,
    issuer: flags.issuer,
    domain: flags.domain,
  };
  if (values.userPoolId) checkPoolId(values.userPoolId);
  if (values.region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    throw new UsageError(`invalid region "${values.region}"`, { hint: 'a region looks like eu-west-1' });
  }
  return values;
}

export async function setProfile(ctx: Context, name: string, flags: ProfileFlags): Promise<void> {
  const values = profileValuesFromFlags(flags);
  if (flags.clientSecretStdin) {
    const secret = (await ctx.stdin.next())?.trim();
    if (!secret) throw new UsageError('--client-secret-stdin: no secret on the first line of stdin');
    registerSecret(secret);
    values.clientSecret = secret;
  }
  if (Object.values(values).every((v) => v === undefined) && !flags.default) {
    throw new UsageError('nothing to set', {
      hint: 'pass at least one of --region, --aws-profile, --endpoint, --pool, --client, --client-secret-stdin, --identity-pool, --domain, --issuer',
    });
  }
  const saved = ctx.store.update(name, values, { makeDefault: flags.default });
  ctx.out.done(`saved profile ${name} in ${ctx.store.path}`, { name, profile: masked(saved) });
}

export async function listProfiles(ctx: Context): Promise<void> {
  const config = ctx.store.load();
  const rows = Object.entries(config.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, p]) => ({ name, default: config.default === name, ...masked(p) }));
  await ctx.out.list(rows, [
    { header: 'NAME', get: (r) => r.name },
    { header: 'DEFAULT', get: (r) => (r.default ? 'yes' : '') },
    { header: 'REGION', get: (r) => r.region },
    { header: 'POOL', get: (r) => r.userPoolId },
    { header: 'CLIENT', get: (r) => r.clientId },
    { header: 'ENDPOINT', get: (r) => r.endpoint },
    { header: 'AWS PROFILE', get: (r) => r.awsProfile },
  ]);
}

export function showProfile(ctx: Context, name: string | undefined): void {
  const selected = name ?? ctx.settings.profileName?.value;
  if (!selected) {
    throw new UsageError('no profile is selected', { hint: 'name one, or create one with `cognito-admin profile init`' });
  }
  const profile = ctx.store.get(selected);
  const isDefault = ctx.store.load().default === selected;
  const view = { name: selected, default: isDefault, ...masked(profile) };
  ctx.out.record(view, [
    { header: 'name', get: (v) => v.name },
    { header: 'default', get: (v) => (v.default ? 'yes' : 'no') },
    ...PROFILE_KEYS.map((key) => ({ header: key, get: (v: Record<string, unknown>) => v[key] })),
  ]);
}

export function useProfile(ctx: Context, name: string): void {
  ctx.store.setDefault(name);
  ctx.out.done(`${name} is now the default profile`, { default: name });
}

export function removeProfile(ctx: Context, name: string): void {
  ctx.store.remove(name);
  ctx.out.done(`removed profile ${name}`, { removed: name });
}

export function masked(profile: Profile): Profile {
  return profile.clientSecret ? { ...profile, clientSecret: MASK } : { ...profile };
}
