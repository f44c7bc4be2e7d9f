// HTTP plumbing of the fake's OAuth2 endpoints: form bodies, JSON and HTML answers, redirects,
// cookies, and client authentication at the token and revocation endpoints (client_secret_basic
// and client_secret_post, RFC 6749 §2.3.1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.js';
import type { ClientState, PoolState } from './state.js';

export class OAuthFailure extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    readonly description?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description ?? error);
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new OAuthFailure('invalid_request', 413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (chunks.length && type !== 'application/x-www-form-urlencoded') {
    throw new OAuthFailure('invalid_request', 400, 'Content-Type must be application/x-www-form-urlencoded');
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html;charset=UTF-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(302, { location, 'content-length': 0, ...headers });
  res.end();
}

export function sendFailure(res: ServerResponse, failure: OAuthFailure): void {
  sendJson(
    res,
    failure.status,
    { error: failure.error, ...(failure.description ? { error_description: failure.description } : {}) },
    failure.headers,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/**
 * The client a token or revocation request authenticates as. HTTP Basic or client_secret in the
 * body, never both; a confidential client must present its secret; a public one only its id.
 */
export function authenticateClient(
  pool: PoolState,
  req: IncomingMessage,
  form: URLSearchParams,
  /** The token endpoint answers a failed client authentication with 400, the revocation endpoint with 401. */
  failStatus = 400,
): ClientState {
  const header = req.headers.authorization;
  const bodyId = form.get('client_id') ?? undefined;
  const bodySecret = form.get('client_secret') ?? undefined;
  let id: string | undefined;
  let secret: string | undefined;
  if (header) {
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (!basic) throw new OAuthFailure('invalid_client', failStatus, 'Unsupported client authentication');
    if (bodySecret !== undefined) throw new OAuthFailure('invalid_request', 400, 'More than one client authentication method');
    const pair = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (colon < 0) throw new OAuthFailure('invalid_client', failStatus, 'Malformed Basic credentials');
    id = formDecode(pair.slice(0, colon));
    secret = formDecode(pair.slice(colon + 1));
    if (bodyId !== undefined && bodyId !== id) throw new OAuthFailure('invalid_client', failStatus, 'client_id does not match');
  } else {
    id = bodyId;
    secret = bodySecret;
  }
  const fail = () => new OAuthFailure('invalid_client', failStatus);
  const client = id ? pool.clients.get(id) : undefined;
  if (!client) throw fail();
  if (client.clientSecret ? secret !== client.clientSecret : Boolean(secret)) throw fail();
  return client;
}

export function poolFor(ctx: FakeContext, poolId: string): PoolState | undefined {
  return ctx.pools.get(poolId);
}
