// group commands against each emulator through the built binary, checked through the emulator's
// own API. Users are created with the SDK directly so these tests do not depend on `user …`.
import { writeFileSync} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
  DeleteUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { emulatorEnv, emulatorSdk, emulators, runBin, runJson, type Emulator } from '../support/e2e.js';
import { tempDir } from '../support/temp-dirs.js';
import type { UserView } from '../../src/views/user.js';

const ROLE = 'arn:aws:iam::123456789012:role/e2e-admins';

/** What each emulator does differently from Cognito, found by trying; each gap skips one test. */
const GAPS: Record<Emulator['name'], Partial<Record<'groupExists' | 'clearsOmittedRole' | 'pagesMembers' | 'pagesGroups', string>>> = {
  'cognito-local': {
    groupExists: 'cognito-local overwrites an existing group on CreateGroup instead of GroupExistsException',
    clearsOmittedRole: 'cognito-local keeps the RoleArn that UpdateGroup omits',
    pagesMembers: 'cognito-local returns every member in one page and ignores Limit',
    pagesGroups: 'cognito-local returns every group in one page and ignores Limit',
  },
  moto: {
    clearsOmittedRole: 'moto keeps the RoleArn that UpdateGroup omits',
  },
};

interface Row {
  username: string;
  result: string;
  error?: string;
}

for (const emu of emulators()) {
  const gaps = GAPS[emu.name];
  /** A test that needs what the emulator lacks is skipped, and says why in its name. */
  const itUnless = (gap: keyof typeof gaps, name: string, fn: () => Promise<void>, timeout?: number) =>
    gaps[gap] ? it.skip(`${name} (skipped: ${gaps[gap]})`, fn) : it(name, fn, timeout);

  describe.skipIf(!emu.url)(`group commands on ${emu.name}`, () => {
    let env: Record<string, string | undefined>;
    let sdk: CognitoIdentityProviderClient;
    let poolId: string;

    // cognito-local makes every pool sign in by email (its default config), so usernames are
    // email addresses everywhere and users are recognised by their email attribute.
    const createUsers = async (names: string[]) => {
      for (const name of names) {
        await sdk.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: name }] }),
        );
      }
    };
    // 65 users: more than one 60-user page of ListUsersInGroup. Created once, on first use.
    const crowd = Array.from({ length: 65 }, (_, i) => `crowd${String(i).padStart(2, '0')}@example.com`);
    let crowdCreated: Promise<void> | undefined;
    const crowdUsers = () => (crowdCreated ??= createUsers(crowd));
    /** A member as the CLI prints it (the user view): its email, else its username. */
    const email = (u: UserView) => u.attributes.email ?? u.username;
    /** Every member, following the emulator's pages. */
    const membersOf = async (group: string): Promise<string[]> => {
      const all: string[] = [];
      let token: string | undefined;
      do {
        const page = await sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: group, NextToken: token }));
        all.push(...(page.Users ?? []).map((u: UserType) => u.Attributes?.find((a) => a.Name === 'email')?.Value ?? u.Username!));
        token = page.NextToken;
      } while (token);
      return all.sort();
    };
    const groupNames = async (): Promise<string[]> => {
      const all: string[] = [];
      let token: string | undefined;
      do {
        const page = await sdk.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: token }));
        all.push(...(page.Groups ?? []).map((g) => g.GroupName!));
        token = page.NextToken;
      } while (token);
      return all;
    };

    beforeAll(async () => {
      const base = emulatorEnv(emu.url!);
      const pool = await runJson(['pool', 'create', 'e2e-groups', '--sign-in', 'username'], { env: base });
      poolId = pool.id;
      env = { ...base, COGNITO_USER_POOL_ID: poolId };
      sdk = await emulatorSdk(emu.url!);
      await createUsers(['ann@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com']);
    });

    afterAll(async () => {
      if (poolId) await sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    });

    it('creates a group with every field, gets and lists it', async () => {
      const created = await runJson(['group', 'create', 'admins', '--description', 'Administrators', '--precedence', '2', '--role-arn', ROLE], { env });
      expect(created).toMatchObject({ name: 'admins', description: 'Administrators', precedence: 2, roleArn: ROLE });
      const { Group } = await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
      expect(Group).toMatchObject({ GroupName: 'admins', Description: 'Administrators', Precedence: 2, RoleArn: ROLE });

      expect(await runJson(['group', 'get', 'admins'], { env })).toMatchObject({ name: 'admins', precedence: 2, roleArn: ROLE });
      const listed = await runJson<Array<{ name: string }>>(['group', 'list'], { env });
      expect(listed.map((g) => g.name)).toContain('admins');

      const table = await runBin(['group', 'get', 'admins', '-o', 'table'], { env });
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/role arn.*e2e-admins/);
    });

    it('updates only the fields named', async () => {
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'Editors', Precedence: 5, RoleArn: ROLE }));
      await runJson(['group', 'update', 'editors', '--description', 'Content editors'], { env });
      let { Group } = await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
      expect(Group).toMatchObject({ Description: 'Content editors', Precedence: 5, RoleArn: ROLE });

      await runJson(['group', 'update', 'editors', '--precedence', '0'], { env });
      ({ Group } = await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' })));
      expect(Group).toMatchObject({ Description: 'Content editors', Precedence: 0, RoleArn: ROLE });

      const other = 'arn:aws:iam::123456789012:role/other';
      await runJson(['group', 'update', 'editors', '--role-arn', other], { env });
      ({ Group } = await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' })));
      expect(Group).toMatchObject({ Description: 'Content editors', Precedence: 0, RoleArn: other });

      const nothing = await runBin(['group', 'update', 'editors'], { env });
      expect(nothing.code).toBe(2);
    });

    itUnless('clearsOmittedRole', '--remove-role clears the role and keeps the rest', async () => {
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'roled', Description: 'Has a role', Precedence: 3, RoleArn: ROLE }));
      const result = await runBin(['group', 'update', 'roled', '--remove-role'], { env });
      expect(result.code).toBe(0);
      const { Group } = await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'roled' }));
      expect(Group?.RoleArn).toBeUndefined();
      expect(Group).toMatchObject({ Description: 'Has a role', Precedence: 3 });
    });

    it('refuses bad input and creates nothing', async () => {
      const badName = await runBin(['group', 'create', 'two words'], { env });
      expect(badName.code).toBe(2);
      const badArn = await runBin(['group', 'create', 'roleless', '--role-arn', 'not-an-arn'], { env });
      expect(badArn.code).toBe(2);
      expect(badArn.stderr).toMatch(/not an IAM role ARN/);
      expect(await groupNames()).not.toContain('roleless');
    });

    itUnless('groupExists', 'reports a group that already exists and leaves it alone', async () => {
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'taken', Description: 'Original' }));
      const result = await runBin(['group', 'create', 'taken', '--description', 'Replacement'], { env });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/\(GroupExistsException\)\nhint: /);
      const { Group } = await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'taken' }));
      expect(Group?.Description).toBe('Original');
    });

    it('adds users from arguments, a file and stdin, with a result per user', async () => {
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'team' }));

      const partial = await runBin(['group', 'add', 'team', 'ann@example.com', 'ghost@example.com', 'bob@example.com', '-o', 'json'], { env });
      expect(partial.code).toBe(3);
      const rows: Row[] = JSON.parse(partial.stdout);
      expect(rows.map((r) => [r.username, r.result, r.error])).toEqual([
        ['ann@example.com', 'added', undefined],
        ['ghost@example.com', 'failed', 'UserNotFoundException'],
        ['bob@example.com', 'added', undefined],
      ]);
      expect(await membersOf('team')).toEqual(['ann@example.com', 'bob@example.com']);

      const dir = tempDir('e2e-group-');
      const file = join(dir, 'users.txt');
      writeFileSync(file, '# new joiners\ncy@example.com\n\nann@example.com\n');
      const fromFile = await runBin(['group', 'add', 'team', '--from-file', file, '-o', 'json'], { env });
      expect(fromFile.code).toBe(0);
      expect(JSON.parse(fromFile.stdout).map((r: Row) => r.result)).toEqual(['added', 'added']);

      const fromStdin = await runBin(['group', 'add', 'team', '--from-file', '-', '-o', 'json'], { env, stdin: 'dee@example.com\n' });
      expect(fromStdin.code).toBe(0);
      expect(await membersOf('team')).toEqual(['ann@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com']);

      const members = await runJson<UserView[]>(['group', 'members', 'team'], { env });
      expect(members.map(email).sort()).toEqual(await membersOf('team'));
    });

    it('fails on a wrong group before changing anything', async () => {
      const result = await runBin(['group', 'add', 'no-such-group', 'ann@example.com'], { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: group no-such-group does not exist in user pool .* \(ResourceNotFoundException\)\nhint: /);
      expect(await groupNames()).not.toContain('no-such-group');
    });

    it('removes users, reporting the ones that failed', async () => {
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'leavers' }));
      await runJson(['group', 'add', 'leavers', 'ann@example.com', 'bob@example.com', 'cy@example.com'], { env });
      const result = await runBin(['group', 'remove', 'leavers', 'bob@example.com', 'ghost@example.com', '-o', 'json'], { env });
      expect(result.code).toBe(3);
      expect(JSON.parse(result.stdout).map((r: Row) => r.result)).toEqual(['removed', 'failed']);
      expect(await membersOf('leavers')).toEqual(['ann@example.com', 'cy@example.com']);

      const all = await runBin(['group', 'remove', 'leavers', '--from-file', '-'], { env, stdin: 'ann@example.com\ncy@example.com\n' });
      expect(all.code).toBe(0);
      expect(await membersOf('leavers')).toEqual([]);
    });

    it('deletes a group only when confirmed, and with members only with --force', async () => {
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'doomed' }));
      await runJson(['group', 'add', 'doomed', 'ann@example.com', 'bob@example.com'], { env });

      const unconfirmed = await runBin(['group', 'delete', 'doomed', '--force'], { env });
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toMatch(/--yes/);
      const withMembers = await runBin(['group', 'delete', 'doomed', '--yes'], { env });
      expect(withMembers.code).toBe(2);
      expect(withMembers.stderr).toMatch(/has 2 members; nothing was deleted\nhint: pass --force/);
      expect(await membersOf('doomed')).toEqual(['ann@example.com', 'bob@example.com']);

      const forced = await runJson(['group', 'delete', 'doomed', '--force', '--yes'], { env });
      expect(forced).toEqual({ deleted: 'doomed', removedMembers: 2 });
      await expect(sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'doomed' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      // The users themselves are kept.
      await expect(sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ann@example.com' }))).resolves.toBeTruthy();

      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'empty' }));
      expect(await runJson(['group', 'delete', 'empty', '--yes'], { env })).toEqual({ deleted: 'empty', removedMembers: 0 });
      expect(await groupNames()).not.toContain('empty');
    });

    it('adds 65 users concurrently from stdin', async () => {
      await crowdUsers();
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'crowd' }));
      const result = await runBin(['group', 'add', 'crowd', '--from-file', '-', '--concurrency', '8', '-o', 'ndjson'], {
        env,
        stdin: `${crowd.join('\n')}\n`,
      });
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n').map((l) => JSON.parse(l).result)).toEqual(crowd.map(() => 'added'));
      expect(await membersOf('crowd')).toEqual(crowd);
    }, 120_000);

    itUnless('pagesMembers', 'group members follows pages past 60 members', async () => {
      await crowdUsers();
      await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'paged' }));
      for (const name of crowd) await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'paged', Username: name }));
      // First proof that the emulator does hand out more than one page.
      const first = await sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'paged', Limit: 60 }));
      expect(first.Users).toHaveLength(60);
      expect(first.NextToken).toBeTruthy();

      const members = await runJson<UserView[]>(['group', 'members', 'paged'], { env });
      expect(members.map(email).sort()).toEqual(crowd);

      const streamed = await runBin(['group', 'members', 'paged', '-o', 'ndjson'], { env });
      expect(streamed.stdout.trim().split('\n').map((l) => email(JSON.parse(l))).sort()).toEqual(crowd);
      const limited = await runJson<UserView[]>(['group', 'members', 'paged', '--limit', '61'], { env });
      expect(limited).toHaveLength(61);
    }, 120_000);

    itUnless('pagesGroups', 'group list follows pages past 60 groups', async () => {
      const names = Array.from({ length: 62 }, (_, i) => `many-${String(i).padStart(2, '0')}`);
      for (const name of names) await sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name }));
      const first = await sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 60 }));
      expect(first.NextToken).toBeTruthy();

      const listed = await runJson<Array<{ name: string }>>(['group', 'list'], { env });
      expect(listed.map((g) => g.name).sort()).toEqual((await groupNames()).sort());
      expect(listed.map((g) => g.name)).toEqual(expect.arrayContaining(names));
      expect(await runJson<unknown[]>(['group', 'list', '--limit', '61'], { env })).toHaveLength(61);
    }, 60_000);
  });
}
