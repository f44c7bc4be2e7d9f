// auth login: one of the sign-in flows through every challenge, then the device the sign-in
// returned is confirmed (and remembered with --remember-device), the session saved (unless
// --no-save) and the result shown: the tokens as JSON for scripts, who and until when otherwise.
import type { Context } from '../../context.js';
import { signIn, type Flow, type Preference } from '../../auth/flows.js';
import { saveSession, sessionProfile, sessionStore } from './active-session.js';
import { checkUsername } from '../user/attributes.js';
import { signInAnswers, signInNotes, signInTarget, type AnswerOptions } from './answers.js';
import { keepDevice } from './device-after-sign-in.js';
import { printSignIn } from './view.js';

export interface LoginOptions extends AnswerOptions {
  flow?: Flow;
  prefer?: Preference;
  rememberDevice?: boolean;
  /** false with --no-save. */
  save?: boolean;
}

export async function login(ctx: Context, username: string, options: LoginOptions): Promise<void> {
  checkUsername(username);
  const target = await signInTarget(ctx);
  const saved = sessionStore(ctx).loadDevice(sessionProfile(ctx), username, target.poolId);
  if (saved) ctx.debug(`debug: signing in from the ${saved.remembered ? 'remembered' : 'tracked'} device saved for ${username}`);
  const { result, poolId, clientId } = await signIn(target, username, {
    flow: options.flow,
    prefer: options.prefer,
    device: saved,
    answers: signInAnswers(ctx, options),
    notes: signInNotes(ctx),
  });
  const save = options.save !== false;
  await keepDevice(ctx, { username, poolId, result, saved, remember: options.rememberDevice === true, save });
  let where = 'not saved (--no-save)';
  if (save) {
    saveSession(ctx, { username, poolId, clientId, result });
    where = `saved (profile ${sessionProfile(ctx)})`;
  }
  printSignIn(ctx, username, result, where);
}
