// The note after `--save-profile`: whether later commands will use the saved profile, and how to
// make them do so when another profile is the default.
import type { Context } from '../../context.js';

export function noteSavedProfile(ctx: Context, name: string, detail = ''): void {
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
