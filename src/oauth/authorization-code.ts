// The authorization-code grant with PKCE (S256) and state, through a loopback redirect: build the
// /oauth2/authorize URL, hand it to the caller to open, wait for the one right callback, redeem the
// code at /oauth2/token. It asks and reports only through `callbacks`: it never prompts or prints.
import { registerSecret } from '../aws/redact.js';
import { requestToken, type ClientCredentials, type Endpoint, type TokenResponse } from './endpoints.js';
import { LoopbackServer } from './loopback.js';
import { createPkce, createState } from './pkce.js';

export interface BrowserSignInCallbacks {
  /** Show the sign-in page to the person: open a browser, or print the URL. */
  openBrowser(url: string): Promise<void>;
  note(text: string): void;
}

export interface BrowserSignInOptions {
  endpoint: Endpoint;
  client: ClientCredentials;
  /** Empty: leave `scope` out, and Cognito grants all of the client's. */
  scopes: string[];
  /** `identity_provider`: straight to a federated provider's page. */
  identityProvider?: string;
  port: number;
  callbackPath: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface BrowserSignIn {
  tokens: TokenResponse;
  redirectUri: string;
}

export function authorizeUrl(
  baseUrl: string,
  params: { clientId: string; redirectUri: string; scopes: string[]; state: string; challenge: string; identityProvider?: string },
): string {
  const url = new URL(`${baseUrl}/oauth2/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (params.scopes.length) url.searchParams.set('scope', params.scopes.join(' '));
  url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge', params.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (params.identityProvider) url.searchParams.set('identity_provider', params.identityProvider);
  return url.toString();
}

export async function browserSignIn(options: BrowserSignInOptions, callbacks: BrowserSignInCallbacks): Promise<BrowserSignIn> {
  const pkce = createPkce();
  const state = createState();
  registerSecret(pkce.verifier);
  const server = await LoopbackServer.listen(options.port, options.callbackPath);
  try {
    const url = authorizeUrl(options.endpoint.baseUrl, {
      clientId: options.client.clientId,
      redirectUri: server.redirectUri,
      scopes: options.scopes,
      state,
      challenge: pkce.challenge,
      identityProvider: options.identityProvider,
    });
    const waiting = server.waitForCode({ state, timeoutMs: options.timeoutMs, signal: options.signal, note: callbacks.note });
    waiting.catch(() => undefined); // handled below; not an unhandled rejection while the browser opens
    // Opening may fail or be declined; the wait goes on either way (the URL can be typed).
    await callbacks.openBrowser(url);
    const { code } = await waiting;
    registerSecret(code);
    const tokens = await requestToken(
      { ...options.endpoint, signal: options.signal },
      options.client,
      { grant_type: 'authorization_code', code, redirect_uri: server.redirectUri, code_verifier: pkce.verifier },
      'redeeming the sign-in code',
    );
    return { tokens, redirectUri: server.redirectUri };
  } finally {
    server.close();
  }
}
