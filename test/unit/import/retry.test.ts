import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyError, errorMessage, errorName, mayHaveBeenApplied, withRetry, type RetryEvent } from '../../../src/bulk/retry.js';
import { FakeClock } from './helpers.js';

const aws = (name: string, status: number, extra: object = {}) => Object.assign(new Error(`${name} happened\nsecond line`), { name, $metadata: { httpStatusCode: status }, ...extra });
const net = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it.each([
    [aws('TooManyRequestsException', 400), 'throttle'],
    [aws('ThrottlingException', 400), 'throttle'],
    [Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }), 'throttle'],
    [{ __type: 'com.amazonaws.cognito#TooManyRequestsException' }, 'throttle'],
    [aws('InternalErrorException', 500), 'transient'],
    [Object.assign(new Error('Deserialization error'), { $metadata: { httpStatusCode: 502 } }), 'transient'],
    [net('ECONNRESET'), 'transient'],
    [new Error('socket hang up'), 'transient'],
    [net('ETIMEDOUT'), 'transient'],
    [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'transient'],
    [Object.assign(new Error('wrapped'), { cause: net('EPIPE') }), 'transient'],
    [aws('UsernameExistsException', 400), 'fatal'],
    [aws('InvalidParameterException', 400), 'fatal'],
    [aws('NotAuthorizedException', 400), 'fatal'],
    [Object.assign(new Error('aborted'), { name: 'AbortError' }), 'fatal'],
    [new TypeError('bug'), 'fatal'],
  ])('%s → %s', (err, kind) => {
    expect(classifyError(err)).toBe(kind);
  });

  it('names errors the way the failures report shows them', () => {
    expect(errorName(aws('UsernameExistsException', 400))).toBe('UsernameExistsException');
    expect(errorName(net('ECONNRESET'))).toBe('ECONNRESET');
    expect(errorName(new Error('socket hang up'))).toBe('ECONNRESET');
    expect(errorName({ __type: 'a#B' })).toBe('B');
    expect(errorName(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe('HTTP503');
    expect(errorMessage(aws('X', 400))).toBe('X happened');
  });

  it('knows which failures may have been applied (response lost)', () => {
    expect(mayHaveBeenApplied(net('ECONNRESET'))).toBe(true);
    expect(mayHaveBeenApplied(aws('InternalErrorException', 500))).toBe(true);
    expect(mayHaveBeenApplied(net('ECONNREFUSED'))).toBe(false);
    expect(mayHaveBeenApplied(aws('TooManyRequestsException', 400))).toBe(false);
    expect(mayHaveBeenApplied(aws('UsernameExistsException', 400))).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling, capped', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 5000 };
    expect(backoffDelay(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(4995);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  it('retries transient failures with backoff, then succeeds', async () => {
    const clock = new FakeClock();
    const events: RetryEvent[] = [];
    let calls = 0;
    const result = await clock.run(
      withRetry(
        async (attempt) => {
          calls++;
          if (attempt < 3) throw net('ECONNRESET');
          return 'ok';
        },
        { clock, random: () => 0.5, onError: (e) => events.push(e) },
      ),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(events.map((e) => [e.kind, e.attempt, e.willRetry, e.delayMs])).toEqual([
      ['transient', 1, true, 50],
      ['transient', 2, true, 100],
    ]);
    expect(clock.now()).toBe(150);
  });

  it('gives up after maxAttempts transient failures and rethrows the last error', async () => {
    const clock = new FakeClock();
    let calls = 0;
    await expect(
      clock.run(
        withRetry(
          async () => {
            calls++;
            throw aws('InternalErrorException', 500);
          },
          { clock, policy: { maxAttempts: 4 } },
        ),
      ),
    ).rejects.toMatchObject({ name: 'InternalErrorException' });
    expect(calls).toBe(4);
  });

  it('allows more attempts for throttling than for other failures', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = await clock.run(
      withRetry(
        async () => {
          if (++calls < 12) throw aws('TooManyRequestsException', 400);
          return calls;
        },
        { clock, policy: { maxAttempts: 3, maxThrottleAttempts: 20 } },
      ),
    );
    expect(result).toBe(12);
  });

  it('does not retry fatal errors', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw aws('UsernameExistsException', 400);
      }),
    ).rejects.toMatchObject({ name: 'UsernameExistsException' });
    expect(calls).toBe(1);
  });

  it('stops when the signal aborts during a backoff', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const running = withRetry(
      async () => {
        throw net('ECONNRESET');
      },
      { clock, signal: controller.signal, random: () => 0.9 },
    );
    await clock.advance(1);
    controller.abort(new Error('interrupted'));
    await expect(running).rejects.toThrow('interrupted');
  });
});
