// The browser side of managed login: /oauth2/authorize checks the request and sends the browser
// on to the login page (or straight to a federated provider with identity_provider); /login shows
// a form with a CSRF token in a cookie and a hidden field, and on the right password redirects to
// the callback with a single-use code. Errors go to the redirect URI once it is known to be
// registered, as Cognito does; before that, an error page.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.js';
import type { ClientState, PoolState, UserState } from './state.js';
import { createUser, findUser } from './user-store.js';
import { CODE_LIFETIME_MS, oauthState } from './oauth-state.js';
import { cookies, escapeHtml, readForm, redirect, sendHtml } from './oauth-http.js';

export interface AuthorizeRequest {
  client: ClientState;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  nonce?: string;
  identityProvider?: string;
}

type Checked = { ok: AuthorizeRequest } | { page: string } | { redirectError: { uri: string; error: string; state?: string } };

const PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method', 'nonce', 'identity_provider', 'idp_identifier'];

export function checkAuthorize(pool: PoolState, params: URLSearchParams): Checked {
  const client = pool.clients.get(params.get('client_id') ?? '');
  if (!client) return { page: 'Invalid client_id' };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.callbackUrls.includes(redirectUri)) return { page: 'redirect_mismatch' };
  const state = params.get('state') ?? undefined;
  const fail = (error: string): Checked => ({ redirectError: { uri: redirectUri, error, state } });
  const responseType = params.get('response_type');
  if (!responseType) return fail('invalid_request');
  if (responseType !== 'code') return fail('unsupported_response_type');
  if (!client.oauthFlows.includes('code')) return fail('unauthorized_client');
  const method = params.get('code_challenge_method');
  const challenge = params.get('code_challenge') ?? undefined;
  if ((method && method !== 'S256') || (challenge && !method) || (method && !challenge)) return fail('invalid_request');
  const asked = (params.get('scope') ?? '').split(' ').filter(Boolean);
  const scopes = asked.length ? [...new Set(asked)] : [...client.scopes];
  if (scopes.some((s) => !client.scopes.includes(s))) return fail('invalid_scope');
  if (scopes.some((s) => ['email', 'phone', 'profile'].includes(s)) && !scopes.includes('openid')) return fail('invalid_scope');
  const idp = params.get('identity_provider') ?? undefined;
  if (idp && !client.identityProviders.includes(idp)) return fail('invalid_request');
  if (!idp && !client.identityProviders.includes('COGNITO')) return fail('invalid_request');
  return { ok: { client, redirectUri, scopes, state, codeChallenge: challenge, nonce: params.get('nonce') ?? undefined, identityProvider: idp } };
}

function redirectWithError(res: ServerResponse, e: { uri: string; error: string; state?: string }): void {
  const url = new URL(e.uri);
  url.searchParams.set('error', e.error);
  if (e.state !== undefined) url.searchParams.set('state', e.state);
  redirect(res, url.toString());
}

function issueCode(ctx: FakeContext, pool: PoolState, request: AuthorizeRequest, user: UserState): string {
  const state = oauthState(ctx);
  const code = randomUUID();
  state.codes.set(code, {
    code,
    poolId: pool.id,
    clientId: request.client.clientId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    username: user.username,
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
    expiresAt: ctx.now() + CODE_LIFETIME_MS,
    used: false,
  });
  state.issuedCodes.push(code);
  return code;
}

function redirectWithCode(res: ServerResponse, request: AuthorizeRequest, code: string): void {
  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  redirect(res, url.toString());
}

function query(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of PARAMS) {
    const value = params.get(name);
    if (value !== null) kept.set(name, value);
  }
  return kept.toString();
}

function errorPage(res: ServerResponse, message: string): void {
  sendHtml(res, 400, `<!doctype html><title>Error</title><p class="error">${escapeHtml(message)}</p>`);
}

function loginPage(base: string, params: URLSearchParams, csrf: string, error?: string): string {
  return `<!doctype html>
<html><head><title>Signin</title></head><body>
${error ? `<p id="loginErrorMessage" class="errorMessage">${escapeHtml(error)}</p>` : ''}
<form name="cognitoSignInForm" method="post" action="${escapeHtml(`${base}/login?${query(params)}`)}">
  <input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
  <label for="signInFormUsername">Username</label>
  <input id="signInFormUsername" name="username" type="text" autocapitalize="none" required>
  <label for="signInFormPassword">Password</label>
  <input id="signInFormPassword" name="password" type="password" required>
  <input name="signInSubmitButton" type="submit" value="Sign in">
</form>
</body></html>`;
}

function providerPage(base: string, provider: string, params: URLSearchParams): string {
  return `<!doctype html>
<html><head><title>${escapeHtml(provider)} sign-in</title></head><body>
<form name="idpSignInForm" method="post" action="${escapeHtml(`${base}/idp/${encodeURIComponent(provider)}?${query(params)}`)}">
  <label for="idpUsername">${escapeHtml(provider)} account</label>
  <input id="idpUsername" name="username" type="text" required>
  <input type="submit" value="Continue">
</form>
</body></html>`;
}

function csrfCookie(token: string, base: string): string {
  return `XSRF-TOKEN=${encodeURIComponent(token)}; Path=${new URL(base).pathname}; HttpOnly; SameSite=Lax`;
}

/** GET /oauth2/authorize */
export function authorize(ctx: FakeContext, pool: PoolState, base: string, url: URL, res: ServerResponse): void {
  const checked = checkAuthorize(pool, url.searchParams);
  if ('page' in checked) return errorPage(res, checked.page);
  if ('redirectError' in checked) return redirectWithError(res, checked.redirectError);
  const provider = checked.ok.identityProvider;
  if (provider && provider !== 'COGNITO') {
    return redirect(res, `${base}/idp/${encodeURIComponent(provider)}?${query(url.searchParams)}`);
  }
  redirect(res, `${base}/login?${query(url.searchParams)}`);
}

/** GET and POST /login */
export async function login(ctx: FakeContext, pool: PoolState, base: string, url: URL, req: IncomingMessage, res: ServerResponse) {
  const checked = checkAuthorize(pool, url.searchParams);
  if ('page' in checked) return errorPage(res, checked.page);
  if ('redirectError' in checked) return redirectWithError(res, checked.redirectError);
  const request = checked.ok;
  const csrf = randomBytes(24).toString('base64url');
  const show = (error?: string) =>
    sendHtml(res, 200, loginPage(base, url.searchParams, csrf, error), { 'set-cookie': csrfCookie(csrf, base) });
  if (req.method === 'GET') return show();
  const form = await readForm(req);
  const token = cookies(req)['XSRF-TOKEN'];
  if (!token || form.get('_csrf') !== token) return errorPage(res, 'Invalid CSRF token');
  const user = findUser(pool, form.get('username') ?? '');
  const password = form.get('password') ?? '';
  if (!user || user.password === undefined || user.password !== password || !user.enabled) {
    return show('Incorrect username or password.');
  }
  if (user.status !== 'CONFIRMED') return show(`This fake's login page cannot finish a ${user.status} sign-in.`);
  redirectWithCode(res, request, issueCode(ctx, pool, request, user));
}

/** GET and POST /idp/<provider>: a stand-in for a federated provider's own sign-in page. */
export async function providerLogin(
  ctx: FakeContext,
  pool: PoolState,
  base: string,
  provider: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const checked = checkAuthorize(pool, url.searchParams);
  if ('page' in checked) return errorPage(res, checked.page);
  if ('redirectError' in checked) return redirectWithError(res, checked.redirectError);
  if (checked.ok.identityProvider !== provider) return errorPage(res, 'identity_provider does not match');
  if (req.method === 'GET') return sendHtml(res, 200, providerPage(base, provider, url.searchParams));
  const form = await readForm(req);
  const account = (form.get('username') ?? '').trim();
  if (!account) return sendHtml(res, 200, providerPage(base, provider, url.searchParams));
  // Cognito links a federated identity to a user named <provider>_<id at the provider>.
  const name = `${provider}_${account}`;
  const user =
    findUser(pool, name) ??
    createUser(pool, {
      username: name,
      attributes: { identities: JSON.stringify([{ providerName: provider, userId: account, providerType: 'OIDC' }]) },
    });
  redirectWithCode(res, checked.ok, issueCode(ctx, pool, checked.ok, user));
}
