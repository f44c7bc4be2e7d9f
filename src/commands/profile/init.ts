// profile init: the first-run setup. Each answer can come from a flag instead, so the same
// setup runs unattended with --no-input; without a terminal the flags it needs are required
// (an empty profile would only make every later command fail).
import type { Context } from '../../context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { listAwsProfiles } from '../../aws/shared-config.js';
import { masked, profileValuesFromFlags, type ProfileFlags } from './manage.js';
import { checkProfileName } from '../../config/profiles.js';
import { regionFromPoolId } from '../../config/settings.js';

const DEFAULT_CHAIN = '';

export interface InitFlags extends ProfileFlags {
  /** Where --force kept a config file that was not valid JSON. */
  setAside?: string;
}

export async function initProfile(ctx: Context, name: string, flags: InitFlags): Promise<void> {
  checkProfileName(name);
  const values = profileValuesFromFlags(flags);
  // An emulator's pool id must never be sent to AWS later: the endpoint in effect goes along.
  values.endpoint ??= ctx.settings.endpoint?.source === 'env' ? ctx.settings.endpoint.value : undefined;
  values.userPoolId ??= fromEnv(ctx, 'poolId');
  values.clientId ??= fromEnv(ctx, 'clientId');
  const ask = ctx.prompter.canPrompt;
  if (!ask) requireUnattended(ctx, values);
  if (flags.setAside) ctx.out.note(`kept the unreadable config file as ${flags.setAside}; starting a new one`);

  if (values.awsProfile === undefined && ask) {
    const profiles = listAwsProfiles(ctx.env);
    if (profiles.length > 0) {
      const chosen = await ctx.choose(
        'AWS profile for the admin APIs',
        [
          { name: '(default credential chain: environment, SSO, instance role)', value: DEFAULT_CHAIN },
          ...profiles.map((p) => ({ name: `${p.name} (${p.kind}${p.region ? `, ${p.region}` : ''})`, value: p.name })),
        ],
        { flag: '--aws-profile <name>', what: 'an AWS profile' },
      );
      values.awsProfile = chosen || undefined;
    }
  }

  if (values.region === undefined && values.endpoint === undefined && ask) {
    const suggested =
      listAwsProfiles(ctx.env).find((p) => p.name === (values.awsProfile ?? 'default'))?.region ??
      ctx.env.AWS_REGION ??
      ctx.env.AWS_DEFAULT_REGION;
    values.region = await ctx.prompter.input(
      'Region',
      { flag: '--region <region>', what: 'a region' },
      {
        default: suggested,
        validate: (v) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) || 'a region looks like eu-west-1',
      },
    );
  }

  // Pools and clients are picked from what these credentials can see in that region: the settings
  // about to be saved, not those of a profile saved before (a re-run picks again).
  const scoped = ctx.derive(
    {
      awsProfile: values.awsProfile,
      region: values.region,
      endpoint: values.endpoint,
      pool: values.userPoolId,
      client: values.clientId,
    },
    { withoutProfiles: true },
  );
  if (values.userPoolId === undefined && ask) {
    if (await hasPools(scoped)) values.userPoolId = await scoped.poolId();
    else await continueWithoutPool(ctx, scoped, name);
  }
  if (values.clientId === undefined && values.userPoolId && ask) {
    values.clientId = await scoped.clientId();
  }

  const saved = ctx.store.update(name, values, { makeDefault: true });
  ctx.out.done(`saved profile ${name} in ${ctx.store.path} and made it the default`, { name, profile: masked(saved) });
}

function fromEnv(ctx: Context, key: 'poolId' | 'clientId'): string | undefined {
  const setting = ctx.settings[key];
  return setting?.source === 'env' ? setting.value : undefined;
}

/** Without a terminal nothing can be picked: the pool, and a region to find it in, must be given. */
function requireUnattended(ctx: Context, values: ReturnType<typeof profileValuesFromFlags>): void {
  const missing: string[] = [];
  if (!values.userPoolId) missing.push('--pool <id>');
  const region =
    values.region ?? values.endpoint ?? (values.userPoolId && regionFromPoolId(values.userPoolId)) ?? ctx.settings.region?.value;
  if (!region) missing.push('--region <region>');
  if (missing.length === 0) return;
  throw new UsageError(`profile init without a terminal needs ${missing.join(' and ')} (nothing was saved)`, {
    hint:
      'also --client <id>, --aws-profile <name> and --endpoint <url> where they apply; ' +
      'no pool yet? `cognito-admin pool create <name> --with-client web --save-profile <profile>` makes one and saves its profile',
  });
}

async function hasPools(scoped: Context): Promise<boolean> {
  const { ListUserPoolsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const r = await (await scoped.idp()).send(new ListUserPoolsCommand({ MaxResults: 1 }));
  return (r.UserPools?.length ?? 0) > 0;
}

/** A new account has no pool to pick: save the rest, or stop and point to `pool create`. */
async function continueWithoutPool(ctx: Context, scoped: Context, name: string): Promise<void> {
  const where = scoped.settings.endpoint?.value ?? scoped.region()?.value ?? 'this region';
  const create = `cognito-admin pool create <name> --with-client web --save-profile ${name}`;
  const goOn = await ctx.prompter.confirm(
    `There are no user pools in ${where}. Save the profile without a pool (create one later with \`${create}\`)?`,
    { flag: '--pool <id>', what: 'a user pool' },
    true,
  );
  if (!goOn) {
    throw new CliError(`no profile saved: there is no user pool in ${where} to choose`, ExitCode.failed, {
      hint: `create one with \`${create}\`, which also saves the profile`,
    });
  }
  ctx.out.note(`no pool in the profile yet: \`${create}\` adds one`);
}
