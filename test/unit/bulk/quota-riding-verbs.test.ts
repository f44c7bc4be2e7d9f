// The `--from-file` user verbs ride Cognito's quota as the import does: the real engine (runBulk
// with its rate budget, retries and concurrency) and the real operation of each verb
// (userOperation) against an in-memory Cognito whose user-update and user-creation calls go through
// token buckets, on fake time (rates are virtual requests per virtual second).
import { describe, expect, it } from 'vitest';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { runBulk, type BulkItem } from '../../../src/bulk/engine.js';
import { RateBudget } from '../../../src/bulk/rate-budget.js';
import { userOperation, type BulkVerb } from '../../../src/commands/user/bulk-operations.js';
import { TokenBucket } from '../../support/token-bucket.js';
import { FakeClock, seededRandom } from '../import/helpers.js';

interface Item extends BulkItem {
  username: string;
}

async function simulateVerb(verb: BulkVerb, users: number, quota: { rate: number; burst: number }) {
  const clock = new FakeClock();
  const bucket = new TokenBucket(quota.rate, quota.burst, () => clock.now());
  const jitter = seededRandom(11);
  const sent = new Map<string, number>();
  let requests = 0;
  let throttled = 0;
  // What the verb sends, as Cognito answers it: 20 ms away, up to 10 ms late on a busy machine,
  // throttled when the category's bucket is empty.
  const idp = {
    async send(command: { input: { Username: string } }, options: { abortSignal?: AbortSignal }) {
      await clock.sleep(20 + jitter() * 10, options.abortSignal);
      requests++;
      if (!bucket.take()) {
        throttled++;
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 400 } });
      }
      sent.set(command.input.Username, (sent.get(command.input.Username) ?? 0) + 1);
      return {};
    },
  } as unknown as CognitoIdentityProviderClient;
  const apply = userOperation(idp, 'local_Quota', verb);
  const items = (async function* () {
    yield Array.from({ length: users }, (_, i): Item => ({ line: i + 1, cells: [`user${i}`], username: `user${i}` }));
  })();
  const summary = await clock.run(
    runBulk<Item, string>({
      items,
      check: (item) => ({ ok: true, value: item.username, username: item.username }),
      apply: (name, op) => apply(name, op),
      budget: new RateBudget({ clock }),
      concurrency: 8,
      clock,
      random: seededRandom(7),
    }),
  );
  const seconds = clock.now() / 1000;
  return { summary, sent, share: (requests - throttled) / seconds / quota.rate, throttledShare: throttled / requests };
}

describe('the bulk user verbs riding a token-bucket quota (simulated, fake time)', () => {
  it.each([
    ['disable, the default user-update quota (25/s)', 'disable', { rate: 25, burst: 5 }, 0.95],
    ['disable, what other traffic leaves of it (10/s)', 'disable', { rate: 10, burst: 2 }, 0.9],
    ['invite, the default user-creation quota (50/s)', 'invite', { rate: 50, burst: 10 }, 0.95],
    ['invite, what other traffic leaves of it (20/s)', 'invite', { rate: 20, burst: 4 }, 0.9],
  ] as const)('%s: with no --rate, reaches the bucket with no failed user and at most 5%% throttled', async (_name, verb, quota, target) => {
    const r = await simulateVerb(verb, 2000, quota);
    expect(r.summary.failed).toBe(0);
    expect(r.summary.outcomes.done).toBe(2000);
    // Every user once: a throttled request is not applied, and is sent again.
    expect(r.sent.size).toBe(2000);
    expect([...r.sent.values()].every((n) => n === 1)).toBe(true);
    expect(r.share).toBeGreaterThanOrEqual(target);
    expect(r.throttledShare).toBeLessThanOrEqual(0.05);
  });
});
