import { describe, expect, it } from 'vitest';
import { domainBaseUrl, isLoopbackUrl } from '../../../src/oauth/domain.js';

describe('the OAuth2 domain from --domain', () => {
  it('a prefix is a Cognito domain in the region', () => {
    expect(domainBaseUrl('shop', 'eu-west-1')).toBe('https://shop.auth.eu-west-1.amazoncognito.com');
    expect(domainBaseUrl('my-shop-2', 'us-east-1')).toBe('https://my-shop-2.auth.us-east-1.amazoncognito.com');
  });

  it('a host name is a custom domain over https', () => {
    expect(domainBaseUrl('auth.example.com', 'eu-west-1')).toBe('https://auth.example.com');
    expect(domainBaseUrl('Auth.Example.COM', undefined)).toBe('https://auth.example.com');
  });

  it('a URL is used as it is, without a trailing slash (emulators, paths included)', () => {
    expect(domainBaseUrl('http://127.0.0.1:9229/', undefined)).toBe('http://127.0.0.1:9229');
    expect(domainBaseUrl('http://127.0.0.1:9229/oauth/us-east-1_x', undefined)).toBe('http://127.0.0.1:9229/oauth/us-east-1_x');
    expect(domainBaseUrl('https://shop.auth.eu-west-1.amazoncognito.com', undefined)).toBe('https://shop.auth.eu-west-1.amazoncognito.com');
  });

  it('says what is wrong, naming where the value came from', () => {
    expect(() => domainBaseUrl('shop', undefined, 'profile dev')).toThrow(/"shop" \(from profile dev\) needs a region/);
    expect(() => domainBaseUrl('not a domain!', 'eu-west-1')).toThrow(/invalid domain/);
    expect(() => domainBaseUrl('ftp://x.example.com', 'eu-west-1')).toThrow(/only http and https/);
    expect(() => domainBaseUrl('https://x.example.com/?a=1', 'eu-west-1')).toThrow(/query/);
  });

  it('knows loopback addresses', () => {
    expect(isLoopbackUrl('http://127.0.0.1:9229')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8484/callback')).toBe(true);
    expect(isLoopbackUrl('https://shop.auth.eu-west-1.amazoncognito.com')).toBe(false);
  });
});
