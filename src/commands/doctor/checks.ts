// doctor: what the tool will use and whether it works, one verdict per check, in words a
// newcomer can act on. Each check catches its own failure so that every check runs.
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../context.js';
import type { Setting } from '../../config/settings.js';
import { translateAwsError } from '../../aws/errors.js';
import { flowName } from '../client/create-request.js';

export type Verdict = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  check: string;
  verdict: Verdict;
  detail: string;
  hint?: string;
}

export interface SettingRow {
  setting: string;
  value: string;
  source: string;
}

function describeSource(setting: Setting): string {
  if (setting.source === 'flag') return setting.origin === 'picker' ? 'picked' : `flag ${setting.origin}`;
  if (setting.source === 'env') return `env ${setting.origin}`;
  return setting.origin;
}

export function settingRows(ctx: Context): SettingRow[] {
  const s = ctx.settings;
  const row = (setting: string, value: Setting | undefined, shown?: string): SettingRow => ({
    setting,
    value: value ? (shown ?? value.value) : '(not set)',
    source: value ? describeSource(value) : '-',
  });
  return [
    row('profile', s.profileName),
    row('aws profile', s.awsProfile),
    row('region', ctx.region()),
    row('endpoint', s.endpoint),
    row('user pool', s.poolId),
    row('app client', s.clientId),
    row('client secret', s.clientSecret, 'set (hidden)'),
    row('identity pool', s.identityPoolId),
    row('oauth2 domain', s.domain),
    { setting: 'output', value: s.output, source: 'flag or terminal' },
    { setting: 'prompts', value: s.noInput ? 'off' : 'on', source: s.noInput ? '--no-input, CI or no terminal' : 'terminal' },
  ];
}

async function credentialsCheck(ctx: Context): Promise<Check> {
  const where = ctx.settings.awsProfile
    ? `AWS profile ${ctx.settings.awsProfile.value} (${ctx.settings.awsProfile.origin})`
    : ctx.env.AWS_ACCESS_KEY_ID
      ? 'environment (AWS_ACCESS_KEY_ID)'
      : 'the default credential chain (SSO, credential_process, instance role…)';
  try {
    const provider = await ctx.credentials();
    const credentials = await provider();
    const key = credentials.accessKeyId;
    return {
      check: 'AWS credentials',
      verdict: 'ok',
      detail: `found in ${where}: key ${key.slice(0, 4)}…${key.slice(-4)}${credentials.expiration ? `, expires ${credentials.expiration.toISOString()}` : ''}`,
    };
  } catch (err) {
    const error = translateAwsError(err, ctx.errorContext());
    return { check: 'AWS credentials', verdict: 'fail', detail: `none usable from ${where}: ${error.message}`, hint: error.hint };
  }
}

async function poolCheck(ctx: Context): Promise<Check & { clientOk?: boolean }> {
  const pool = ctx.settings.poolId;
  if (!pool) {
    return { check: 'user pool', verdict: 'skip', detail: 'no pool configured', hint: 'pass --pool, set COGNITO_USER_POOL_ID, or `cognito-admin profile set <name> --pool <id>`' };
  }
  try {
    const { UserPool } = await (await ctx.idp()).send(new DescribeUserPoolCommand({ UserPoolId: pool.value }));
    return {
      check: 'user pool',
      verdict: 'ok',
      detail: `${UserPool?.Name} (${pool.value}) reachable in ${ctx.region()?.value ?? 'the default region'}; MFA ${UserPool?.MfaConfiguration ?? 'OFF'}, about ${UserPool?.EstimatedNumberOfUsers ?? '?'} users`,
    };
  } catch (err) {
    const error = translateAwsError(err, ctx.errorContext());
    return { check: 'user pool', verdict: 'fail', detail: `${pool.value}: ${error.message}${error.code ? ` (${error.code})` : ''}`, hint: error.hint };
  }
}

async function clientCheck(ctx: Context): Promise<Check> {
  const pool = ctx.settings.poolId;
  const client = ctx.settings.clientId;
  if (!client) {
    return { check: 'app client', verdict: 'skip', detail: 'no app client configured (only needed for sign-in)', hint: 'pass --client or `cognito-admin profile set <name> --client <id>`' };
  }
  if (!pool) return { check: 'app client', verdict: 'skip', detail: 'needs a user pool to look it up' };
  try {
    const { UserPoolClient: c } = await (await ctx.idp()).send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool.value, ClientId: client.value }),
    );
    const flows = (c?.ExplicitAuthFlows ?? []).map(flowName);
    const hasSecret = Boolean(c?.ClientSecret);
    const problems: string[] = [];
    const hints: string[] = [];
    if (!flows.includes('srp')) {
      problems.push('SRP sign-in (the default of `auth login`) is not allowed');
      hints.push('use `auth login --flow password|admin`, or allow srp on the client');
    }
    if (!flows.includes('refresh')) problems.push('refresh is not allowed, so saved sessions cannot be renewed');
    if (hasSecret && !ctx.settings.clientSecret) {
      hints.push('the client has a secret; it will be looked up with DescribeUserPoolClient, or set COGNITO_CLIENT_SECRET');
    }
    if (!hasSecret && ctx.settings.clientSecret) problems.push('a client secret is configured, but the client has none');
    return {
      check: 'app client',
      verdict: problems.length ? 'warn' : 'ok',
      detail: `${c?.ClientName} (${client.value}): flows ${flows.join(', ') || 'none'}; ${hasSecret ? 'has a secret' : 'no secret'}${problems.length ? `; ${problems.join('; ')}` : ''}`,
      hint: hints.length ? hints.join('; ') : undefined,
    };
  } catch (err) {
    const error = translateAwsError(err, ctx.errorContext());
    return { check: 'app client', verdict: 'fail', detail: `${client.value}: ${error.message}${error.code ? ` (${error.code})` : ''}`, hint: error.hint };
  }
}

export async function runChecks(ctx: Context): Promise<Check[]> {
  const credentials = await credentialsCheck(ctx);
  if (credentials.verdict === 'fail') {
    const skipped = 'skipped: needs AWS credentials';
    return [
      credentials,
      { check: 'user pool', verdict: 'skip', detail: skipped },
      { check: 'app client', verdict: 'skip', detail: skipped },
    ];
  }
  const pool = await poolCheck(ctx);
  const client = pool.verdict === 'fail' ? { check: 'app client', verdict: 'skip' as const, detail: 'skipped: the pool is not reachable' } : await clientCheck(ctx);
  return [credentials, pool, client];
}
