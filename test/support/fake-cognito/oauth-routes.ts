// Routes of the fake's OAuth2 domain. Cognito gives each pool its own domain; the fake serves
// pool <id> at <url>/oauth/<id> (what `--domain <URL>` points at), so one server holds many.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.js';
import type { RecordedCall } from './server.js';
import { authorize, login, providerLogin } from './oauth-authorize.js';
import { revoke, tokenEndpoint, userInfo } from './oauth-token.js';
import { OAuthFailure, readForm, sendFailure, sendJson } from './oauth-http.js';

const ROUTE = /^\/oauth\/([\w-]+_[0-9a-zA-Z]+)(\/.*)$/;

export const domainPath = (poolId: string) => `/oauth/${poolId}`;

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = String(value);
  return out;
}

/** Answers a request under /oauth/<poolId>/…; false when the path is not one of them. */
export async function handleOAuth(ctx: FakeContext, calls: RecordedCall[], req: IncomingMessage, res: ServerResponse, url: URL) {
  const match = ROUTE.exec(url.pathname);
  if (!match) return false;
  const pool = ctx.pools.get(match[1]!);
  const path = match[2]!;
  const base = `${ctx.url}${domainPath(match[1]!)}`;
  const record = (operation: string, body: unknown = Object.fromEntries(url.searchParams)) =>
    calls.push({ operation, body, headers: headersOf(req) });
  if (!pool) {
    record(`OAuth ${path}`);
    sendJson(res, 404, { error: 'not_found' });
    return true;
  }
  try {
    if (path === '/oauth2/authorize' && req.method === 'GET') {
      record('OAuthAuthorize');
      authorize(ctx, pool, base, url, res);
    } else if (path === '/login' && (req.method === 'GET' || req.method === 'POST')) {
      record(req.method === 'GET' ? 'OAuthLoginPage' : 'OAuthLogin');
      await login(ctx, pool, base, url, req, res);
    } else if (path.startsWith('/idp/') && (req.method === 'GET' || req.method === 'POST')) {
      record('OAuthProviderLogin');
      await providerLogin(ctx, pool, base, decodeURIComponent(path.slice('/idp/'.length)), url, req, res);
    } else if (path === '/oauth2/token' && req.method === 'POST') {
      const form = await readForm(req);
      record('OAuthToken', Object.fromEntries(form));
      await tokenEndpoint(ctx, pool, req, res, form);
    } else if (path === '/oauth2/userInfo' && (req.method === 'GET' || req.method === 'POST')) {
      record('OAuthUserInfo');
      userInfo(ctx, pool, req, res);
    } else if (path === '/oauth2/revoke' && req.method === 'POST') {
      const form = await readForm(req);
      record('OAuthRevoke', Object.fromEntries(form));
      revoke(ctx, pool, req, res, form);
    } else {
      record(`OAuth ${req.method} ${path}`);
      sendJson(res, 404, { error: 'not_found' });
    }
  } catch (err) {
    if (err instanceof OAuthFailure) sendFailure(res, err);
    else throw err;
  }
  return true;
}
