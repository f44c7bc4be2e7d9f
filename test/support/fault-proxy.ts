// A fault-injecting HTTP proxy for end-to-end tests: placed between the CLI (--endpoint) and an
// emulator, it follows a plan to answer some requests itself with Cognito's throttling error
// (400 TooManyRequestsException) or a 500, to reset the connection before forwarding (the request
// never reaches the emulator), or to reset it AFTER the emulator has applied the request (the
// response is lost). Counters tell the test what happened. Loopback only, both sides.
//
// Quota mode: throttling in Cognito is not random. Each quota category (user creation, user
// updates…) is a token bucket per account; what exceeds it is answered with
// TooManyRequestsException. A plan's `quotas` put such buckets in front of the emulator, so that
// a client's pacing can be measured against the real shape of the limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COGNITO_QUOTA_CATEGORIES, TokenBucket, type CognitoQuotaCategory } from './token-bucket.js';

export type FaultAction = 'forward' | 'throttle' | 'error500' | 'resetBefore' | 'resetAfter';

export interface FaultRule {
  /** The operation from X-Amz-Target (AdminCreateUser), or a pattern; every request when absent. */
  operation?: string | RegExp;
  action: Exclude<FaultAction, 'forward'>;
  /** Chance for a matching request (default 1), drawn from the plan's seeded generator. */
  probability?: number;
  /** Only every n-th matching request (the n-th, 2n-th, …). */
  every?: number;
  /** Leave the first `after` matching requests alone. */
  after?: number;
  /** Fire at most this many times. */
  times?: number;
}

export interface FaultRequest {
  operation: string;
  method: string;
  path: string;
  body: string;
  /** 1-based count of requests seen by the proxy. */
  index: number;
}

/** A token bucket metering some operations: `rate` requests/s, up to `burst` back to back. */
export interface QuotaBucket {
  /** Names the bucket in the counters (UserCreation). */
  name: string;
  operations: readonly string[] | RegExp;
  rate: number;
  burst: number;
}

/**
 * Rules (the first that fires wins), then quota buckets (a request its bucket has no token for is
 * throttled); or a function deciding for each request.
 */
export type FaultPlan = { rules?: FaultRule[]; seed?: number; quotas?: QuotaBucket[] } | ((request: FaultRequest) => FaultAction);

/** Buckets for Cognito's quota categories, with the rates and bursts given (operations as Cognito groups them). */
export function cognitoQuotas(limits: Partial<Record<CognitoQuotaCategory, { rate: number; burst: number }>>): QuotaBucket[] {
  return Object.entries(limits).map(([name, limit]) => ({
    name,
    operations: COGNITO_QUOTA_CATEGORIES[name as CognitoQuotaCategory].operations,
    rate: limit!.rate,
    burst: limit!.burst,
  }));
}

export interface OperationCounters {
  requests: number;
  forwarded: number;
  throttle: number;
  error500: number;
  resetBefore: number;
  resetAfter: number;
}

export interface FaultCounters extends OperationCounters {
  /** Requests the upstream answered (applied), including those whose answer was then dropped. */
  applied: number;
  byOperation: Record<string, OperationCounters & { applied: number }>;
  /** Per quota bucket: the requests it metered, and those it throttled. */
  byQuota: Record<string, { requests: number; throttled: number }>;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port>, to pass as --endpoint. */
  url: string;
  readonly counters: FaultCounters;
  /** Every request in order, with what the proxy did. */
  readonly log: Array<{ operation: string; action: FaultAction }>;
  setPlan(plan: FaultPlan | undefined): void;
  resetCounters(): void;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

function emptyCounters(): OperationCounters {
  return { requests: 0, forwarded: 0, throttle: 0, error500: 0, resetBefore: 0, resetAfter: 0 };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RuleState {
  rule: FaultRule;
  matched: number;
  fired: number;
}

type Decide = (request: FaultRequest) => FaultAction;
type QuotaNote = (bucket: string, throttled: boolean) => void;

const matches = (pattern: string | RegExp | readonly string[], operation: string) =>
  typeof pattern === 'string' ? pattern === operation : pattern instanceof RegExp ? pattern.test(operation) : pattern.includes(operation);

function compile(plan: FaultPlan | undefined, note: QuotaNote): Decide {
  if (!plan) return () => 'forward';
  if (typeof plan === 'function') return plan;
  const byRules = compileRules(plan.rules ?? [], plan.seed);
  const quotas = (plan.quotas ?? []).map((q) => ({ quota: q, bucket: new TokenBucket(q.rate, q.burst, () => performance.now()) }));
  return (request) => {
    const action = byRules(request);
    if (action !== 'forward') return action;
    const metered = quotas.find((q) => matches(q.quota.operations, request.operation));
    if (!metered) return 'forward';
    const ok = metered.bucket.take();
    note(metered.quota.name, !ok);
    return ok ? 'forward' : 'throttle';
  };
}

function compileRules(rules: FaultRule[], seed = 1): Decide {
  const random = mulberry32(seed);
  const states: RuleState[] = rules.map((rule) => ({ rule, matched: 0, fired: 0 }));
  return (request) => {
    for (const state of states) {
      const { rule } = state;
      if (rule.operation !== undefined && !matches(rule.operation, request.operation)) continue;
      state.matched++;
      if (rule.after !== undefined && state.matched <= rule.after) continue;
      if (rule.every !== undefined && (state.matched - (rule.after ?? 0)) % rule.every !== 0) continue;
      if (rule.times !== undefined && state.fired >= rule.times) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      state.fired++;
      return rule.action;
    }
    return 'forward';
  };
}

function jsonError(res: http.ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': type,
    'x-amzn-requestid': `fault-proxy-${Date.now()}`,
  });
  res.end(body);
}

export async function startFaultProxy(options: { upstream: string; plan?: FaultPlan; port?: number }): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  if (!LOOPBACK.test(upstream.hostname)) throw new Error(`fault proxy: upstream must be on loopback, got ${upstream.hostname}`);
  if (upstream.protocol !== 'http:') throw new Error('fault proxy: upstream must be http://');
  const noteQuota: QuotaNote = (bucket, throttled) => {
    const per = (counters.byQuota[bucket] ??= { requests: 0, throttled: 0 });
    per.requests++;
    if (throttled) per.throttled++;
  };
  let counters: FaultCounters = { ...emptyCounters(), applied: 0, byOperation: {}, byQuota: {} };
  let decide = compile(options.plan, noteQuota);
  const log: Array<{ operation: string; action: FaultAction }> = [];
  let index = 0;
  const agent = new http.Agent({ keepAlive: true });

  const count = (operation: string, key: keyof OperationCounters | 'applied') => {
    const per = (counters.byOperation[operation] ??= { ...emptyCounters(), applied: 0 });
    per[key]++;
    counters[key]++;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.includes('.') ? target.slice(target.lastIndexOf('.') + 1) : target || `${req.method} ${req.url}`;
      const request: FaultRequest = { operation, method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8'), index: ++index };
      const action = decide(request);
      log.push({ operation, action });
      count(operation, 'requests');
      switch (action) {
        case 'throttle':
          count(operation, 'throttle');
          jsonError(res, 400, 'TooManyRequestsException', 'Rate exceeded');
          return;
        case 'error500':
          count(operation, 'error500');
          jsonError(res, 500, 'InternalErrorException', 'Internal error (injected by the fault proxy)');
          return;
        case 'resetBefore':
          count(operation, 'resetBefore');
          req.socket.destroy();
          return;
        default:
          break;
      }
      const headers = { ...req.headers, host: upstream.host };
      const forward = http.request(
        { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
        (upstreamRes) => {
          const parts: Buffer[] = [];
          upstreamRes.on('data', (c: Buffer) => parts.push(c));
          upstreamRes.on('end', () => {
            count(operation, 'applied');
            if (action === 'resetAfter') {
              count(operation, 'resetAfter');
              req.socket.destroy(); // the emulator applied it; the client never hears back
              return;
            }
            count(operation, 'forwarded');
            const responseHeaders = { ...upstreamRes.headers };
            delete responseHeaders['transfer-encoding'];
            const payload = Buffer.concat(parts);
            responseHeaders['content-length'] = String(payload.length);
            res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
            res.end(payload);
          });
          upstreamRes.on('error', () => req.socket.destroy());
        },
      );
      forward.on('error', (err) => {
        if (!res.headersSent) jsonError(res, 502, 'BadGateway', `fault proxy: upstream failed: ${err.message}`);
      });
      forward.end(body);
    });
  });
  // A reset socket is expected here: don't let it become an unhandled error.
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get counters() {
      return counters;
    },
    log,
    setPlan(plan) {
      decide = compile(plan, noteQuota);
    },
    resetCounters() {
      counters = { ...emptyCounters(), applied: 0, byOperation: {}, byQuota: {} };
      log.length = 0;
      index = 0;
    },
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
