// Retries with exponential backoff and full jitter (delay = random(0, min(cap, base·2^attempt))),
// for throttling and transient failures only. Errors are classified from what the AWS SDK and
// Node put on them: the exception name, a JSON `__type`, the HTTP status, a socket error code.
import { isAbortError, systemClock, type Clock } from './clock.js';
import { isUnimplementedOperation } from '../aws/unimplemented.js';

export type ErrorKind = 'throttle' | 'transient' | 'fatal';

const THROTTLE_NAMES = new Set([
  'TooManyRequestsException', 'ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequests',
  'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown',
  'ProvisionedThroughputExceededException', 'BandwidthLimitExceeded',
]);

const TRANSIENT_NAMES = new Set([
  'InternalErrorException', 'InternalError', 'InternalFailure', 'InternalServerError', 'InternalServerException',
  'ServiceUnavailable', 'ServiceUnavailableException', 'ServiceException', 'RequestTimeout', 'RequestTimeoutException',
  'TimeoutError', 'RequestTimeTooSkewed', 'IDPCommunicationErrorException',
]);

/** Socket-level failures worth another attempt. */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENETDOWN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
  'ERR_HTTP2_STREAM_ERROR', 'ERR_STREAM_PREMATURE_CLOSE',
]);

const NETWORK_CODE_IN_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join('|')})\\b`);

/** Failures where the request certainly did not reach (or was refused by) the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  __type?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
  $retryable?: { throttling?: boolean };
  cause?: unknown;
}

function shape(err: unknown): ErrorShape {
  return typeof err === 'object' && err !== null ? (err as ErrorShape) : {};
}

/**
 * The socket-level failure behind an error (ECONNRESET…), looking through `cause`; also what the
 * CLI's error translation uses to say "cannot reach the endpoint" (the one list of these codes).
 */
export function networkCode(err: unknown, depth = 0): string | undefined {
  const e = shape(err);
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  if (e.message && /socket hang up/i.test(e.message)) return 'ECONNRESET';
  const inMessage = e.message && NETWORK_CODE_IN_MESSAGE.exec(e.message);
  if (inMessage) return inMessage[1];
  if (depth < 4 && e.cause !== undefined) return networkCode(e.cause, depth + 1);
  return undefined;
}

function httpStatus(err: unknown): number | undefined {
  const e = shape(err);
  return e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
}

/** The AWS error name (UsernameExistsException), a socket code (ECONNRESET), or the best there is. */
export function errorName(err: unknown): string {
  const e = shape(err);
  if (e.__type) return e.__type.slice(e.__type.lastIndexOf('#') + 1);
  if (e.name && e.name !== 'Error' && e.name !== 'TypeError') return e.name;
  const net = networkCode(err);
  if (net) return net;
  if (e.code) return e.code;
  const status = httpStatus(err);
  if (status) return `HTTP${status}`;
  return e.name ?? 'Error';
}

/** One line, without the stack. */
export function errorMessage(err: unknown): string {
  const e = shape(err);
  const text = e.message ?? (typeof err === 'string' ? err : String(err));
  return (text.split('\n')[0] ?? '').trim() || errorName(err);
}

export function classifyError(err: unknown): ErrorKind {
  if (isAbortError(err)) return 'fatal';
  // An emulator's gap answers the same way every time (cognito-local with a 500).
  if (isUnimplementedOperation(err)) return 'fatal';
  const e = shape(err);
  const name = errorName(err);
  const status = httpStatus(err);
  if (THROTTLE_NAMES.has(name) || status === 429 || e.$retryable?.throttling) return 'throttle';
  if (TRANSIENT_NAMES.has(name) || networkCode(err)) return 'transient';
  if (status !== undefined && status >= 500) return 'transient';
  return 'fatal';
}

/**
 * Whether a failed request may nevertheless have been applied by the service (the response was
 * lost): true for transient failures except those where the request never got through.
 */
export function mayHaveBeenApplied(err: unknown): boolean {
  if (classifyError(err) !== 'transient') return false;
  const code = networkCode(err);
  return !(code && NOT_SENT_CODES.has(code));
}

export interface RetryPolicy {
  /** Attempts in all for transient failures (default 6). */
  maxAttempts: number;
  /** Attempts in all when the failures are throttling (default 20): throttling must not lose rows. */
  maxThrottleAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  maxThrottleAttempts: 20,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
};

/** Full jitter: uniform in [0, min(max, base · 2^retry)), retry counted from 0. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

export interface RetryEvent {
  error: unknown;
  kind: ErrorKind;
  /** The attempt that failed, from 1. */
  attempt: number;
  willRetry: boolean;
  delayMs: number;
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  clock?: Clock;
  signal?: AbortSignal;
  random?: () => number;
  /** Sees every failed attempt (to slow a rate budget down on throttling, to log). */
  onError?: (event: RetryEvent) => void;
}

/**
 * Runs `op` until it succeeds, a fatal error occurs, or the attempts are used up; the last error
 * is rethrown. `op` receives the attempt number (from 1).
 */
export async function withRetry<T>(op: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  let transientFailures = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (error) {
      const kind = options.signal?.aborted ? 'fatal' : classifyError(error);
      if (kind === 'throttle') throttles++;
      if (kind === 'transient') transientFailures++;
      const willRetry =
        (kind === 'throttle' && throttles < policy.maxThrottleAttempts && transientFailures < policy.maxAttempts) ||
        (kind === 'transient' && transientFailures < policy.maxAttempts && attempt < policy.maxThrottleAttempts);
      const delayMs = willRetry ? backoffDelay(attempt - 1, policy, random) : 0;
      options.onError?.({ error, kind, attempt, willRetry, delayMs });
      if (!willRetry) throw error;
      await clock.sleep(delayMs, options.signal);
    }
  }
}
