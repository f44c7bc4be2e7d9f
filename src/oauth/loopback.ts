// The loopback redirect target of a browser sign-in (RFC 8252 §7.3): an HTTP server on
// 127.0.0.1 only, at the registered http://localhost:<port><path>. It accepts exactly one
// callback — the one carrying the `state` this sign-in sent — and then closes. Requests for
// other paths, other Host headers (DNS rebinding) or another state are refused and change nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CliError, ExitCode, Interrupted, UsageError } from '../errors.js';
import { sameSecret } from './pkce.js';

export interface CallbackOutcome {
  code: string;
}

export interface WaitOptions {
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Reports what the server refused, for the person watching (never the values). */
  note?: (text: string) => void;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

function answer(res: ServerResponse, status: number, title: string, text: string): void {
  const body = PAGE(title, text);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    // The page must not leak the callback URL (with its code) to anything it could load.
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    connection: 'close',
  });
  res.end(body);
}

export class LoopbackServer {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly path: string,
  ) {}

  /** Listens on 127.0.0.1:<port>; a port in use is a usage error naming it. */
  static async listen(port: number, path: string): Promise<LoopbackServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
          reject(
            new UsageError(`cannot listen on 127.0.0.1:${port} for the sign-in callback (${err.code})`, {
              hint: 'pass --port with a free port (the app client needs http://localhost:<port>/callback as a callback URL; --add-callback adds it)',
            }),
          );
        } else reject(err);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new LoopbackServer(server, port, path);
  }

  get redirectUri(): string {
    return `http://localhost:${this.port}${this.path}`;
  }

  /** Resolves with the code of the one callback that carries `state`; rejects on error, time-out or abort. */
  waitForCode(options: WaitOptions): Promise<CallbackOutcome> {
    return new Promise<CallbackOutcome>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: { code?: string; error?: Error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.server.off('request', onRequest);
        this.close();
        if (outcome.error) reject(outcome.error);
        else resolve({ code: outcome.code! });
      };
      const onAbort = () => finish({ error: new Interrupted('interrupted: the sign-in was not finished') });
      const timer = setTimeout(
        () =>
          finish({
            error: new CliError(`no sign-in arrived within ${Math.round(options.timeoutMs / 1000)} s`, ExitCode.failed, {
              hint: 'sign in sooner, or give more time with --timeout <seconds>',
            }),
          }),
        options.timeoutMs,
      );
      const onRequest = (req: IncomingMessage, res: ServerResponse) => {
        if (settled) return answer(res, 410, 'Gone', 'This sign-in is over.');
        const host = (req.headers.host ?? '').toLowerCase();
        if (host !== `localhost:${this.port}` && host !== `127.0.0.1:${this.port}`) {
          options.note?.('refused a request to the callback server with a foreign Host header');
          return answer(res, 400, 'Bad request', 'Unexpected host.');
        }
        const url = new URL(req.url ?? '/', `http://localhost:${this.port}`);
        if (req.method !== 'GET' || url.pathname !== this.path) return answer(res, 404, 'Not found', 'Nothing here.');
        const state = url.searchParams.get('state');
        if (state === null || !sameSecret(state, options.state)) {
          options.note?.('refused a callback whose state is not this sign-in\'s; still waiting');
          return answer(res, 400, 'Not this sign-in', 'This link does not belong to the sign-in cognito-admin is waiting for.');
        }
        const error = url.searchParams.get('error');
        if (error) {
          const description = url.searchParams.get('error_description') ?? undefined;
          answer(res, 200, 'Sign-in failed', 'cognito-admin got the answer; see the terminal. You can close this tab.');
          return finish({ error: authorizeError(error, description) });
        }
        const code = url.searchParams.get('code');
        if (!code) {
          answer(res, 400, 'Sign-in failed', 'The callback carried no code.');
          return finish({ error: new CliError('the sign-in callback carried neither a code nor an error') });
        }
        answer(res, 200, 'Signed in', 'cognito-admin has the sign-in. You can close this tab.');
        finish({ code });
      };
      this.server.on('request', onRequest);
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  close(): void {
    this.server.close();
    this.server.closeIdleConnections();
    // Connections still answering get the response first; `connection: close` ends them after.
    setTimeout(() => this.server.closeAllConnections(), 1000).unref();
  }
}

const AUTHORIZE_HINTS: Record<string, string> = {
  invalid_scope: 'ask only for scopes the app client allows (--scope); `cognito-admin client describe` lists them',
  unauthorized_client: 'the app client does not allow the authorization-code grant: `cognito-admin client update --oauth-flows code`',
  access_denied: 'the sign-in was declined',
  invalid_request: 'check --idp and the app client\'s identity providers',
};

function authorizeError(error: string, description: string | undefined): CliError {
  const safe = error.replace(/[^\w.-]/g, '').slice(0, 64) || 'error';
  const text = description ? `: ${description.replace(/[\u0000-\u001f]/g, ' ').slice(0, 200)}` : '';
  const exit = safe === 'invalid_scope' || safe === 'invalid_request' ? ExitCode.usage : safe === 'access_denied' ? ExitCode.auth : ExitCode.failed;
  return new CliError(`the sign-in came back with an error${text}`, exit, { code: safe, hint: AUTHORIZE_HINTS[safe] });
}
