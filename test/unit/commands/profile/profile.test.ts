// profile init | set | list | show | use | remove: the config file as the commands leave it.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CreateUserPoolClientCommand, ListUserPoolClientsCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isolatedEnv, runCli, scriptedPrompter } from '../../../support/cli.js';
import { useStrictIdpMock } from '../../../support/sdk-mock.js';
import { ProfileStore } from '../../../../src/config/profiles.js';

const mock = useStrictIdpMock();
const store = (env: Record<string, string | undefined>) => new ProfileStore(env.COGNITO_ADMIN_CONFIG);

describe('profile set / list / show / use / remove', () => {
  it('sets only the flags given, never values from the environment, and keeps the file private', async () => {
    const env = isolatedEnv({ AWS_REGION: 'us-west-2', COGNITO_USER_POOL_ID: 'us-west-2_FromEnv' });
    const set = await runCli(['profile', 'set', 'dev', '--region', 'eu-west-1', '--pool', 'eu-west-1_Dev', '--client', 'c1'], { env });
    expect(set.code).toBe(0);
    expect(store(env).get('dev')).toEqual({ region: 'eu-west-1', userPoolId: 'eu-west-1_Dev', clientId: 'c1' });
    expect(statSync(env.COGNITO_ADMIN_CONFIG!).mode & 0o777).toBe(0o600);

    await runCli(['profile', 'set', 'dev', '--issuer', 'Shop', '--client', ''], { env });
    expect(store(env).get('dev')).toEqual({ region: 'eu-west-1', userPoolId: 'eu-west-1_Dev', issuer: 'Shop' });
  });

  it('reads the client secret from stdin and never prints it', async () => {
    const env = isolatedEnv();
    const set = await runCli(['profile', 'set', 'api', '--client-secret-stdin'], { env, stdin: 'the-secret-value\n' });
    expect(set.code).toBe(0);
    expect(store(env).get('api').clientSecret).toBe('the-secret-value');
    const shown = await runCli(['profile', 'show', 'api'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'api', clientSecret: '****' });
    const listed = await runCli(['profile', 'list'], { env });
    expect(set.stdout + set.stderr + shown.stdout + listed.stdout).not.toContain('the-secret-value');
  });

  it('lists profiles with the default marked, switches the default, and removes one', async () => {
    const env = isolatedEnv();
    await runCli(['profile', 'set', 'a', '--region', 'eu-west-1'], { env });
    await runCli(['profile', 'set', 'b', '--region', 'us-east-1'], { env });
    const text = await runCli(['profile', 'list', '-o', 'text'], { env });
    expect(text.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 2))).toEqual([['a', 'yes'], ['b', '']]);
    expect((await runCli(['profile', 'use', 'b'], { env })).code).toBe(0);
    expect(store(env).load().default).toBe('b');
    expect((await runCli(['profile', 'remove', 'b'], { env })).code).toBe(0);
    expect(store(env).names()).toEqual(['a']);
    expect(store(env).load().default).toBeUndefined();
  });

  it('refuses bad input with exit 2 and changes nothing', async () => {
    const env = isolatedEnv();
    await runCli(['profile', 'set', 'a', '--region', 'eu-west-1'], { env });
    for (const argv of [
      ['profile', 'set', 'a', '--pool', 'nope'],
      ['profile', 'set', 'a', '--region', 'Europe'],
      ['profile', 'set', 'bad name', '--region', 'eu-west-1'],
      ['profile', 'set', 'a'],
      ['profile', 'use', 'missing'],
      ['profile', 'remove', 'missing'],
    ]) {
      const result = await runCli(argv, { env });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^error: /);
    }
    expect(store(env).load()).toEqual({ default: 'a', profiles: { a: { region: 'eu-west-1' } } });
  });

  it('works even when COGNITO_ADMIN_PROFILE names the profile about to be created', async () => {
    const env = isolatedEnv({ COGNITO_ADMIN_PROFILE: 'new' });
    expect((await runCli(['profile', 'set', 'new', '--region', 'eu-west-1'], { env })).code).toBe(0);
    expect((await runCli(['pool', 'create', 'x', '--dry-run'], { env })).code).toBe(0);
  });
});

describe('profile init', () => {
  it('asks for the AWS profile, region, pool and client, saves them and makes the profile the default', async () => {
    const env = isolatedEnv({ AWS_REGION: undefined });
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile admin]\nregion = eu-central-1\n[sso-session corp]\nsso_region = eu-west-1\n');
    mock.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-central-1_Shop', Name: 'shop' }] });
    mock.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'web1', ClientName: 'web' }] });
    const prompter = scriptedPrompter(['admin', 'eu-central-1', 'eu-central-1_Shop', 'web1']);
    const result = await runCli(['profile', 'init', 'shop'], { env, tty: true, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(prompter.asked).toEqual(['AWS profile for the admin APIs', 'Region', 'User pool', 'App client']);
    expect(result.stderr).toContain('using --pool eu-central-1_Shop');
    expect(store(env).load()).toEqual({
      default: 'shop',
      profiles: { shop: { awsProfile: 'admin', region: 'eu-central-1', userPoolId: 'eu-central-1_Shop', clientId: 'web1' } },
    });
  });

  it('run again on a terminal, picks the pool and client again instead of keeping the saved ones', async () => {
    const env = isolatedEnv({ AWS_REGION: undefined });
    store(env).update('shop', { region: 'eu-central-1', userPoolId: 'eu-central-1_Old', clientId: 'old1' }, { makeDefault: true });
    mock.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-central-1_Old', Name: 'old' }, { Id: 'eu-central-1_New', Name: 'new' }] });
    mock.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: 'new1', ClientName: 'web' }] });
    const prompter = scriptedPrompter(['eu-central-1', 'eu-central-1_New', 'new1']);
    const result = await runCli(['profile', 'init', 'shop'], { env, tty: true, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(prompter.asked).toEqual(['Region', 'User pool', 'App client']);
    expect(store(env).get('shop')).toEqual({ region: 'eu-central-1', userPoolId: 'eu-central-1_New', clientId: 'new1' });
  });

  it('runs unattended from flags with --no-input', async () => {
    const env = isolatedEnv();
    const result = await runCli(
      ['profile', 'init', 'ci', '--region', 'eu-west-1', '--pool', 'eu-west-1_Ci', '--client', 'c9', '--no-input'],
      { env },
    );
    expect(result.code).toBe(0);
    expect(store(env).get('ci')).toEqual({ region: 'eu-west-1', userPoolId: 'eu-west-1_Ci', clientId: 'c9' });
    expect(mock.calls()).toHaveLength(0);
  });

  it('without a terminal and without --pool: exit 2 naming the flags, and no profile saved', async () => {
    const env = isolatedEnv({ AWS_REGION: undefined });
    const result = await runCli(['profile', 'init'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: profile init without a terminal needs --pool <id> and --region <region> \(nothing was saved\)\nhint: .*pool create/);
    expect(existsSync(env.COGNITO_ADMIN_CONFIG!)).toBe(false);
    expect(mock.calls()).toHaveLength(0);
  });

  it('stores the endpoint in effect, so an emulator\'s pool id is never sent to AWS later', async () => {
    const env = isolatedEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9229' });
    const result = await runCli(['profile', 'init', 'dev', '--pool', 'local_Abc', '--no-input'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(store(env).get('dev')).toEqual({ endpoint: 'http://127.0.0.1:9229', userPoolId: 'local_Abc' });
  });

  it('on a terminal with no pools: offers to save the profile without one, and says how to add one', async () => {
    const env = isolatedEnv();
    mock.on(ListUserPoolsCommand).resolves({ UserPools: [] });
    const prompter = scriptedPrompter([true]);
    const result = await runCli(['profile', 'init', 'shop', '--region', 'eu-west-1', '--aws-profile', 'admin'], { env, tty: true, prompter });
    expect(result.code, result.stderr).toBe(0);
    expect(prompter.asked).toEqual([expect.stringMatching(/^There are no user pools in eu-west-1\. Save the profile without a pool/)]);
    expect(result.stderr).toMatch(/pool create <name> --with-client web --save-profile shop/);
    expect(store(env).load()).toEqual({ default: 'shop', profiles: { shop: { region: 'eu-west-1', awsProfile: 'admin' } } });

    const declined = isolatedEnv();
    const no = await runCli(['profile', 'init', '--region', 'eu-west-1'], { env: declined, tty: true, prompter: scriptedPrompter([false]) });
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/hint: create one with `cognito-admin pool create/);
    expect(existsSync(declined.COGNITO_ADMIN_CONFIG!)).toBe(false);
  });

  it('a broken config file: the hint says how to move it aside, and --force keeps it as config.json.bak', async () => {
    const env = isolatedEnv();
    const path = env.COGNITO_ADMIN_CONFIG!;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{ "profiles": ');
    const broken = await runCli(['profile', 'init', '--pool', 'eu-west-1_Ci', '--no-input'], { env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/hint: .*mv .*config\.json .*config\.json\.bak.*profile init --force/);
    expect(readFileSync(path, 'utf8')).toBe('{ "profiles": ');

    const forced = await runCli(['profile', 'init', '--pool', 'eu-west-1_Ci', '--no-input', '--force'], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/kept the unreadable config file as .*config\.json\.bak/);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{ "profiles": ');
    expect(store(env).get('default')).toEqual({ userPoolId: 'eu-west-1_Ci' });

    // A second broken file does not overwrite the first backup.
    writeFileSync(path, 'not json');
    expect((await runCli(['profile', 'init', '--pool', 'eu-west-1_Ci', '--no-input', '--force'], { env })).code).toBe(0);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{ "profiles": ');
    expect(readFileSync(`${path}.bak-2`, 'utf8')).toBe('not json');
  });
});

describe('a missing pool and --save-profile', () => {
  it('the "pool required" error names profile init and profile set', async () => {
    const result = await runCli(['user', 'list'], { env: isolatedEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: a user pool is required: pass --pool <id> or COGNITO_USER_POOL_ID\nhint: .*profile set <name> --pool <id>.*profile init/);
  });

  it('--save-profile says whether the saved profile is the default, and how to make it so', async () => {
    const env = isolatedEnv();
    mock.on(CreateUserPoolClientCommand).resolves({ UserPoolClient: { ClientId: 'c1', ClientName: 'web' } });
    const first = await runCli(['client', 'create', 'web', '--pool', 'eu-west-1_One', '--save-profile', 'one'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/saved as profile one; it is the default profile, so later commands use it/);
    const second = await runCli(['client', 'create', 'web', '--pool', 'eu-west-1_Two', '--save-profile', 'two'], { env });
    expect(second.stderr).toMatch(/saved as profile two; the default profile is one: pass --profile two, or make it the default with `cognito-admin profile use two`/);
  });
});
