// pool clone --with-users: the source's users into the new pool through the bulk engine — the
// same export (attributes, enabled state, groups) and import (journal, retries, rate budget,
// failures file) as `user export | user import`. Passwords cannot be read, so users are created
// without one and without an invitation. When the new pool signs in with email (or phone) and
// the source did not, the user's email (phone) becomes the username.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { paginate } from '../aws/paginate.js';
import { writeExport, type ExportedUser } from '../import/export.js';
import { poolFactsFromDescribe, type DescribedUserPool, type PoolFacts } from '../import/pool-facts.js';
import { importUsers } from '../import/run.js';
import { SdkImportApi } from '../import/sdk-api.js';
import type { ImportSummary } from '../import/report.js';

export interface CopyUsersOptions {
  idp: CognitoIdentityProviderClient;
  sourceId: string;
  targetId: string;
  /** Region or endpoint: part of the import journal's key. */
  endpoint: string;
  /** Where the import keeps its journal. */
  stateDir: string;
  /** Where the failures CSV goes when a user cannot be copied. */
  failuresFile: string;
  onWarning?: (message: string) => void;
}

export interface CopyUsersResult {
  exported: number;
  summary: ImportSummary;
}

export async function copyUsers(options: CopyUsersOptions): Promise<CopyUsersResult> {
  const { idp, sourceId, targetId } = options;
  const source = await facts(idp, sourceId);
  const target = await facts(idp, targetId);
  const usernameFrom = ['email', 'phone_number'].find(
    (a) => target.usernameAttributes.includes(a) && !source.usernameAttributes.includes(a),
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-admin-clone-'));
  const csv = path.join(dir, 'users.csv');
  try {
    // 0600: the copy of a user pool is personal data.
    const file = fs.createWriteStream(csv, { mode: 0o600 });
    await once(file, 'open');
    // The export's username → the source's, for the group look-ups.
    const sourceNames = new Map<string, string>();
    const exported = await writeExport({
      pool: source,
      users: usersOf(idp, sourceId, usernameFrom, sourceNames),
      groupsOf: (username) => groupsOf(idp, sourceId, sourceNames.get(username) ?? username),
      out: file,
    });
    file.end();
    await finished(file);
    const result = await importUsers({
      input: csv,
      pool: target,
      endpoint: options.endpoint,
      stateDir: options.stateDir,
      failuresFile: options.failuresFile,
      api: new SdkImportApi(idp, targetId),
      onExists: 'skip',
      invite: [],
      onWarning: options.onWarning,
    });
    return { exported: exported.users, summary: result.summary };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function facts(idp: CognitoIdentityProviderClient, poolId: string): Promise<PoolFacts> {
  const { DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  return poolFactsFromDescribe({ ...(UserPool as DescribedUserPool), Id: poolId });
}

async function* usersOf(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  usernameFrom: string | undefined,
  sourceNames: Map<string, string>,
): AsyncGenerator<ExportedUser> {
  const { ListUsersCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const users = paginate(async (token) => {
    const r = await idp.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token, Limit: 60 }));
    return { items: r.Users, next: r.PaginationToken };
  }, { pageSize: 60 });
  for await (const u of users) {
    const signIn = usernameFrom && u.Attributes?.find((a) => a.Name === usernameFrom)?.Value;
    if (signIn) sourceNames.set(signIn, u.Username!);
    yield { username: signIn || u.Username!, attributes: u.Attributes ?? [], enabled: u.Enabled ?? true, status: u.UserStatus };
  }
}

async function groupsOf(idp: CognitoIdentityProviderClient, poolId: string, username: string): Promise<string[]> {
  const { AdminListGroupsForUserCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const groups: string[] = [];
  for await (const g of paginate(async (token) => {
    const r = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username, NextToken: token, Limit: 60 }));
    return { items: r.Groups, next: r.NextToken };
  }, { pageSize: 60 })) groups.push(g.GroupName!);
  return groups;
}
