// HTTP to a user pool's OAuth2 endpoints (/oauth2/token, /oauth2/userInfo, /oauth2/revoke) with
// fetch. Client authentication is HTTP Basic (client_secret_basic) when the client has a secret,
// client_id in the form otherwise. Nothing here prints: --debug lines go through `debug`, with
// every secret field masked, and every secret value registered for scrubbing.
import { CliError, ExitCode, type ExitCodeValue } from '../errors.js';
import { redact, registerSecret, scrub } from '../aws/redact.js';

export interface Endpoint {
  /** The domain's base URL, no trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  /** --debug output; never receives a secret unmasked. */
  debug?: (line: string) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
}

/** The token endpoint's answer (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

/** An error the endpoint answered with (RFC 6749 §5.2): `invalid_scope`, `invalid_client`, … */
export class OAuthError extends CliError {
  constructor(
    readonly error: string,
    readonly description: string | undefined,
    readonly status: number,
    message: string,
    exitCode: ExitCodeValue,
    hint?: string,
  ) {
    super(message, exitCode, { code: error, hint });
  }
}

const EXIT: Record<string, ExitCodeValue> = {
  invalid_client: ExitCode.auth,
  invalid_grant: ExitCode.auth,
  invalid_token: ExitCode.auth,
  invalid_scope: ExitCode.usage,
  invalid_request: ExitCode.usage,
};

const HINTS: Record<string, string> = {
  invalid_client: 'check the client id and secret (COGNITO_CLIENT_SECRET, or `profile set --client-secret-stdin`)',
  invalid_scope: 'ask only for scopes the app client allows: `cognito-admin client describe` lists them',
  unauthorized_client: 'the app client does not allow this grant: `cognito-admin client update --oauth-flows …` changes that',
  invalid_grant: 'sign in again',
  invalid_token: 'sign in again: `cognito-admin auth login --browser`',
};

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function basicAuth(client: ClientCredentials): string {
  // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
  const pair = `${formEncode(client.clientId)}:${formEncode(client.clientSecret ?? '')}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

async function call(
  endpoint: Endpoint,
  method: 'GET' | 'POST',
  path: string,
  init: { headers: Record<string, string>; form?: Record<string, string | undefined>; note?: string },
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const url = `${endpoint.baseUrl}${path}`;
  const form = init.form
    ? Object.fromEntries(Object.entries(init.form).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''))
    : undefined;
  const started = Date.now();
  endpoint.debug?.(
    `debug: → ${method} ${url}${form ? ` ${scrub(JSON.stringify(redact(form)))}` : ''}${init.note ? ` (${init.note})` : ''}`,
  );
  const signals = [AbortSignal.timeout(endpoint.timeoutMs), ...(endpoint.signal ? [endpoint.signal] : [])];
  let response: Response;
  try {
    response = await (endpoint.fetch ?? fetch)(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
      signal: AbortSignal.any(signals),
    });
  } catch (err) {
    if (endpoint.signal?.aborted) throw endpoint.signal.reason ?? err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${endpoint.timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (err as Error).message);
    endpoint.debug?.(`debug: ✗ ${method} ${url} ${Date.now() - started} ms ${why}`);
    throw new CliError(`cannot reach the OAuth2 domain ${endpoint.baseUrl}: ${why}`, ExitCode.failed, {
      hint: 'check --domain (or the profile\'s domain); for an emulator give its full URL',
      cause: err,
    });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object') {
    for (const key of ['access_token', 'id_token', 'refresh_token'] as const) {
      registerSecret((body as Record<string, string | undefined>)[key]);
    }
  }
  endpoint.debug?.(
    `debug: ← ${method} ${url} ${response.status} ${Date.now() - started} ms ` +
      scrub(body !== undefined ? JSON.stringify(redact(body)) : `${text.length} bytes`),
  );
  return { status: response.status, body, text, headers: response.headers };
}

function failure(what: string, status: number, body: unknown, headers: Headers): OAuthError {
  let error: string | undefined;
  let description: string | undefined;
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; error_description?: unknown };
    if (typeof b.error === 'string') error = b.error;
    if (typeof b.error_description === 'string') description = b.error_description;
  }
  // userInfo answers in WWW-Authenticate (RFC 6750 §3): error="invalid_token", error_description="…"
  const challenge = headers.get('www-authenticate');
  if (!error && challenge) {
    error = /error="([^"]+)"/.exec(challenge)?.[1];
    description = /error_description="([^"]+)"/.exec(challenge)?.[1];
  }
  error ??= status === 401 ? 'invalid_token' : `http_${status}`;
  const message = `${what} failed: ${scrub(description ?? error)}`;
  return new OAuthError(error, description, status, message, EXIT[error] ?? ExitCode.failed, HINTS[error]);
}

function tokenResponse(body: unknown, what: string): TokenResponse {
  const b = body as Partial<TokenResponse> | undefined;
  if (!b || typeof b.access_token !== 'string' || !b.access_token) {
    throw new CliError(`${what}: the token endpoint answered without an access token`);
  }
  return {
    access_token: b.access_token,
    id_token: typeof b.id_token === 'string' ? b.id_token : undefined,
    refresh_token: typeof b.refresh_token === 'string' ? b.refresh_token : undefined,
    token_type: typeof b.token_type === 'string' ? b.token_type : 'Bearer',
    expires_in: typeof b.expires_in === 'number' ? b.expires_in : Number(b.expires_in ?? 3600),
    scope: typeof b.scope === 'string' ? b.scope : undefined,
  };
}

/** POST /oauth2/token with the client authenticated as Cognito expects it. */
export async function requestToken(
  endpoint: Endpoint,
  client: ClientCredentials,
  grant: Record<string, string | undefined>,
  what = 'the token request',
): Promise<TokenResponse> {
  for (const key of ['code', 'code_verifier', 'refresh_token'] as const) registerSecret(grant[key]);
  registerSecret(client.clientSecret);
  const secret = Boolean(client.clientSecret);
  const { status, body, headers } = await call(endpoint, 'POST', '/oauth2/token', {
    headers: secret ? { authorization: basicAuth(client) } : {},
    form: { ...grant, client_id: client.clientId },
    note: secret ? 'client authentication: HTTP Basic' : 'public client',
  });
  if (status !== 200) throw failure(what, status, body, headers);
  return tokenResponse(body, what);
}

/** GET /oauth2/userInfo: the OIDC claims the access token's scopes allow. */
export async function fetchUserInfo(endpoint: Endpoint, accessToken: string): Promise<Record<string, unknown>> {
  registerSecret(accessToken);
  const { status, body, headers } = await call(endpoint, 'GET', '/oauth2/userInfo', {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (status !== 200) throw failure('the userInfo request', status, body, headers);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CliError('the userInfo endpoint answered without claims');
  return body as Record<string, unknown>;
}

/** POST /oauth2/revoke: the refresh token and every access token issued from it stop working. */
export async function revokeToken(endpoint: Endpoint, client: ClientCredentials, refreshToken: string): Promise<void> {
  registerSecret(refreshToken);
  registerSecret(client.clientSecret);
  const secret = Boolean(client.clientSecret);
  const { status, body, headers } = await call(endpoint, 'POST', '/oauth2/revoke', {
    headers: secret ? { authorization: basicAuth(client) } : {},
    form: { token: refreshToken, client_id: client.clientId },
    note: secret ? 'client authentication: HTTP Basic' : 'public client',
  });
  if (status !== 200) throw failure('revoking the refresh token', status, body, headers);
}
