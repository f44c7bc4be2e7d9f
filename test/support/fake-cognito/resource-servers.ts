// Resource servers (Create, Describe, List, Update, Delete). UpdateResourceServer replaces the
// whole server: Name is required and the scopes it omits are gone, as the API reference says
// ("If you don't provide a value for an attribute, it is set to the default value").
import type { FakeContext } from './context.js';
import { invalidParameter, required, resourceNotFound } from './errors.js';
import { getPool, type PoolState, type ResourceServerState } from './state.js';

type ResourceServer = ResourceServerState;

function serversOf(ctx: FakeContext, body: any): { pool: PoolState; map: Map<string, ResourceServer> } {
  const pool = getPool(ctx.pools, required(body.UserPoolId, 'userPoolId'));
  // The pool's own map: the OAuth2 token endpoint checks client-credentials scopes against it.
  return { pool, map: pool.resourceServers };
}

function checkScopes(scopes: unknown): ResourceServer['Scopes'] {
  const list = (scopes ?? []) as ResourceServer['Scopes'];
  if (list.length > 100) invalidParameter('A resource server can have at most 100 scopes.');
  for (const s of list) {
    required(s.ScopeName, 'scopeName');
    required(s.ScopeDescription, 'scopeDescription');
    if (!/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/.test(s.ScopeName)) invalidParameter(`Invalid scope name ${s.ScopeName}`);
  }
  return list.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription }));
}

const view = (pool: PoolState, s: ResourceServer) => ({ UserPoolId: pool.id, ...s, Scopes: s.Scopes.map((x) => ({ ...x })) });

export function createResourceServer(ctx: FakeContext, body: any) {
  const { pool, map } = serversOf(ctx, body);
  const Identifier = required(body.Identifier, 'identifier');
  if (map.has(Identifier)) invalidParameter(`${Identifier} already exists in pool ${pool.id}.`);
  const server = { Identifier, Name: required(body.Name, 'name'), Scopes: checkScopes(body.Scopes) };
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
  server.Name = required(body.Name, 'name');
  server.Scopes = checkScopes(body.Scopes);
  return { ResourceServer: view(pool, server) };
}

export function deleteResourceServer(ctx: FakeContext, body: any) {
  const { map, server } = find(ctx, body);
  map.delete(server.Identifier);
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
