import { describe, expect, it } from 'vitest';
import { redact, scrub, registerSecret, MASK } from '../../../src/aws/redact.js';
import { collect, paginate } from '../../../src/aws/paginate.js';

describe('redact', () => {
  it('masks secret keys at any depth and leaves the input alone', () => {
    const input = {
      AuthParameters: { USERNAME: 'ann', PASSWORD: 'pw', SECRET_HASH: 'h', SRP_A: 'a' },
      ChallengeResponses: { NEW_PASSWORD: 'n', SOFTWARE_TOKEN_MFA_CODE: '123456' },
      Session: 'sess',
      UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }],
      TemporaryPassword: 'tmp',
      AuthenticationResult: { AccessToken: 'at', IdToken: 'it', RefreshToken: 'rt' },
      UserPoolClient: { ClientSecret: 'cs', ClientId: 'id' },
    };
    const out = redact(input) as any;
    expect(out.AuthParameters).toEqual({ USERNAME: 'ann', PASSWORD: MASK, SECRET_HASH: MASK, SRP_A: MASK });
    expect(out.ChallengeResponses).toEqual({ NEW_PASSWORD: MASK, SOFTWARE_TOKEN_MFA_CODE: MASK });
    expect(out.Session).toBe(MASK);
    expect(out.TemporaryPassword).toBe(MASK);
    expect(out.AuthenticationResult).toEqual({ AccessToken: MASK, IdToken: MASK, RefreshToken: MASK });
    expect(out.UserPoolClient).toEqual({ ClientSecret: MASK, ClientId: 'id' });
    expect(out.UserAttributes).toEqual(input.UserAttributes);
    expect(input.AuthParameters.PASSWORD).toBe('pw');
  });

  it('scrubs registered secrets, JWTs and presigned signatures from text', () => {
    registerSecret('correct-horse-battery');
    expect(scrub('pw=correct-horse-battery; token eyJa.eyJb.sig')).toBe(`pw=${MASK}; token ${MASK}`);
    expect(scrub('https://b/x?X-Amz-Signature=abcdef&X-Amz-Credential=AKIA%2F')).toBe(
      `https://b/x?X-Amz-Signature=${MASK}&X-Amz-Credential=${MASK}`,
    );
  });
});

describe('paginate', () => {
  const pages: Record<string, { items: number[]; next?: string }> = {
    start: { items: [1, 2, 3], next: 't1' },
    t1: { items: [4, 5, 6], next: 't2' },
    t2: { items: [7], next: undefined },
  };
  const fetchPage = (calls: Array<[string | undefined, number]>) => async (token: string | undefined, size: number) => {
    calls.push([token, size]);
    const page = pages[token ?? 'start']!;
    return { items: page.items, next: page.next };
  };

  it('follows every token to the end', async () => {
    const calls: Array<[string | undefined, number]> = [];
    expect(await collect(paginate(fetchPage(calls), { pageSize: 60 }))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls.map((c) => c[0])).toEqual([undefined, 't1', 't2']);
  });

  it('stops at the limit without fetching further pages, asking only for what is left', async () => {
    const calls: Array<[string | undefined, number]> = [];
    expect(await collect(paginate(fetchPage(calls), { pageSize: 60, limit: 4 }))).toEqual([1, 2, 3, 4]);
    expect(calls).toEqual([[undefined, 4], ['t1', 1]]);
  });

  it('stops when a server repeats a token', async () => {
    let n = 0;
    const looping = async () => ({ items: [n++], next: 'same' });
    expect(await collect(paginate(looping, { pageSize: 10 }))).toEqual([0, 1]);
  });
});
