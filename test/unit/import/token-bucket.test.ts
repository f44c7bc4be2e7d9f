import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../support/token-bucket.js';

describe('TokenBucket (the fault proxy quota mode and the simulations)', () => {
  it('starts full, refuses when empty without taking anything, and refills at its rate up to the burst', () => {
    let t = 0;
    const bucket = new TokenBucket(10, 3, () => t);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    t = 50; // half a token
    expect(bucket.take()).toBe(false);
    t = 100; // one token: the refused request above took nothing
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    t = 10_000; // long idle: no more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('lets through its rate over time, whatever is asked', () => {
    let t = 0;
    const bucket = new TokenBucket(20, 4, () => t);
    let passed = 0;
    for (; t < 10_000; t += 5) if (bucket.take()) passed++; // asked at 200/s for 10 s
    expect(passed).toBe(4 + 20 * 10 - 1); // the burst, then one every 50 ms (the last one due at 10 s)
  });

  it('refuses nonsense', () => {
    expect(() => new TokenBucket(0, 1, () => 0)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0.5, () => 0)).toThrow(RangeError);
  });
});
