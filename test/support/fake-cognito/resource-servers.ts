// Resource servers (Create, Describe, List, Update, Delete). UpdateResourceServer replaces the
// whole server: Name is required and the scopes it omits are gone, as the API reference says
// ("If you don't provide a value for an attribute, it is set to the default value").
import type { FakeContext } from './context.js';
import { invalidParameter, required, resourceNotFound } from './errors.js';
import { getPool, type PoolState, type ResourceServerState } from './state.js';

type Scopes = Array<{ ScopeName: string; ScopeDescription: string }>;

/** The pool's resource servers: the same map the OAuth2 token endpoint reads scopes from. */
function serversOf(ctx: FakeContext, body: any): { pool: PoolState; map: Map<string, ResourceServerState> } {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  return { pool, map: pool.resourceServers };
}

function withScopes(server: ResourceServerState, scopes: Scopes): ResourceServerState {
  server.scopes = scopes.map((s) => s.ScopeName);
  server.descriptions = Object.fromEntries(scopes.map((s) => [s.ScopeName, s.ScopeDescription]));
  return server;
}

function checkScopes(scopes: unknown): Scopes {
  const list = (scopes ?? []) as Scopes;
  if (list.length > 100) invalidParameter('A resource server can have at most 100 scopes.');
  for (const s of list) {
    required(s.ScopeName, 'scopeName');
    required(s.ScopeDescription, 'scopeDescription');
    if (!/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/.test(s.ScopeName)) invalidParameter(`Invalid scope name ${s.ScopeName}`);
  }
  return list.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription }));
}

const view = (pool: PoolState, s: ResourceServerState) => ({
  UserPoolId: pool.id,
  Identifier: s.identifier,
  Name: s.name,
  Scopes: s.scopes.map((name) => ({ ScopeName: name, ScopeDescription: s.descriptions?.[name] ?? name })),
});

export function createResourceServer(ctx: FakeContext, body: any) {
  const { pool, map } = serversOf(ctx, body);
  const Identifier = required(body.Identifier, 'identifier');
  if (map.has(Identifier)) invalidParameter(`${Identifier} already exists in pool ${pool.id}.`);
  const server = withScopes({ identifier: Identifier, name: required(body.Name, 'name'), scopes: [] }, checkScopes(body.Scopes));
  map.set(Identifier, server);
  return { ResourceServer: view(pool, server) };
}

function find(ctx: FakeContext, body: any) {
  const { pool, map } = serversOf(ctx, body);
  const server = map.get(required(body.Identifier, 'identifier'));
  if (!server) return resourceNotFound(`Resource server ${body.Identifier} does not exist.`);
  return { pool, map, server };
}

export function describeResourceServer(ctx: FakeContext, body: any) {
  const { pool, server } = find(ctx, body);
  return { ResourceServer: view(pool, server) };
}

export function updateResourceServer(ctx: FakeContext, body: any) {
  const { pool, server } = find(ctx, body);
  server.name = required(body.Name, 'name');
  withScopes(server, checkScopes(body.Scopes));
  return { ResourceServer: view(pool, server) };
}

export function deleteResourceServer(ctx: FakeContext, body: any) {
  const { map, server } = find(ctx, body);
  map.delete(server.identifier);
  return {};
}

export function listResourceServers(ctx: FakeContext, body: any) {
  const { pool, map } = serversOf(ctx, body);
  const max = required(body.MaxResults, 'maxResults') as number;
  if (max < 1 || max > 50) invalidParameter('MaxResults must be between 1 and 50.');
  const all = [...map.values()];
  const start = body.NextToken ? Number(body.NextToken) : 0;
  const page = all.slice(start, start + max);
  const next = start + max < all.length ? String(start + max) : undefined;
  return { ResourceServers: page.map((s) => view(pool, s)), ...(next ? { NextToken: next } : {}) };
}
