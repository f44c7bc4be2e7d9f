// The listings `pool export-config | diff | apply` read: ListUserPoolClients, ListGroups and
// ListIdentityProviders, from the API reference's request and answer shapes. The fake keeps no
// group objects (a user's groups are names on the user) and no identity providers: ListGroups
// answers the group names its users are in, ListIdentityProviders an empty list.
import type { FakeContext } from './context.js';
import { required } from './errors.js';
import { getPool } from './state.js';

/** One page of `items` after `token` (an index), at most `max` long. */
function page<T>(items: T[], token: unknown, max: unknown): { items: T[]; next?: string } {
  const start = typeof token === 'string' ? Number(token) : 0;
  const size = typeof max === 'number' && max > 0 ? max : 60;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

export function listUserPoolClients(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const clients = [...pool.clients.values()].map((c) => ({ ClientId: c.clientId, ClientName: c.name, UserPoolId: pool.id }));
  const { items, next } = page(clients, body.NextToken, body.MaxResults);
  return { UserPoolClients: items, ...(next ? { NextToken: next } : {}) };
}

export function listGroups(ctx: FakeContext, body: any) {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  const names = [...new Set([...pool.users.values()].flatMap((u) => [...(u.groups ?? [])]))].sort();
  const groups = names.map((GroupName) => ({ GroupName, UserPoolId: pool.id }));
  const { items, next } = page(groups, body.NextToken, body.Limit);
  return { Groups: items, ...(next ? { NextToken: next } : {}) };
}

export function listIdentityProviders(ctx: FakeContext, body: any) {
  getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  return { Providers: [] };
}
