// The loopback callback URL of a browser sign-in: which one the app client has registered (and so
// which port to listen on), and --add-callback, which adds it for the sign-in and removes it again
// afterwards, through the read-merge-write helper so that no other client setting is touched.
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';

export const DEFAULT_PORT = 8484;
export const CALLBACK_PATH = '/callback';

export interface CallbackPlan {
  port: number;
  path: string;
  url: string;
  /** False when the client lacks it (it must be added), true when registered or not knowable. */
  registered: boolean;
}

/** The client's registered `http://localhost:<port><path>` callback URLs. */
export function loopbackCallbacks(urls: readonly string[]): CallbackPlan[] {
  const out: CallbackPlan[] = [];
  for (const text of urls) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' || url.hostname !== 'localhost' || !url.port || url.search || url.hash) continue;
    out.push({ port: Number(url.port), path: url.pathname, url: text, registered: true });
  }
  return out;
}

const planFor = (port: number, registered: boolean): CallbackPlan => ({
  port,
  path: CALLBACK_PATH,
  url: `http://localhost:${port}${CALLBACK_PATH}`,
  registered,
});

/**
 * The port of the client's registered loopback callback when it has one (the one --port names, if
 * several), else --port, else 8484. Without the client's description, the callback is assumed to
 * be registered: Cognito will say otherwise.
 */
export function planCallback(client: UserPoolClientType | undefined, options: { port?: number; addCallback?: boolean }, note: (t: string) => void): CallbackPlan {
  if (!client) return planFor(options.port ?? DEFAULT_PORT, true);
  const registered = loopbackCallbacks(client.CallbackURLs ?? []);
  const preferred = (list: CallbackPlan[]) => list.find((r) => r.path === CALLBACK_PATH) ?? list[0];
  if (options.port !== undefined) {
    const match = preferred(registered.filter((r) => r.port === options.port));
    if (match) return match;
    if (!options.addCallback && registered.length) {
      const use = preferred(registered)!;
      note(`the app client has no callback on port ${options.port}: using its registered ${use.url} (--add-callback adds one on --port)`);
      return use;
    }
    return planFor(options.port, false);
  }
  return preferred(registered) ?? planFor(DEFAULT_PORT, false);
}

/** Adds `url` to the client's callback URLs (after asking, or with --yes); returns how to take it out again. */
export async function addCallback(ctx: Context, poolId: string, clientId: string, url: string): Promise<() => Promise<void>> {
  if (!ctx.settings.yes) {
    if (!ctx.prompter.canPrompt) {
      throw new UsageError(`--add-callback changes app client ${clientId}: pass --yes to allow it`, {
        hint: 'there is no terminal to ask on (or --no-input / CI is set)',
      });
    }
    const ok = await ctx.prompter.confirm(
      `Add ${url} to the callback URLs of app client ${clientId} for this sign-in (removed again afterwards)?`,
      { flag: '--yes', what: 'confirmation' },
    );
    if (!ok) throw new CliError('cancelled: the callback URL was not added', ExitCode.failed);
  }
  const { readMergeWrite } = await import('../../aws/merge-update.js');
  const idp = await ctx.idp();
  const key = { UserPoolId: poolId, ClientId: clientId };
  await readMergeWrite(idp, 'userPoolClient', key, (current) => ({ CallbackURLs: [...(current.CallbackURLs ?? []), url] }));
  ctx.out.note(`added ${url} to the callback URLs of app client ${clientId} for this sign-in`);
  return async () => {
    await readMergeWrite(idp, 'userPoolClient', key, (current) => ({
      CallbackURLs: (current.CallbackURLs ?? []).filter((u) => u !== url),
    }));
    ctx.out.note(`removed ${url} from the callback URLs of app client ${clientId} again`);
  };
}
