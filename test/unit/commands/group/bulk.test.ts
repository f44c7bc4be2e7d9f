import { describe, expect, it } from 'vitest';
import { isRetryable, runBounded, withRetry } from '../../../../src/commands/group/bulk.js';

const err = (name: string, extra: object = {}) => Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('withRetry', () => {
  it('backs off exponentially with full jitter, capped', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        if (++calls < 5) throw err('TooManyRequestsException');
      },
      { attempts: 8, baseMs: 100, capMs: 500 },
      async (ms) => void sleeps.push(ms),
      () => 0.999,
    );
    expect(outcome).toEqual({ ok: true, attempts: 5 });
    expect(sleeps).toEqual([99, 199, 399, 499]);
  });

  it('gives up after the bounded number of attempts and reports the last error', async () => {
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        calls++;
        throw err('TooManyRequestsException');
      },
      { attempts: 4, baseMs: 1, capMs: 1 },
      async () => {},
    );
    expect(calls).toBe(4);
    expect(outcome).toEqual({ ok: false, attempts: 4, code: 'TooManyRequestsException', message: 'TooManyRequestsException happened' });
  });

  it('does not retry errors that would fail again', async () => {
    let calls = 0;
    const outcome = await withRetry(async () => {
      calls++;
      throw err('UserNotFoundException');
    });
    expect(calls).toBe(1);
    expect(outcome.code).toBe('UserNotFoundException');
  });

  it('knows what is worth retrying', () => {
    expect(isRetryable(err('TooManyRequestsException'))).toBe(true);
    expect(isRetryable(err('InternalErrorException'))).toBe(true);
    expect(isRetryable(err('Whatever', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isRetryable(err('Whatever', { $retryable: { throttling: true } }))).toBe(true);
    expect(isRetryable(err('LimitExceededException'))).toBe(false);
    expect(isRetryable(err('NotAuthorizedException'))).toBe(false);
  });
});

describe('runBounded', () => {
  it('keeps the input order and never exceeds the bound', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 25 }, (_, i) => i);
    const results = await runBounded(items, 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      inFlight--;
      return i * 2;
    });
    expect(results).toEqual(items.map((i) => i * 2));
    expect(peak).toBe(4);
  });

  it('handles fewer items than workers, and none', async () => {
    expect(await runBounded([1], 8, async (i) => i)).toEqual([1]);
    expect(await runBounded([], 8, async (i) => i)).toEqual([]);
  });
});
