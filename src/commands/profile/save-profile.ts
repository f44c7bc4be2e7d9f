// `--save-profile <name>` on the commands that make a pool, a client or a client secret: the ids
// (and secret) they made, with the region, endpoint and AWS profile in effect, so that later
// commands with the profile reach the same place (a pool made on an emulator is never looked for
// in AWS); then a note on whether later commands will use the profile, and how to make them.
import type { Context } from '../../context.js';
import type { Profile } from '../../config/profiles.js';

type Made = Pick<Profile, 'userPoolId' | 'clientId' | 'clientSecret'>;

export function saveToProfile(ctx: Context, name: string, made: Made, detail = ''): void {
  ctx.store.update(name, {
    ...made,
    region: ctx.settings.region?.value,
    endpoint: ctx.settings.endpoint?.value,
    awsProfile: ctx.settings.awsProfile?.value,
  });
  const current = ctx.store.load().default;
  if (current === name) {
    ctx.out.note(`saved as profile ${name}${detail}; it is the default profile, so later commands use it`);
  } else {
    ctx.out.note(
      `saved as profile ${name}${detail}; the default profile is ${current}: pass --profile ${name}, ` +
        `or make it the default with \`cognito-admin profile use ${name}\``,
    );
  }
}
