// The pool's OAuth2 domain: where /oauth2/authorize, /oauth2/token, /oauth2/userInfo and
// /oauth2/revoke live. Given as a Cognito prefix, a custom domain's host name, or a full URL
// (emulators and test servers), and turned into one base URL without a trailing slash.
import { UsageError } from '../errors.js';

const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;

/**
 * `shop` → `https://shop.auth.<region>.amazoncognito.com`; `auth.example.com` →
 * `https://auth.example.com`; `http://127.0.0.1:9229/x/` → `http://127.0.0.1:9229/x`.
 */
export function domainBaseUrl(given: string, region: string | undefined, origin = '--domain'): string {
  const value = given.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`invalid domain URL "${value}" (from ${origin})`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UsageError(`invalid domain URL "${value}" (from ${origin}): only http and https URLs`);
    }
    if (url.search || url.hash) throw new UsageError(`the domain URL "${value}" (from ${origin}) must not have a query or fragment`);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  if (PREFIX.test(value)) {
    if (!region) {
      throw new UsageError(`the domain prefix "${value}" (from ${origin}) needs a region`, {
        hint: 'pass --region, or give the whole host name: --domain <prefix>.auth.<region>.amazoncognito.com',
      });
    }
    return `https://${value}.auth.${region}.amazoncognito.com`;
  }
  if (HOST.test(value)) return `https://${value.toLowerCase()}`;
  throw new UsageError(`invalid domain "${value}" (from ${origin})`, {
    hint: 'give the prefix (shop), the host name (auth.example.com) or a URL (http://127.0.0.1:9229)',
  });
}

/** True for the loopback hosts an emulator or a test server listens on. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
