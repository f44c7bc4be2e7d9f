// Resolves every global setting once, in the order flag > environment > profile > default,
// remembering where each value came from so `doctor` and error hints can say so.
import { UsageError } from '../errors.js';
import type { Profile, ProfileStore } from './profiles.js';

export type Source = 'flag' | 'env' | 'profile' | 'pool id' | 'default';

export interface Setting {
  value: string;
  source: Source;
  /** The flag, environment variable or profile the value came from, e.g. `AWS_REGION`. */
  origin: string;
}

export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Global options as commander parses them (`--no-input` arrives as `input: false`). */
export interface GlobalFlags {
  profile?: string;
  awsProfile?: string;
  region?: string;
  endpoint?: string;
  pool?: string;
  client?: string;
  identityPool?: string;
  domain?: string;
  output?: string;
  json?: boolean;
  yes?: boolean;
  input?: boolean;
  color?: boolean;
  debug?: boolean;
  quiet?: boolean;
  query?: string;
}

export interface Terminal {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export interface Settings {
  profileName?: Setting;
  profile: Profile;
  awsProfile?: Setting;
  region?: Setting;
  endpoint?: Setting;
  identityEndpoint?: Setting;
  stsEndpoint?: Setting;
  poolId?: Setting;
  clientId?: Setting;
  clientSecret?: Setting;
  identityPoolId?: Setting;
  /** The pool's OAuth2 domain as given (prefix, host name or URL); see src/oauth/domain.ts. */
  domain?: Setting;
  issuer?: Setting;
  output: OutputFormat;
  yes: boolean;
  /** True when prompting is not allowed: --no-input, CI, or stdin is not a terminal. */
  noInput: boolean;
  color: boolean;
  debug: boolean;
  quiet: boolean;
  /** How long to wait for an answer to one request (COGNITO_ADMIN_TIMEOUT, seconds). */
  requestTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

const truthy = (value: string | undefined) =>
  value !== undefined && value !== '' && !/^(0|false|no|off)$/i.test(value);

function pick(
  candidates: Array<[string | undefined, Source, string]>,
): Setting | undefined {
  for (const [value, source, origin] of candidates) {
    if (value !== undefined && value !== '') return { value, source, origin };
  }
  return undefined;
}

export const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** `eu-west-1_AbC` → `eu-west-1`; undefined for ids whose prefix is not a region (emulators). */
export function regionFromPoolId(poolId: string): string | undefined {
  const prefix = poolId.slice(0, poolId.indexOf('_'));
  return REGION.test(prefix) ? prefix : undefined;
}

export function checkPoolId(poolId: string, origin = '--pool'): string {
  if (!POOL_ID.test(poolId) || poolId.length > 55) {
    throw new UsageError(`invalid user pool id "${poolId}" (from ${origin})`, {
      hint: 'a pool id looks like eu-west-1_AbCdEf123; `cognito-admin pool list` shows them',
    });
  }
  return poolId;
}

export function resolveSettings(
  flags: GlobalFlags,
  env: Env,
  store: ProfileStore,
  terminal: Terminal,
  options: { lenientProfile?: boolean; withoutProfiles?: boolean } = {},
): Settings {
  const profileName = pick([
    [flags.profile, 'flag', '--profile'],
    [env.COGNITO_ADMIN_PROFILE, 'env', 'COGNITO_ADMIN_PROFILE'],
  ]);
  let profile: Profile = {};
  let selected = profileName;
  if (options.withoutProfiles) {
    selected = undefined;
  } else if (profileName && !(options.lenientProfile && !store.load().profiles[profileName.value])) {
    profile = store.get(profileName.value); // an explicitly named profile must exist
  } else if (!profileName) {
    const config = store.load();
    if (config.default && config.profiles[config.default]) {
      selected = { value: config.default, source: 'default', origin: 'config default' };
      profile = config.profiles[config.default]!;
    }
  }
  const fromProfile = (key: keyof Profile): [string | undefined, Source, string] => [
    profile[key],
    'profile',
    `profile ${selected?.value}`,
  ];

  const output = resolveOutput(flags, terminal);
  const endpoint = pick([
    [flags.endpoint, 'flag', '--endpoint'],
    [env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, 'env', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER'],
    [env.AWS_ENDPOINT_URL, 'env', 'AWS_ENDPOINT_URL'],
    fromProfile('endpoint'),
  ]);
  // Emulators serve every API on one address, so --endpoint covers identity pools and STS too.
  const identityEndpoint = pick([
    [flags.endpoint, 'flag', '--endpoint'],
    [env.AWS_ENDPOINT_URL_COGNITO_IDENTITY, 'env', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY'],
    [env.AWS_ENDPOINT_URL, 'env', 'AWS_ENDPOINT_URL'],
    fromProfile('endpoint'),
  ]);
  const stsEndpoint = pick([
    [flags.endpoint, 'flag', '--endpoint'],
    [env.AWS_ENDPOINT_URL_STS, 'env', 'AWS_ENDPOINT_URL_STS'],
    [env.AWS_ENDPOINT_URL, 'env', 'AWS_ENDPOINT_URL'],
    fromProfile('endpoint'),
  ]);
  for (const setting of [endpoint, identityEndpoint, stsEndpoint]) {
    if (setting) checkEndpoint(setting);
  }

  const poolId = pick([
    [flags.pool, 'flag', '--pool'],
    [env.COGNITO_USER_POOL_ID, 'env', 'COGNITO_USER_POOL_ID'],
    fromProfile('userPoolId'),
  ]);
  if (poolId) checkPoolId(poolId.value, poolId.origin);

  return {
    profileName: selected,
    profile,
    awsProfile: pick([
      [flags.awsProfile, 'flag', '--aws-profile'],
      [env.AWS_PROFILE, 'env', 'AWS_PROFILE'],
      fromProfile('awsProfile'),
    ]),
    region: pick([
      [flags.region, 'flag', '--region'],
      [env.AWS_REGION, 'env', 'AWS_REGION'],
      [env.AWS_DEFAULT_REGION, 'env', 'AWS_DEFAULT_REGION'],
      fromProfile('region'),
    ]),
    endpoint,
    identityEndpoint,
    stsEndpoint,
    poolId,
    clientId: pick([
      [flags.client, 'flag', '--client'],
      [env.COGNITO_CLIENT_ID, 'env', 'COGNITO_CLIENT_ID'],
      fromProfile('clientId'),
    ]),
    clientSecret: pick([
      [env.COGNITO_CLIENT_SECRET, 'env', 'COGNITO_CLIENT_SECRET'],
      fromProfile('clientSecret'),
    ]),
    identityPoolId: pick([
      [flags.identityPool, 'flag', '--identity-pool'],
      [env.COGNITO_IDENTITY_POOL_ID, 'env', 'COGNITO_IDENTITY_POOL_ID'],
      fromProfile('identityPoolId'),
    ]),
    domain: pick([
      [flags.domain, 'flag', '--domain'],
      [env.COGNITO_USER_POOL_DOMAIN, 'env', 'COGNITO_USER_POOL_DOMAIN'],
      fromProfile('domain'),
    ]),
    issuer: pick([fromProfile('issuer')]),
    output,
    yes: Boolean(flags.yes),
    noInput: flags.input === false || truthy(env.CI) || !terminal.stdinIsTTY || !terminal.stderrIsTTY,
    color: flags.color !== false && env.NO_COLOR === undefined && terminal.stderrIsTTY,
    debug: Boolean(flags.debug) || truthy(env.COGNITO_ADMIN_DEBUG),
    quiet: Boolean(flags.quiet),
    requestTimeoutMs: resolveTimeout(env.COGNITO_ADMIN_TIMEOUT),
  };
}

function resolveTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`COGNITO_ADMIN_TIMEOUT must be a number of seconds above 0, not "${value}"`);
  }
  return Math.round(seconds * 1000);
}

function resolveOutput(flags: GlobalFlags, terminal: Terminal): OutputFormat {
  if (flags.json) return 'json';
  if (flags.output !== undefined) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
      throw new UsageError(`unknown output format "${flags.output}"`, {
        hint: `use one of: ${OUTPUT_FORMATS.join(', ')}`,
      });
    }
    return flags.output as OutputFormat;
  }
  return terminal.stdoutIsTTY ? 'table' : 'json';
}

function checkEndpoint(setting: Setting): void {
  let url: URL;
  try {
    url = new URL(setting.value);
  } catch {
    throw new UsageError(`invalid endpoint "${setting.value}" (from ${setting.origin})`, {
      hint: 'give a full URL such as http://127.0.0.1:9229',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid endpoint "${setting.value}" (from ${setting.origin}): only http and https URLs`);
  }
}
