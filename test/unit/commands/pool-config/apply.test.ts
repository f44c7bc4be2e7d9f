// pool apply and pool diff with the strict SDK mock: a pool read in full, the file's differences,
// a failure part-way, and --prune's confirmation.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { runCli, scriptedPrompter } from '../../../support/cli.js';
import { awsError, useStrictIdpMock } from '../../../support/sdk-mock.js';
import { FORMAT } from '../../../../src/pool-config/document.js';

const mock = useStrictIdpMock();
const POOL = 'eu-west-1_Cfg';
const dir = mkdtempSync(join(tmpdir(), 'pool-apply-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pool with one group, `old`, and nothing else (but the domains given). */
function stubPool(domains: { Domain?: string; CustomDomain?: string } = {}) {
  mock.on(DescribeUserPoolCommand).resolves({
    UserPool: { Id: POOL, Name: 'shop', Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 7 } }, MfaConfiguration: 'OFF', SchemaAttributes: [], ...domains },
  });
  mock.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OFF' });
  mock.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [] });
  mock.on(ListGroupsCommand).resolves({ Groups: [{ GroupName: 'old' }] });
  mock.on(ListResourceServersCommand).resolves({ ResourceServers: [] });
  mock.on(ListIdentityProvidersCommand).resolves({ Providers: [] });
}

function file(groups: Record<string, object>): string {
  const path = join(dir, `${Object.keys(groups).join('-') || 'none'}.json`);
  writeFileSync(path, JSON.stringify({
    format: FORMAT,
    pool: { immutable: { SchemaAttributes: [] }, settings: { Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 7 } }, MfaConfiguration: 'OFF' } },
    mfa: { MfaConfiguration: 'OFF' },
    groups,
  }));
  return path;
}

describe('pool apply (strict mock)', () => {
  it('a pool with a prefix and a custom domain: the export holds both, and diffing it against the pool shows nothing', async () => {
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    stubPool({ Domain: 'shop-login', CustomDomain: 'auth.example.com' });
    mock
      .on(DescribeUserPoolDomainCommand, { Domain: 'shop-login' })
      .resolves({ DomainDescription: { Domain: 'shop-login', ManagedLoginVersion: 2 } })
      .on(DescribeUserPoolDomainCommand, { Domain: 'auth.example.com' })
      .resolves({ DomainDescription: { Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: cert }, ManagedLoginVersion: 2 } });
    const exported = await runCli(['pool', 'export-config', POOL, '--out', join(dir, 'domains.json')]);
    expect(exported.code, exported.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'domains.json'), 'utf8'));
    expect(config.domains).toEqual({
      'auth.example.com': { CustomDomainConfig: { CertificateArn: cert }, ManagedLoginVersion: 2 },
      'shop-login': { ManagedLoginVersion: 2 },
    });
    const diff = await runCli(['pool', 'diff', join(dir, 'domains.json'), '--pool', POOL, '--exit-code']);
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
  });

  it('diff lists the changes and --exit-code exits 1', async () => {
    stubPool();
    const result = await runCli(['pool', 'diff', file({ a: {}, b: { Precedence: 1 } }), '--pool', POOL, '--exit-code', '-o', 'text']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('+ group a\n+ group b\n  group old: not in the file (kept; --prune deletes it)\n');
  });

  it('a failure part-way says what was done before it, and that a re-run continues', async () => {
    stubPool();
    mock.on(CreateGroupCommand, { GroupName: 'a' }).resolves({});
    mock.on(CreateGroupCommand, { GroupName: 'b' }).rejects(awsError('LimitExceededException', 'too many groups'));
    const result = await runCli(['pool', 'apply', file({ a: {}, b: { Precedence: 1 } }), '--pool', POOL]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: create group b: too many groups \(after 1 of 2 changes\) \(LimitExceededException\)/);
    expect(mock.commandCalls(CreateGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, GroupName: 'a' },
      { UserPoolId: POOL, GroupName: 'b', Precedence: 1 },
    ]);
  });

  it('--prune asks on a terminal, listing what it deletes; no means nothing is deleted', async () => {
    stubPool();
    const prompter = scriptedPrompter([false]);
    const result = await runCli(['pool', 'apply', file({}), '--pool', POOL, '--prune'], { tty: true, prompter });
    expect(result.code).toBe(1);
    expect(prompter.asked[0]).toMatch(/^Delete 1 object absent from .*: group old\?$/);
    expect(mock.commandCalls(DeleteGroupCommand)).toHaveLength(0);

    mock.on(DeleteGroupCommand).resolves({});
    const yes = await runCli(['pool', 'apply', file({}), '--pool', POOL, '--prune'], { tty: true, prompter: scriptedPrompter([true]) });
    expect(yes.code, yes.stderr).toBe(0);
    expect(mock.commandCalls(DeleteGroupCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: POOL, GroupName: 'old' }]);
  });
});
