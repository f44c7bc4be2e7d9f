// Codes the fake "sends" by SMS or email: recorded instead of delivered, for tests to read back.
import { randomInt } from 'node:crypto';
import type { FakeContext, SentMessage } from './context.js';
import type { PoolState, UserState } from './state.js';
import { userKey } from './user-store.js';
import { invalidParameter } from './errors.js';

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'SMS' | 'EMAIL';
  AttributeName: 'email' | 'phone_number';
}

export function sendCode(
  ctx: FakeContext,
  pool: PoolState,
  user: UserState,
  kind: SentMessage['kind'],
  medium: 'SMS' | 'EMAIL',
): { code: string; details: CodeDeliveryDetails } {
  const attribute = medium === 'SMS' ? 'phone_number' : 'email';
  const destination = user.attributes[attribute];
  if (!destination) return invalidParameter(`The user has no ${attribute} to send a code to.`);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  ctx.messages.push({ kind, poolId: pool.id, username: user.username, medium, destination, code, at: new Date(ctx.now()) });
  return {
    code,
    details: {
      Destination: medium === 'SMS' ? maskPhone(destination) : maskEmail(destination),
      DeliveryMedium: medium,
      AttributeName: attribute,
    },
  };
}

/** Where sign-up and forgot-password codes go: a verified (or, for sign-up, auto-verified) contact. */
export function codeMedium(pool: PoolState, user: UserState, forSignUp: boolean): 'SMS' | 'EMAIL' | undefined {
  const ok = (attr: 'email' | 'phone_number') =>
    user.attributes[attr] !== undefined &&
    (forSignUp ? pool.autoVerifiedAttributes.includes(attr) : user.attributes[`${attr}_verified`] === 'true');
  if (ok('email')) return 'EMAIL';
  if (ok('phone_number')) return 'SMS';
  return undefined;
}

/** The last code of a kind sent to a user, by internal username, typed username, email or phone. */
export function lastCode(ctx: FakeContext, kind: SentMessage['kind'], name: string): string | undefined {
  for (let i = ctx.messages.length - 1; i >= 0; i--) {
    const m = ctx.messages[i]!;
    if (m.kind !== kind) continue;
    if (m.username === name || m.destination === name) return m.code;
    const pool = ctx.pools.get(m.poolId);
    const user = pool?.users.get(userKey(pool, m.username));
    const a = user?.attributes;
    if (user && (user.sub === name || a?.email === name || a?.phone_number === name || a?.preferred_username === name)) {
      return m.code;
    }
  }
  return undefined;
}

/** Cognito's masked destinations: `a***@e***` and `+*******1234`. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}
export function maskPhone(phone: string): string {
  return `+${'*'.repeat(Math.max(phone.length - 5, 0))}${phone.slice(-4)}`;
}
