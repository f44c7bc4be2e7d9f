// auth login: one of the sign-in flows through every challenge, then the session is saved (unless
// --no-save) and the result shown: the tokens as JSON for scripts, who and until when otherwise.
import type { Context } from '../../context.js';
import { signIn, type Flow } from '../../auth/flows.js';
import { saveSession, sessionProfile } from '../../auth/session.js';
import { checkUsername } from '../user/attributes.js';
import { signInAnswers, signInNotes, signInTarget, type AnswerOptions } from './answers.js';
import { printSignIn } from './view.js';

export interface LoginOptions extends AnswerOptions {
  flow?: Flow;
  /** false with --no-save. */
  save?: boolean;
}

export async function login(ctx: Context, username: string, options: LoginOptions): Promise<void> {
  checkUsername(username);
  const { result, poolId, clientId } = await signIn(await signInTarget(ctx), username, {
    flow: options.flow,
    answers: signInAnswers(ctx, options),
    notes: signInNotes(ctx),
  });
  let where = 'not saved (--no-save)';
  if (options.save !== false) {
    saveSession(ctx, { username, poolId, clientId, result });
    where = `saved (profile ${sessionProfile(ctx)})`;
  }
  printSignIn(ctx, username, result, where);
}
