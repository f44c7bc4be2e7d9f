// The loopback callback server on its own: only 127.0.0.1, only the right state, once.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../../src/oauth/loopback.js';
import { freePort } from '../../support/background-bin.js';

function get(port: number, path: string, host = `localhost:${port}`, address = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const STATE = 'state-'.padEnd(43, 'x');

describe('the loopback callback server', () => {
  it('refuses other hosts, paths and states, accepts the one right callback, then is gone', async () => {
    const port = await freePort();
    const server = await LoopbackServer.listen(port, '/callback');
    expect(server.redirectUri).toBe(`http://localhost:${port}/callback`);
    const notes: string[] = [];
    const waiting = server.waitForCode({ state: STATE, timeoutMs: 10_000, note: (t) => notes.push(t) });

    expect((await get(port, `/callback?code=evil&state=${STATE}`, 'attacker.example:80')).status).toBe(400);
    expect((await get(port, `/other?code=c&state=${STATE}`)).status).toBe(404);
    expect((await get(port, '/callback?code=forged&state=not-the-state')).status).toBe(400);
    expect((await get(port, '/callback?code=forged')).status).toBe(400);
    expect(notes).toHaveLength(3);
    expect(notes.join('\n')).not.toContain('forged');

    const ok = await get(port, `/callback?code=the-code&state=${STATE}`, `127.0.0.1:${port}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Signed in');
    expect(ok.body).not.toContain('the-code');
    await expect(waiting).resolves.toEqual({ code: 'the-code' });
    await expect(get(port, `/callback?code=again&state=${STATE}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('listens on 127.0.0.1 only, not on the IPv6 loopback or any other address', async () => {
    const port = await freePort();
    const server = await LoopbackServer.listen(port, '/callback');
    const waiting = server.waitForCode({ state: STATE, timeoutMs: 10_000 });
    await expect(get(port, '/callback', `localhost:${port}`, '::1')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/) });
    await get(port, `/callback?code=c&state=${STATE}`);
    await waiting;
  });

  it('an error answer with the right state ends the wait with that error', async () => {
    const port = await freePort();
    const server = await LoopbackServer.listen(port, '/cb');
    // The expectation is attached before the callback arrives: the wait rejects while `get` runs.
    const waiting = expect(server.waitForCode({ state: STATE, timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'invalid_scope', exitCode: 2 });
    await get(port, `/cb?error=invalid_scope&state=${STATE}`);
    await waiting;
  });

  it('times out, and stops on abort (Ctrl-C) with exit 130', async () => {
    const port = await freePort();
    const slow = await LoopbackServer.listen(port, '/callback');
    await expect(slow.waitForCode({ state: STATE, timeoutMs: 50 })).rejects.toMatchObject({ message: 'no sign-in arrived within 0 s', exitCode: 1 });
    const again = await LoopbackServer.listen(port, '/callback');
    const controller = new AbortController();
    const waiting = again.waitForCode({ state: STATE, timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ exitCode: 130 });
  });

  it('a port in use is a usage error naming it', async () => {
    const port = await freePort();
    const first = await LoopbackServer.listen(port, '/callback');
    await expect(LoopbackServer.listen(port, '/callback')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(`127.0.0.1:${port}`) });
    first.close();
  });
});
