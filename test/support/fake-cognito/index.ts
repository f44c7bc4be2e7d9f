// An in-process fake of the Amazon Cognito user-pool API for tests: SRP, every auth challenge,
// JWTs with a JWKS, TOTP, self-service flows and user import jobs, spoken over AWS JSON 1.1 so the
// real AWS SDK v3 clients (and the CLI) can talk to it through an endpoint override.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeContext, FakeOptions, Limits, SentMessage } from './context.js';
import { createHandler, type RecordedCall } from './server.js';
import { lastCode } from './codes.js';
import { secretHash } from './secret-hash.js';
import { base32Decode, totpCode, TOTP_PERIOD } from './totp-check.js';
import type { ImportJobState, UploadState } from './import-jobs.js';
import {
  getPool,
  makeClient,
  makePool,
  type AddUserOptions,
  type ClientState,
  type CreateClientOptions,
  type CreatePoolOptions,
  type PoolState,
  type UserState,
} from './state.js';
import { createUser, findUser } from './user-store.js';
import { featureApi, type FeatureApi } from './feature-api.js';
import { domainPath } from './oauth-routes.js';
import { oauthState } from './oauth-state.js';

export type {
  AddUserOptions,
  ClientState,
  CreateClientOptions,
  CreatePoolOptions,
  ImportJobState,
  Limits,
  PoolState,
  RecordedCall,
  SentMessage,
  UploadState,
  UserState,
};
export { base32Decode, base32Encode, totpCode } from './totp-check.js';
export { secretHash } from './secret-hash.js';

export interface StartOptions {
  /** Region of pool ids made by createPool; default 'eu-west-1'. */
  region?: string;
  limits?: Partial<Limits>;
  /** Default true: a TOTP code is accepted once, as Cognito does. */
  rejectTotpReuse?: boolean;
}

export interface FakeCognito {
  /** http://127.0.0.1:<port>: the endpoint for SDK clients and `--endpoint`. */
  url: string;
  region: string;
  close(): Promise<void>;
  createPool(p?: CreatePoolOptions): PoolState;
  createClient(poolId: string, p?: CreateClientOptions): ClientState;
  addUser(poolId: string, u: AddUserOptions): UserState;
  /**
   * CUSTOM_AUTH answers are checked with `fn`. Without `fn`, each CUSTOM_CHALLENGE "emails" a fresh
   * code (read it with lastCode('email', user)) and the answer must be that code.
   */
  setCustomChallenge(
    poolId: string,
    fn?: (answer: string, username: string) => boolean,
    options?: { parameters?: Record<string, string>; maxAttempts?: number },
  ): void;
  pool(poolId: string): PoolState | undefined;
  /** A user by internal username, sub, email or phone (whatever signs in). */
  user(poolId: string, username: string): UserState | undefined;
  /** Every request, in order. */
  calls: RecordedCall[];
  callsTo(operation: string): RecordedCall[];
  /** Codes "sent" by SMS or email, newest last. */
  messages: SentMessage[];
  lastCode(kind: SentMessage['kind'], username: string): string | undefined;
  importJobs: Map<string, ImportJobState>;
  uploads: Map<string, UploadState>;
  jwksUrl(poolId: string): string;
  /** The `iss` of the pool's tokens: `<url>/<poolId>`. */
  issuer(poolId: string): string;
  limits: Limits;
  options: FakeOptions;
  /** Moves the server's clock (tokens, sessions, TOTP) forward without waiting. */
  advanceTime(seconds: number): void;
  /** The TOTP code for a secret (Buffer or base32) at the server's time, `steps` periods away. */
  totp(secret: Buffer | string, steps?: number): string;
  /** SECRET_HASH for a client and a username. */
  secretHash(clientId: string, username: string): string;
  /** Choice-based sign-in, devices, refresh rotation, passkeys, sign-in events (feature-api.ts). */
  features: FeatureApi;
  /** A resource server and its scopes (names without the identifier), for OAuth2 scopes `<identifier>/<scope>`. */
  createResourceServer(poolId: string, identifier: string, scopes: string[], name?: string): void;
  /** The pool's OAuth2 domain on this server: `<url>/oauth/<poolId>` (for `--domain`). */
  domainUrl(poolId: string): string;
  /** Every authorization code the login page issued, newest last. */
  issuedCodes: string[];
}

const DEFAULT_LIMITS: Limits = {
  maxUploadBytes: 100 * 1024 * 1024,
  maxImportUsers: 500_000,
  maxImportLineLength: 16_000,
  presignedUrlSeconds: 900,
  srpTimestampSkewSeconds: 300,
  mfaAttemptsPerSession: 3,
};

export async function startFakeCognito(opts: StartOptions = {}): Promise<FakeCognito> {
  const region = opts.region ?? 'eu-west-1';
  const ctx: FakeContext = {
    url: '',
    region,
    pools: new Map(),
    sessions: new Map(),
    srpSessions: new Map(),
    refreshTokens: new Map(),
    revokedOrigins: new Set(),
    messages: [],
    importJobs: new Map(),
    uploads: new Map(),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    options: { rejectTotpReuse: opts.rejectTotpReuse ?? true },
    clockOffsetMs: 0,
    now: () => Date.now() + ctx.clockOffsetMs,
  };
  const calls: RecordedCall[] = [];
  const server = createServer(createHandler(ctx, calls));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  ctx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const clientOf = (clientId: string): ClientState => {
    for (const pool of ctx.pools.values()) {
      const client = pool.clients.get(clientId);
      if (client) return client;
    }
    throw new Error(`fake-cognito: no client ${clientId}`);
  };

  return {
    url: ctx.url,
    region,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    createPool(p = {}) {
      const pool = makePool(region, p);
      if (ctx.pools.has(pool.id)) throw new Error(`fake-cognito: pool ${pool.id} exists`);
      ctx.pools.set(pool.id, pool);
      return pool;
    },
    createClient: (poolId, p = {}) => makeClient(getPool(ctx.pools, poolId), p),
    addUser: (poolId, u) => createUser(getPool(ctx.pools, poolId), u),
    setCustomChallenge(poolId, fn, options = {}) {
      const pool = getPool(ctx.pools, poolId);
      pool.customChallenge = { verify: fn, parameters: options.parameters ?? {}, maxAttempts: options.maxAttempts ?? 3 };
    },
    pool: (poolId) => ctx.pools.get(poolId),
    user: (poolId, username) => {
      const pool = ctx.pools.get(poolId);
      return pool ? findUser(pool, username) : undefined;
    },
    calls,
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    messages: ctx.messages,
    lastCode: (kind, username) => lastCode(ctx, kind, username),
    importJobs: ctx.importJobs,
    uploads: ctx.uploads,
    jwksUrl: (poolId) => `${ctx.url}/${poolId}/.well-known/jwks.json`,
    issuer: (poolId) => `${ctx.url}/${poolId}`,
    limits: ctx.limits,
    options: ctx.options,
    advanceTime(seconds) {
      ctx.clockOffsetMs += seconds * 1000;
    },
    totp(secret, steps = 0) {
      const key = typeof secret === 'string' ? base32Decode(secret) : secret;
      return totpCode(key, ctx.now() + steps * TOTP_PERIOD * 1000);
    },
    createResourceServer(poolId, identifier, scopes, name = identifier) {
      getPool(ctx.pools, poolId).resourceServers.set(identifier, {
        Identifier: identifier,
        Name: name,
        Scopes: scopes.map((s) => ({ ScopeName: s, ScopeDescription: s })),
      });
    },
    domainUrl: (poolId) => `${ctx.url}${domainPath(poolId)}`,
    issuedCodes: oauthState(ctx).issuedCodes,
    secretHash(clientId, username) {
      const client = clientOf(clientId);
      if (!client.clientSecret) throw new Error(`fake-cognito: client ${clientId} has no secret`);
      return secretHash(client.clientSecret, username, clientId);
    },
    features: featureApi(ctx),
  };
}
