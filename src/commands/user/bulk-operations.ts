// What each `--from-file` user verb does to one user, for the bulk engine: the SDK command, its
// quota category, and how a user that is not there (or already in the wanted state) counts.
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Applied, ItemContext } from '../../bulk/engine.js';
import { errorName, mayHaveBeenApplied } from '../../bulk/retry.js';

export const BULK_VERBS = ['delete', 'disable', 'enable', 'sign-out', 'confirm', 'reset-password', 'invite'] as const;
export type BulkVerb = (typeof BULK_VERBS)[number];

/** Verbs whose effect cannot be undone by the tool: the count is confirmed once before the run. */
export const DESTRUCTIVE: ReadonlySet<BulkVerb> = new Set(['delete', 'disable', 'sign-out', 'reset-password']);

/** Past tense for notes and the summary. */
export const DONE_WORD: Record<BulkVerb, string> = {
  delete: 'deleted',
  disable: 'disabled',
  enable: 'enabled',
  'sign-out': 'signed out',
  confirm: 'confirmed',
  'reset-password': 'reset',
  invite: 'invited',
};

export interface VerbOptions {
  /** invite: DesiredDeliveryMediums (default: the pool's own). */
  invite?: Array<'EMAIL' | 'SMS'>;
}

/** The one command each verb sends (invite: AdminCreateUser RESEND, below). */
const COMMANDS: Record<Exclude<BulkVerb, 'invite'>, new (input: { UserPoolId: string; Username: string }) => object> = {
  delete: AdminDeleteUserCommand,
  disable: AdminDisableUserCommand,
  enable: AdminEnableUserCommand,
  'sign-out': AdminUserGlobalSignOutCommand,
  confirm: AdminConfirmSignUpCommand,
  'reset-password': AdminResetUserPasswordCommand,
};

/**
 * The operation of one verb: one request per user, paced in its quota category (AdminCreateUser
 * is a user creation; the others are user resource updates).
 */
export function userOperation(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  verb: BulkVerb,
  options: VerbOptions = {},
): (username: string, op: ItemContext) => Promise<Applied> {
  const command = (Username: string) =>
    verb === 'invite'
      ? new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'RESEND', DesiredDeliveryMediums: options.invite })
      : new COMMANDS[verb]({ UserPoolId: poolId, Username });
  const category = verb === 'invite' ? 'create' : 'update';

  return async (username, op) => {
    let lost = false;
    // A response that may have been lost after Cognito applied the request.
    const onFailedAttempt = (err: unknown) => {
      if (mayHaveBeenApplied(err)) lost = true;
    };
    try {
      // Each verb sends one kind of command; the SDK's send() overloads want them one type at a time.
      await op.call(category, (abortSignal) => idp.send(command(username) as never, { abortSignal }) as Promise<unknown>, { onFailedAttempt });
      return { outcome: 'done' };
    } catch (err) {
      const name = errorName(err);
      const ours = lost || op.inflightBefore;
      // A user that is gone is what a delete wants: done (also when our own lost response deleted it).
      if (verb === 'delete' && name === 'UserNotFoundException') return { outcome: 'done', recovered: ours };
      // Confirming a user who is confirmed already changes nothing: skipped (done, when it was our own).
      if (verb === 'confirm' && name === 'NotAuthorizedException' && /current status is confirmed/i.test((err as Error).message)) {
        return { outcome: ours ? 'done' : 'skipped', recovered: ours };
      }
      throw err;
    }
  };
}
