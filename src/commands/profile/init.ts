// profile init: the first-run setup. Each answer can come from a flag instead, so the same
// setup runs unattended with --no-input.
import type { Context } from '../../context.js';
import { listAwsProfiles } from '../../aws/shared-config.js';
import { masked, profileValuesFromFlags, type ProfileFlags } from './manage.js';
import { checkProfileName } from '../../config/profiles.js';

const DEFAULT_CHAIN = '';

export async function initProfile(ctx: Context, name: string, flags: ProfileFlags): Promise<void> {
  checkProfileName(name);
  const values = profileValuesFromFlags(flags);
  const ask = ctx.prompter.canPrompt;

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

  if (values.region === undefined && ask) {
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

  // Pools and clients are picked from what these credentials can see in that region.
  const scoped = ctx.derive({
    awsProfile: values.awsProfile,
    region: values.region,
    endpoint: values.endpoint,
    pool: values.userPoolId,
    client: values.clientId,
  });
  if (values.userPoolId === undefined && ask) {
    values.userPoolId = await scoped.poolId();
  }
  if (values.clientId === undefined && values.userPoolId && ask) {
    values.clientId = await scoped.clientId();
  }

  const saved = ctx.store.update(name, values, { makeDefault: true });
  ctx.out.done(`saved profile ${name} in ${ctx.store.path} and made it the default`, { name, profile: masked(saved) });
}
