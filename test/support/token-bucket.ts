// A token bucket as a quota service enforces one: `rate` tokens a second flow into a bucket that
// holds at most `burst`; a request takes one token, or is refused when there is none (and takes
// nothing). It starts full. Time comes from `now` (milliseconds) so that the fault proxy runs it
// on the wall clock and the simulations of the unit tests on a fake one.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number,
  ) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`token bucket: rate must be > 0 and burst ≥ 1, got ${rate}, ${burst}`);
    this.tokens = burst;
    this.last = now();
  }

  /** Takes a token if there is one. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Cognito's request-rate quota categories for the operations the bulk verbs send, as the
 * developer guide lists them ("API operation categories and request rate quotas"), with the
 * default quotas per account and Region.
 */
export const COGNITO_QUOTA_CATEGORIES = {
  UserCreation: {
    rate: 50,
    operations: ['AdminCreateUser', 'SignUp'],
  },
  UserResourceUpdate: {
    rate: 25,
    operations: [
      'AdminAddUserToGroup',
      'AdminRemoveUserFromGroup',
      'AdminSetUserPassword',
      'AdminResetUserPassword',
      'AdminUpdateUserAttributes',
      'AdminDeleteUserAttributes',
      'AdminDisableUser',
      'AdminEnableUser',
      'AdminConfirmSignUp',
      'AdminSetUserMFAPreference',
      'AdminSetUserSettings',
      'AdminUserGlobalSignOut',
      'AdminForgetDevice',
      'AdminUpdateDeviceStatus',
      'AdminLinkProviderForUser',
      'AdminDisableProviderForUser',
    ],
  },
  UserResourceRead: {
    rate: 120,
    operations: ['AdminGetUser', 'AdminListGroupsForUser', 'AdminListDevices', 'GetGroup'],
  },
} as const;

export type CognitoQuotaCategory = keyof typeof COGNITO_QUOTA_CATEGORIES;
