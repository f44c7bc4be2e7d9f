// Runs one membership change per user, a bounded number at a time, retrying throttling with
// exponential backoff and full jitter. Each user ends with its own result; one failure never
// stops the others.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import { scrub } from '../../aws/redact.js';

export interface RetryPolicy {
  /** Attempts per user, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

// Membership changes share Cognito's "user resource update" quota (25 requests/s per account by
// default): at the default concurrency a throttled burst clears within a few of these steps.
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 200, capMs: 5_000 };

const RETRYABLE = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'InternalErrorException',
  'ServiceUnavailable',
]);

export interface Outcome {
  ok: boolean;
  attempts: number;
  code?: string;
  message?: string;
}

/**
 * A client that does not retry by itself: the SDK's own retries would multiply with ours and
 * hide how often Cognito throttled us.
 */
export async function bulkClient(ctx: Context): Promise<CognitoIdentityProviderClient> {
  const { createIdpClient } = await import('../../aws/clients.js');
  return createIdpClient(await ctx.clientOptions(ctx.settings.endpoint, 1));
}

export function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (!e || typeof e !== 'object') return false;
  if (RETRYABLE.has(e.name ?? '')) return true;
  if (e.$retryable) return true;
  return e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

export async function withRetry(
  op: () => Promise<unknown>,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = delay,
  random: () => number = Math.random,
): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await op();
      return { ok: true, attempts: attempt };
    } catch (err) {
      if (attempt < policy.attempts && isRetryable(err)) {
        await sleep(Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1))));
        continue;
      }
      const e = err as { name?: string; message?: string };
      return {
        ok: false,
        attempts: attempt,
        code: e?.name ?? 'Error',
        message: scrub(String(e?.message ?? err).split('\n')[0]!.trim()),
      };
    }
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function runBounded<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
