// Everything a command's run function touches, resolved once from the global options:
// settings, output, prompter, stdin, and lazily built AWS clients. Pickers fill a missing pool,
// client, group or identity pool on a terminal; without one the gap is a usage error.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { STSClient } from '@aws-sdk/client-sts';
import { CliError, ExitCode, UsageError } from './errors.js';
import { ProfileStore } from './config/profiles.js';
import { configFilePath } from './config/paths.js';
import {
  checkPoolId,
  regionFromPoolId,
  resolveSettings,
  type GlobalFlags,
  type Settings,
  type Setting,
} from './config/settings.js';
import { Output } from './io/output.js';
import { capitalise } from './io/format.js';
import { InquirerPrompter, type Prompter, type Choice } from './io/prompter.js';
import { StdinLines } from './io/stdin-lines.js';
import { processStreams, terminalOf, type IOStreams } from './io/streams.js';
import type { ErrorContext } from './aws/errors.js';
import type { CredentialProvider } from './aws/credentials.js';
import { scrub } from './aws/redact.js';
import { pickers as defaultPickers, type Pickers } from './pickers.js';

export type Env = Record<string, string | undefined>;

export interface ContextOptions {
  streams?: IOStreams;
  env?: Env;
  store?: ProfileStore;
  prompter?: Prompter;
  now?: () => number;
  /** The `profile` commands work even when the selected profile does not exist yet. */
  lenientProfile?: boolean;
  /** Settings from flags and the environment only, no profile (what `profile init` is about to save). */
  withoutProfiles?: boolean;
  /** Clients to use instead of building them (tests pass clients wired to a mock or an emulator). */
  clients?: InjectedClients;
  /** Pickers to use instead of the interactive lists of src/pickers.ts. */
  pickers?: Partial<Pickers>;
}

export interface InjectedClients {
  idp?: CognitoIdentityProviderClient;
  /** The bulk engine's client (SDK retries off); defaults to `idp` when only that is given. */
  bulkIdp?: CognitoIdentityProviderClient;
  identity?: CognitoIdentityClient;
  sts?: STSClient;
}

export class Context {
  readonly settings: Settings;
  readonly out: Output;
  readonly prompter: Prompter;
  readonly stdin: StdinLines;
  readonly streams: IOStreams;
  readonly store: ProfileStore;
  readonly env: Env;
  readonly now: () => number;
  private readonly pickers: Pickers;

  private pool?: Setting;
  private client?: Setting;
  private identityPool?: Setting;
  private credentialsPromise?: Promise<CredentialProvider>;
  private idpPromise?: Promise<CognitoIdentityProviderClient>;
  private bulkIdpPromise?: Promise<CognitoIdentityProviderClient>;
  private identityPromise?: Promise<CognitoIdentityClient>;
  private stsPromise?: Promise<STSClient>;
  private secretPromise?: Promise<string | undefined>;

  constructor(
    private readonly flags: GlobalFlags,
    private readonly options: ContextOptions = {},
  ) {
    this.streams = options.streams ?? processStreams();
    this.env = options.env ?? process.env;
    this.store = options.store ?? new ProfileStore(configFilePath(this.env));
    this.now = options.now ?? Date.now;
    this.pickers = { ...defaultPickers, ...options.pickers };
    this.settings = resolveSettings(flags, this.env, this.store, terminalOf(this.streams), {
      lenientProfile: options.lenientProfile,
      withoutProfiles: options.withoutProfiles,
    });
    this.out = new Output(this.streams, {
      format: this.settings.output,
      color: this.settings.color,
      quiet: this.settings.quiet,
      query: flags.query,
    });
    this.prompter = options.prompter ?? new InquirerPrompter(this.streams, !this.settings.noInput);
    this.stdin = new StdinLines(() => this.streams.stdin);
    this.pool = this.settings.poolId;
    this.client = this.settings.clientId;
    this.identityPool = this.settings.identityPoolId;
  }

  /** A Context for other settings (same streams, prompter and config), e.g. during `profile init`. */
  derive(overrides: GlobalFlags, options: Pick<ContextOptions, 'withoutProfiles'> = {}): Context {
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    return new Context({ ...this.flags, ...defined }, { ...this.options, ...options, prompter: this.prompter });
  }

  /** Writes a --debug line on stderr (secrets scrubbed); a no-op without --debug. */
  debug = (line: string): void => {
    if (this.settings.debug) this.streams.stderr.write(`${scrub(line)}\n`);
  };

  // ---- where the tool talks to -------------------------------------------------------------

  /** The region for clients: flag/env/profile, else the pool id's prefix, else the AWS config. */
  region(): Setting | undefined {
    if (this.settings.region) return this.settings.region;
    const fromPool = this.pool && regionFromPoolId(this.pool.value);
    if (fromPool) return { value: fromPool, source: 'pool id', origin: `pool id ${this.pool!.value}` };
    // Emulators ignore the region, but the SDK needs one to sign with.
    if (this.settings.endpoint && !this.settings.awsProfile) {
      return { value: 'us-east-1', source: 'default', origin: 'default for --endpoint' };
    }
    return undefined;
  }

  errorContext(): ErrorContext {
    const region = this.region();
    return {
      region: region?.value,
      regionOrigin: region?.origin,
      poolId: this.pool?.value,
      endpoint: this.settings.endpoint?.value,
      awsProfile: this.settings.awsProfile?.value,
      timeoutMs: this.settings.requestTimeoutMs,
    };
  }

  credentials(): Promise<CredentialProvider> {
    this.credentialsPromise ??= import('./aws/credentials.js').then((m) =>
      m.credentialProvider(this.settings.awsProfile?.value, this.prompter),
    );
    return this.credentialsPromise;
  }

  /** Options shared by every client; `maxAttempts: 1` for commands that retry themselves. */
  async clientOptions(endpoint: Setting | undefined, maxAttempts?: number) {
    this.checkPoolRegion();
    return {
      region: this.region()?.value,
      endpoint: endpoint?.value,
      awsProfile: this.settings.awsProfile?.value,
      credentials: await this.credentials(),
      debug: this.settings.debug ? this.debug : undefined,
      maxAttempts,
      requestTimeoutMs: this.settings.requestTimeoutMs,
    };
  }

  idp(): Promise<CognitoIdentityProviderClient> {
    const injected = this.options.clients?.idp;
    if (injected) return Promise.resolve(injected);
    this.idpPromise ??= Promise.all([import('./aws/clients.js'), this.clientOptions(this.settings.endpoint)]).then(
      ([m, options]) => m.createIdpClient(options),
    );
    return this.idpPromise;
  }

  /**
   * A client of its own for the bulk engine, without the SDK's retries: the engine retries, paces
   * each quota category, and must see every throttle and every lost response.
   */
  bulkIdp(): Promise<CognitoIdentityProviderClient> {
    const injected = this.options.clients?.bulkIdp ?? this.options.clients?.idp;
    if (injected) return Promise.resolve(injected);
    this.bulkIdpPromise ??= Promise.all([import('./aws/clients.js'), this.clientOptions(this.settings.endpoint, 1)]).then(
      ([m, options]) => m.createIdpClient(options),
    );
    return this.bulkIdpPromise;
  }

  identity(): Promise<CognitoIdentityClient> {
    const injected = this.options.clients?.identity;
    if (injected) return Promise.resolve(injected);
    this.identityPromise ??= Promise.all([
      import('./aws/clients.js'),
      this.clientOptions(this.settings.identityEndpoint),
    ]).then(([m, options]) => m.createIdentityClient(options));
    return this.identityPromise;
  }

  sts(): Promise<STSClient> {
    const injected = this.options.clients?.sts;
    if (injected) return Promise.resolve(injected);
    this.stsPromise ??= Promise.all([import('./aws/clients.js'), this.clientOptions(this.settings.stsEndpoint)]).then(
      ([m, options]) => m.createStsClient(options),
    );
    return this.stsPromise;
  }

  // ---- what the tool works on --------------------------------------------------------------

  /** The user pool: given, or picked on a terminal (and echoed as the flag that gives it). */
  async poolId(): Promise<string> {
    if (!this.pool) {
      const picked = await this.pickers.pool(this);
      this.pool = { value: picked, source: 'flag', origin: 'picker' };
      this.out.note(`using --pool ${picked}`);
    }
    return this.pool.value;
  }

  /** Sets the pool from a positional argument (e.g. `pool describe <id>`). */
  usePool(poolId: string, origin = 'argument'): string {
    checkPoolId(poolId, origin);
    this.pool = { value: poolId, source: 'flag', origin };
    return poolId;
  }

  /** Sets the app client when it is known from elsewhere (a saved session), unless one was given. */
  useClientIfUnset(clientId: string): void {
    this.client ??= { value: clientId, source: 'default', origin: 'saved session' };
  }

  /** Sets the pool when it is known from elsewhere (a saved session), unless one was given. */
  usePoolIfUnset(poolId: string): void {
    this.pool ??= { value: poolId, source: 'default', origin: 'saved session' };
  }

  async clientId(): Promise<string> {
    if (!this.client) {
      const picked = await this.pickers.client(this, await this.poolId());
      this.client = { value: picked, source: 'flag', origin: 'picker' };
      this.out.note(`using --client ${picked}`);
    }
    return this.client.value;
  }

  async identityPoolId(): Promise<string> {
    if (!this.identityPool) {
      const picked = await this.pickers.identityPool(this);
      this.identityPool = { value: picked, source: 'flag', origin: 'picker' };
      this.out.note(`using --identity-pool ${picked}`);
    }
    return this.identityPool.value;
  }

  /** A group name given as an argument, or picked from the pool's groups on a terminal. */
  async groupName(given: string | undefined): Promise<string> {
    if (given) return given;
    const picked = await this.pickers.group(this, await this.poolId());
    this.out.note(`using group ${picked}`);
    return picked;
  }

  /**
   * The app client's secret: COGNITO_CLIENT_SECRET or the profile, else looked up with
   * DescribeUserPoolClient when the AWS credentials allow it; undefined for a public client.
   */
  clientSecret(): Promise<string | undefined> {
    this.secretPromise ??= (async () => {
      if (this.settings.clientSecret) return this.settings.clientSecret.value;
      const { lookUpClientSecret } = await import('./aws/client-secret.js');
      const ids = { poolId: await this.poolId(), clientId: await this.clientId() };
      return lookUpClientSecret(await this.idp(), ids, (text) => this.debug(text));
    })();
    return this.secretPromise;
  }

  /** Asks before a destructive change; without a terminal only --yes allows it. */
  async confirmDestructive(action: string): Promise<void> {
    if (this.settings.yes) return;
    if (!this.prompter.canPrompt) {
      throw new UsageError(`refusing to ${action} without confirmation: pass --yes`, {
        hint: 'there is no terminal to ask on (or --no-input / CI is set)',
      });
    }
    const ok = await this.prompter.confirm(`${capitalise(action)}?`, { flag: '--yes', what: 'confirmation' });
    if (!ok) throw new CliError(`cancelled: did not ${action}`, ExitCode.failed);
  }

  /** Offers a searchable list on a terminal; the usage error names the flag otherwise. */
  choose<T>(message: string, choices: Choice<T>[], alt: { flag?: string; env?: string; what: string }): Promise<T> {
    if (choices.length === 0) {
      throw new UsageError(`${alt.what} is required and there are none to choose from`, {
        hint: alt.flag ? `pass ${alt.flag}` : undefined,
      });
    }
    return this.prompter.search(message, choices, alt);
  }

  /** A pool id whose prefix names a region other than the client's is sent nowhere. */
  private checkPoolRegion(): void {
    const region = this.settings.region;
    const poolRegion = this.pool && regionFromPoolId(this.pool.value);
    if (region && poolRegion && region.value !== poolRegion) {
      throw new UsageError(
        `user pool ${this.pool!.value} is in ${poolRegion}, but the region is ${region.value} (from ${region.origin})`,
        { hint: `drop ${region.origin} or pass --region ${poolRegion}` },
      );
    }
  }
}
