// The fake's in-memory model: pools, app clients and users, and how pools and clients are made.
import { randomBytes } from 'node:crypto';
import { createPoolKey, type PoolKey } from './tokens.js';
import { resourceNotFound } from './errors.js';

export type MfaConfiguration = 'OFF' | 'OPTIONAL' | 'ON';
export type SignInAttribute = 'email' | 'phone_number';
export type AliasAttribute = 'email' | 'phone_number' | 'preferred_username';
export type MfaMethod = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
export type UserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'UNCONFIRMED' | 'RESET_REQUIRED';

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

export interface CreatePoolOptions {
  name?: string;
  /** Default `${region}_<9 random letters and digits>`. */
  id?: string;
  mfa?: MfaConfiguration;
  usernameAttributes?: SignInAttribute[];
  aliasAttributes?: AliasAttribute[];
  /** Standard attributes marked Required in the schema (e.g. ['email', 'name']). */
  requiredAttributes?: string[];
  /** Custom attributes, with or without the `custom:` prefix. */
  customAttributes?: string[];
  /** Default ['email'] (what sign-up codes and import jobs rely on). */
  autoVerifiedAttributes?: SignInAttribute[];
  /** MFA types offered in MFA_SETUP's MFAS_CAN_SETUP. Default ['SOFTWARE_TOKEN_MFA']. */
  mfaTypes?: MfaMethod[];
  passwordPolicy?: Partial<PasswordPolicy>;
  /** Cognito's UsernameConfiguration.CaseSensitive; default false (Cognito's default since 2020). */
  caseSensitive?: boolean;
  /** DescribeUserPool's EmailConfiguration; default { EmailSendingAccount: 'COGNITO_DEFAULT' }. */
  emailConfiguration?: Record<string, unknown>;
}

export interface CustomChallenge {
  /** Without it, each challenge "emails" a code and the answer must be that code. */
  verify?: (answer: string, username: string) => boolean;
  /** Public challenge parameters sent with CUSTOM_CHALLENGE (besides USERNAME). */
  parameters: Record<string, string>;
  /** Attempts before NotAuthorizedException (a DefineAuthChallenge trigger's usual 3). */
  maxAttempts: number;
}

export interface PoolState {
  id: string;
  name: string;
  region: string;
  mfa: MfaConfiguration;
  usernameAttributes: SignInAttribute[];
  aliasAttributes: AliasAttribute[];
  requiredAttributes: string[];
  customAttributes: string[];
  autoVerifiedAttributes: SignInAttribute[];
  mfaTypes: MfaMethod[];
  passwordPolicy: PasswordPolicy;
  caseSensitive: boolean;
  emailConfiguration: Record<string, unknown>;
  createdAt: Date;
  readonly key: PoolKey;
  clients: Map<string, ClientState>;
  /** Keyed by internal username (lower-cased unless the pool is case sensitive). */
  users: Map<string, UserState>;
  customChallenge?: CustomChallenge;
  /** Resource servers by identifier, as DescribeResourceServer shows them. */
  resourceServers: Map<string, ResourceServerState>;
  /** The domain prefix DescribeUserPool reports; the fake serves every pool at domainUrl(poolId). */
  domain?: string;
  /** SetUserPoolMfaConfig's WebAuthnConfiguration (passkeys), as GetUserPoolMfaConfig shows it. */
  webAuthn?: { RelyingPartyId?: string; UserVerification?: string };
}

export interface ResourceServerState {
  Identifier: string;
  Name: string;
  Scopes: Array<{ ScopeName: string; ScopeDescription: string }>;
}

export interface CreateClientOptions {
  name?: string;
  secret?: boolean;
  /** ExplicitAuthFlows; default Cognito's ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH. */
  flows?: string[];
  /** Token lifetimes in seconds; default 3600, 3600, 30 days. */
  accessTokenSeconds?: number;
  idTokenSeconds?: number;
  refreshTokenSeconds?: number;
  /** AuthSessionValidity in minutes (3..15); default 3. */
  authSessionMinutes?: number;
  /** PreventUserExistenceErrors ENABLED: unknown users get NotAuthorizedException. Default LEGACY. */
  preventUserExistenceErrors?: boolean;
  /** AllowedOAuthFlows (`code`, `implicit`, `client_credentials`); any turns AllowedOAuthFlowsUserPoolClient on. */
  oauthFlows?: string[];
  /** AllowedOAuthScopes: `openid`, `email`, …, `<resource server>/<scope>`. */
  scopes?: string[];
  callbackUrls?: string[];
  /** SupportedIdentityProviders; default ['COGNITO'] when oauthFlows are given. */
  identityProviders?: string[];
  /** EnableTokenRevocation; default true. */
  tokenRevocation?: boolean;
}

export interface ClientState {
  clientId: string;
  clientSecret?: string;
  name: string;
  poolId: string;
  flows: string[];
  accessTokenSeconds: number;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
  authSessionMinutes: number;
  preventUserExistenceErrors: boolean;
  oauthFlows: string[];
  scopes: string[];
  callbackUrls: string[];
  identityProviders: string[];
  tokenRevocation: boolean;
  createdAt: Date;
}

export interface UserMfaState {
  /** A verified software token (VerifySoftwareToken or addUser's totpSecret). */
  totpSecret?: Buffer;
  /** Secret from AssociateSoftwareToken, not verified yet. */
  pendingTotpSecret?: Buffer;
  totpEnabled: boolean;
  totpDeviceName?: string;
  /** Last TOTP time step accepted: Cognito refuses a code used once. */
  lastTotpStep?: number;
  sms: boolean;
  email: boolean;
  preferred?: MfaMethod;
}

export interface AddUserOptions {
  /** For pools with usernameAttributes this is the email or phone; the internal username becomes the sub. */
  username: string;
  /** Omit for users who have none (an import job's RESET_REQUIRED users). */
  password?: string;
  attributes?: Record<string, string>;
  status?: UserStatus;
  enabled?: boolean;
  mfa?: { totpSecret?: Buffer; sms?: boolean; email?: boolean; preferred?: MfaMethod };
  groups?: string[];
  /** SRP salt as hex, to pin one (e.g. with the high bit set); default 16 random bytes. */
  salt?: string;
}

export interface UserState {
  /** Internal username: what USER_ID_FOR_SRP, cognito:username and SECRET_HASH on challenges use. */
  username: string;
  sub: string;
  password?: string;
  /** SRP salt (hex, no padding); renewed with every password change as Cognito does. */
  salt: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  groups: string[];
  mfa: UserMfaState;
  createdAt: Date;
  modifiedAt: Date;
  /** origin_jti of every sign-in, so GlobalSignOut can revoke them all. */
  origins: Set<string>;
  passwordChanges: number;
  /** Outstanding sign-up confirmation and forgot-password codes. */
  codes: { signup?: string; forgot?: string };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function randomId(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

const DEFAULT_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

export function makePool(region: string, opts: CreatePoolOptions = {}): PoolState {
  const id = opts.id ?? `${region}_${randomId(9)}`;
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(id)) throw new Error(`invalid pool id ${id}`);
  if (opts.usernameAttributes?.length && opts.aliasAttributes?.length) {
    throw new Error('a pool has usernameAttributes or aliasAttributes, not both');
  }
  let key: PoolKey | undefined;
  return {
    id,
    name: opts.name ?? `pool-${id.split('_')[1]}`,
    region: id.split('_')[0]!,
    mfa: opts.mfa ?? 'OFF',
    usernameAttributes: [...(opts.usernameAttributes ?? [])],
    aliasAttributes: [...(opts.aliasAttributes ?? [])],
    requiredAttributes: [...(opts.requiredAttributes ?? [])],
    customAttributes: (opts.customAttributes ?? []).map((a) => (a.startsWith('custom:') ? a : `custom:${a}`)),
    autoVerifiedAttributes: [...(opts.autoVerifiedAttributes ?? ['email'])],
    mfaTypes: [...(opts.mfaTypes ?? ['SOFTWARE_TOKEN_MFA'])],
    passwordPolicy: { ...DEFAULT_POLICY, ...opts.passwordPolicy },
    caseSensitive: opts.caseSensitive ?? false,
    emailConfiguration: opts.emailConfiguration ?? { EmailSendingAccount: 'COGNITO_DEFAULT' },
    createdAt: new Date(),
    // RSA key generation is slow; a pool makes its key when it first signs a token.
    get key() {
      return (key ??= createPoolKey());
    },
    clients: new Map(),
    users: new Map(),
    resourceServers: new Map(),
  };
}

const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

export function makeClient(pool: PoolState, opts: CreateClientOptions = {}): ClientState {
  const clientId = randomId(26, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const client: ClientState = {
    clientId,
    clientSecret: opts.secret ? randomId(51, 'abcdefghijklmnopqrstuvwxyz0123456789') : undefined,
    name: opts.name ?? `client-${clientId.slice(0, 6)}`,
    poolId: pool.id,
    flows: [...(opts.flows ?? DEFAULT_FLOWS)],
    accessTokenSeconds: opts.accessTokenSeconds ?? 3600,
    idTokenSeconds: opts.idTokenSeconds ?? 3600,
    refreshTokenSeconds: opts.refreshTokenSeconds ?? 30 * 24 * 3600,
    authSessionMinutes: opts.authSessionMinutes ?? 3,
    preventUserExistenceErrors: opts.preventUserExistenceErrors ?? false,
    oauthFlows: [...(opts.oauthFlows ?? [])],
    scopes: [...(opts.scopes ?? [])],
    callbackUrls: [...(opts.callbackUrls ?? [])],
    identityProviders: [...(opts.identityProviders ?? (opts.oauthFlows?.length ? ['COGNITO'] : []))],
    tokenRevocation: opts.tokenRevocation ?? true,
    createdAt: new Date(),
  };
  pool.clients.set(clientId, client);
  return client;
}

export function getPool(pools: Map<string, PoolState>, id: string | undefined): PoolState {
  const pool = id ? pools.get(id) : undefined;
  if (!pool) return resourceNotFound(`User pool ${id ?? ''} does not exist.`);
  return pool;
}

export function getClient(pools: Map<string, PoolState>, clientId: string | undefined): { pool: PoolState; client: ClientState } {
  for (const pool of pools.values()) {
    const client = clientId ? pool.clients.get(clientId) : undefined;
    if (client) return { pool, client };
  }
  return resourceNotFound(`User pool client ${clientId ?? ''} does not exist.`);
}
