import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyError, errorName, mayHaveBeenApplied } from '../../../src/bulk/retry.js';
import { cognitoQuotas, startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';

// A tiny upstream that "applies" every request it sees.
const applied: string[] = [];
let upstream: http.Server;
let upstreamUrl: string;
let proxy: FaultProxy;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const username = (JSON.parse(body || '{}') as { Username?: string }).Username ?? '';
      applied.push(`${target.split('.').pop()} ${username}`);
      const out = JSON.stringify({ User: { Username: username, Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', Attributes: [] } });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await startFaultProxy({ upstream: upstreamUrl });
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

beforeEach(() => {
  applied.length = 0;
  proxy.resetCounters();
  proxy.setPlan(undefined);
});

async function call(operation: string, username: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${proxy.url}/`,
      { method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`, 'content-type': 'application/x-amz-json-1.1' }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ UserPoolId: 'local_x', Username: username }));
  });
}

const sdk = () =>
  new CognitoIdentityProviderClient({
    endpoint: proxy.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test' },
  });

describe('fault proxy', () => {
  it('forwards by default', async () => {
    const r = await call('AdminCreateUser', 'ann');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ User: { Username: 'ann' } });
    expect(applied).toEqual(['AdminCreateUser ann']);
    expect(proxy.counters).toMatchObject({ requests: 1, forwarded: 1, applied: 1 });
  });

  it("answers Cognito's throttling error itself, without reaching the upstream", async () => {
    proxy.setPlan({ rules: [{ operation: 'AdminCreateUser', action: 'throttle' }] });
    const r = await call('AdminCreateUser', 'ann');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    expect(r.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    expect(applied).toEqual([]);
    // other operations pass
    expect((await call('AdminAddUserToGroup', 'ann')).status).toBe(200);
    expect(proxy.counters.byOperation.AdminCreateUser).toMatchObject({ requests: 1, throttle: 1, applied: 0 });
  });

  it('the SDK sees TooManyRequestsException and a 500 as the engine expects', async () => {
    const client = sdk();
    proxy.setPlan({ rules: [{ action: 'throttle', times: 1 }, { action: 'error500', times: 1 }] });
    const throttled = await client.send(new AdminCreateUserCommand({ UserPoolId: 'local_x', Username: 'a' })).catch((e: unknown) => e);
    expect(errorName(throttled)).toBe('TooManyRequestsException');
    expect(classifyError(throttled)).toBe('throttle');
    const failed = await client.send(new AdminCreateUserCommand({ UserPoolId: 'local_x', Username: 'b' })).catch((e: unknown) => e);
    expect(errorName(failed)).toBe('InternalErrorException');
    expect(classifyError(failed)).toBe('transient');
    const ok = await client.send(new AdminCreateUserCommand({ UserPoolId: 'local_x', Username: 'c' }));
    expect(ok.User?.Username).toBe('c');
    client.destroy();
  });

  it('resets the connection before forwarding: nothing applied', async () => {
    proxy.setPlan({ rules: [{ action: 'resetBefore' }] });
    await expect(call('AdminCreateUser', 'ann')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(applied).toEqual([]);
    expect(proxy.counters).toMatchObject({ resetBefore: 1, applied: 0 });
  });

  it('resets the connection after the upstream applied the request: the response is lost', async () => {
    proxy.setPlan({ rules: [{ action: 'resetAfter' }] });
    await expect(call('AdminCreateUser', 'ann')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(applied).toEqual(['AdminCreateUser ann']);
    expect(proxy.counters).toMatchObject({ resetAfter: 1, applied: 1, forwarded: 0 });
    const client = sdk();
    const lost = await client.send(new AdminCreateUserCommand({ UserPoolId: 'local_x', Username: 'bob' })).catch((e: unknown) => e);
    expect(classifyError(lost)).toBe('transient');
    expect(mayHaveBeenApplied(lost)).toBe(true);
    expect(applied).toContain('AdminCreateUser bob');
    client.destroy();
  });

  it('follows every / after / times, and seeded probabilities reproducibly', async () => {
    proxy.setPlan({ rules: [{ action: 'throttle', every: 3, after: 1, times: 2 }] });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await call('AdminCreateUser', `u${i}`)).status);
    // matched #1 skipped (after), then every 3rd of the rest (#4, #7), at most twice
    expect(statuses).toEqual([200, 200, 200, 400, 200, 200, 400, 200, 200, 200]);

    const runWithSeed = async () => {
      proxy.resetCounters();
      proxy.setPlan({ rules: [{ action: 'error500', probability: 0.3 }], seed: 99 });
      const out = [];
      for (let i = 0; i < 40; i++) out.push((await call('AdminCreateUser', `p${i}`)).status);
      return out;
    };
    const first = await runWithSeed();
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(4);
    expect(await runWithSeed()).toEqual(first);
    expect(proxy.log).toHaveLength(40);
  });

  it('takes a function as the plan', async () => {
    proxy.setPlan((r) => (r.body.includes('"Username":"bad"') ? 'error500' : 'forward'));
    expect((await call('AdminCreateUser', 'good')).status).toBe(200);
    expect((await call('AdminCreateUser', 'bad')).status).toBe(500);
  });

  it('quota mode: a token bucket per category throttles what exceeds it, and other categories are not metered', async () => {
    // So slow a refill that none comes during the test: what passes is the burst.
    proxy.setPlan({
      quotas: cognitoQuotas({ UserCreation: { rate: 0.001, burst: 3 }, UserResourceUpdate: { rate: 0.001, burst: 1 } }),
    });
    const creates = [];
    for (let i = 0; i < 5; i++) creates.push((await call('AdminCreateUser', `q${i}`)).status);
    expect(creates).toEqual([200, 200, 200, 400, 400]);
    const updates = [(await call('AdminAddUserToGroup', 'q0')).status, (await call('AdminSetUserPassword', 'q1')).status];
    expect(updates).toEqual([200, 400]); // one bucket for every user update
    expect((await call('ListUsers', 'x')).status).toBe(200); // not metered here
    expect(proxy.counters.byQuota).toEqual({
      UserCreation: { requests: 5, throttled: 2 },
      UserResourceUpdate: { requests: 2, throttled: 1 },
    });
    expect(proxy.counters.byOperation.AdminCreateUser).toMatchObject({ requests: 5, throttle: 2, applied: 3 });
    expect(applied.filter((a) => a.startsWith('AdminCreateUser'))).toEqual(['AdminCreateUser q0', 'AdminCreateUser q1', 'AdminCreateUser q2']);
    // Rules come first: a rule that fires wins over the bucket.
    proxy.setPlan({ rules: [{ operation: 'ListUsers', action: 'error500' }], quotas: cognitoQuotas({ UserCreation: { rate: 0.001, burst: 1 } }) });
    expect((await call('ListUsers', 'x')).status).toBe(500);
    expect((await call('AdminCreateUser', 'r1')).status).toBe(200); // a new plan starts with full buckets
  });

  it('refuses an upstream that is not on loopback', async () => {
    await expect(startFaultProxy({ upstream: 'http://example.com' })).rejects.toThrow(/loopback/);
  });
});
