// The decisions around a browser sign-in, without a browser: which command opens it, which
// callback port and scopes to use, and where the pool's OAuth2 domain is.
import { describe, expect, it } from 'vitest';
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { browserCommand } from '../../../../src/io/open-browser.js';
import { planCallback } from '../../../../src/commands/auth/callback-url.js';
import { scopesFor } from '../../../../src/commands/auth/browser-login.js';
import { resolveDomain } from '../../../../src/aws/pool-domain.js';
import { Context } from '../../../../src/context.js';
import { isolatedEnv } from '../../../support/cli.js';
import { useStrictIdpMock } from '../../../support/sdk-mock.js';
import { PassThrough } from 'node:stream';

const URL_ = 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/authorize?a=1&b=2';

describe('opening the browser', () => {
  it('$BROWSER first: %s stands for the address, else it is appended; the first of a list is used', () => {
    expect(browserCommand(URL_, { BROWSER: 'firefox' }, 'linux')).toEqual(['firefox', [URL_]]);
    expect(browserCommand(URL_, { BROWSER: 'firefox --new-window' }, 'linux')).toEqual(['firefox', ['--new-window', URL_]]);
    expect(browserCommand(URL_, { BROWSER: 'w3m -o x=%s:lynx' }, 'linux')).toEqual(['w3m', ['-o', `x=${URL_}`]]);
  });

  it("else the platform's opener; on Linux without a display, none (the address is printed)", () => {
    expect(browserCommand(URL_, {}, 'darwin')).toEqual(['open', [URL_]]);
    expect(browserCommand(URL_, {}, 'win32')).toEqual(['rundll32', ['url.dll,FileProtocolHandler', URL_]]);
    expect(browserCommand(URL_, { DISPLAY: ':0' }, 'linux')).toEqual(['xdg-open', [URL_]]);
    expect(browserCommand(URL_, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual(['xdg-open', [URL_]]);
    expect(browserCommand(URL_, {}, 'linux')).toBe('no-display');
  });
});

describe('the callback port', () => {
  const notes: string[] = [];
  const note = (t: string) => notes.push(t);
  const client = (...urls: string[]) => ({ CallbackURLs: urls });

  it("the client's registered loopback callback, preferring /callback; else --port; else 8484", () => {
    expect(planCallback(client('https://app.example.com/cb', 'http://localhost:9000/callback'), {}, note)).toMatchObject({ port: 9000, path: '/callback', registered: true });
    expect(planCallback(client('http://localhost:7000/auth', 'http://localhost:7001/callback'), {}, note)).toMatchObject({ port: 7001 });
    expect(planCallback(client('http://localhost:7000/auth'), {}, note)).toMatchObject({ port: 7000, path: '/auth', url: 'http://localhost:7000/auth' });
    expect(planCallback(client('https://app.example.com/cb'), {}, note)).toEqual({ port: 8484, path: '/callback', url: 'http://localhost:8484/callback', registered: false });
    expect(planCallback(client(), { port: 9100 }, note)).toMatchObject({ port: 9100, registered: false });
  });

  it('--port picks among several registered; one not registered is used with --add-callback, else the registered one (with a note)', () => {
    const both = client('http://localhost:9000/callback', 'http://localhost:9001/callback');
    expect(planCallback(both, { port: 9001 }, note)).toMatchObject({ port: 9001, registered: true });
    expect(planCallback(both, { port: 9500, addCallback: true }, note)).toMatchObject({ port: 9500, registered: false });
    notes.length = 0;
    expect(planCallback(both, { port: 9500 }, note)).toMatchObject({ port: 9000, registered: true });
    expect(notes[0]).toMatch(/no callback on port 9500/);
  });

  it('127.0.0.1, https and portless URLs are not loopback callbacks; an unknown client is assumed registered', () => {
    expect(planCallback(client('http://127.0.0.1:9000/callback', 'https://localhost:9000/callback', 'http://localhost/callback'), {}, note)).toMatchObject({ port: 8484, registered: false });
    expect(planCallback(undefined, {}, note)).toMatchObject({ port: 8484, registered: true });
  });
});

describe('the scopes asked for', () => {
  it('--scope as given; else the user scopes the client allows; else none (Cognito grants the client\'s)', () => {
    expect(scopesFor(undefined, ['openid,email', 'profile'])).toEqual(['email', 'openid', 'profile']);
    expect(scopesFor({ AllowedOAuthScopes: ['orders/read', 'email', 'openid', 'aws.cognito.signin.user.admin'] }, undefined)).toEqual([
      'openid',
      'email',
      'aws.cognito.signin.user.admin',
    ]);
    expect(scopesFor(undefined, undefined)).toEqual([]);
  });
});

describe("the pool's domain from DescribeUserPool", () => {
  const idp = useStrictIdpMock();
  const context = (flags: Record<string, string> = {}) =>
    new Context({ pool: 'eu-west-1_AbC', ...flags }, {
      env: isolatedEnv({ AWS_REGION: undefined }),
      streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() },
    });

  it('the custom domain first, then the prefix in the pool\'s region; --domain needs no call', async () => {
    idp.on(DescribeUserPoolCommand).resolves({ UserPool: { CustomDomain: 'auth.example.com', Domain: 'shop' } });
    expect(await resolveDomain(context())).toEqual({ url: 'https://auth.example.com', origin: 'pool eu-west-1_AbC' });
    idp.on(DescribeUserPoolCommand).resolves({ UserPool: { Domain: 'shop' } });
    expect((await resolveDomain(context())).url).toBe('https://shop.auth.eu-west-1.amazoncognito.com');
    expect(await resolveDomain(context({ domain: 'other' }))).toEqual({ url: 'https://other.auth.eu-west-1.amazoncognito.com', origin: '--domain' });
    expect(idp.commandCalls(DescribeUserPoolCommand)).toHaveLength(2);
  });

  it('a pool without a domain is a usage error that says how to get one', async () => {
    idp.on(DescribeUserPoolCommand).resolves({ UserPool: {} });
    await expect(resolveDomain(context())).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/has no domain/) });
  });
});
