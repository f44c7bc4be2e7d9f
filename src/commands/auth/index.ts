// `cognito-admin auth …`: signing in as a user of the pool, the saved session, and the
// self-service flows an app runs for its users. Wiring only; each verb's logic loads when it runs.
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { collectValues, examples, handler, type Noun, type Runtime } from '../shared.js';
import { registerDeviceVerbs } from './device-verbs.js';
import { addBrowserOptions } from './browser-options.js';

// Kept here rather than imported from src/auth/flows.ts, which loads the SDK.
const FLOWS = ['srp', 'password', 'admin', 'custom', 'custom-srp', 'user-auth', 'admin-user-auth'];
const PREFERENCES = ['password', 'password-srp', 'email-otp', 'sms-otp'];
const MFA_TYPES = ['totp', 'sms', 'email'];
const USERNAME = 'username, or an email or phone alias where the pool has them';
const SESSION_USER = 'whose saved session (default: the last user signed in with this profile)';

export const authNoun: Noun = {
  name: 'auth',
  description: 'Sign in as a user of the pool (SRP, password, admin flows), saved sessions, sign-up and passwords',
  register: registerAuth,
};

function registerAuth(auth: Command, runtime: Runtime): void {

  registerLogin(auth, runtime);
  registerSessionVerbs(auth, runtime);
  registerSelfService(auth, runtime);
  registerDeviceVerbs(auth, runtime);

  // Browser sign-in (managed login, OAuth2) and what the OAuth2 domain says of the user.
  addBrowserOptions(auth.commands.find((c) => c.name() === 'login')!);
  examples(
    auth
      .command('userinfo')
      .description("The signed-in user's claims from the pool's OAuth2 domain (GET <domain>/oauth2/userInfo with the session)")
      .argument('[username]', SESSION_USER)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { userInfo } = await import('./userinfo.js');
          await userInfo(ctx, username);
        }),
      ),
    'auth userinfo',
    'auth userinfo -o json | jq -r .claims.email',
  );
}

function registerLogin(auth: Command, runtime: Runtime): void {
  examples(
    auth
      .command('login')
      .description('Sign in through every challenge Cognito asks (new password, MFA, MFA set-up, custom) and save the session')
      .argument('[username]', `${USERNAME} (not with --browser)`)
      .addOption(
        new Option(
          '--flow <flow>',
          'srp (no password on the wire), password (USER_PASSWORD_AUTH), admin (AdminInitiateAuth, needs AWS credentials), custom, custom-srp, ' +
            'user-auth (choice-based: password, SRP or a one-time code), admin-user-auth',
        )
          .choices(FLOWS)
          .default('srp'),
      )
      .addOption(new Option('--prefer <factor>', 'first factor of a user-auth sign-in (else picked on a terminal)').choices(PREFERENCES))
      .option('--otp-code <code>', 'the one-time sign-in code sent by email or SMS ("-": the next stdin line; else COGNITO_OTP_CODE or a prompt)')
      .option('--remember-device', 'remember this device (ConfirmDevice, then remembered): later sign-ins prove it and skip MFA where the pool allows')
      .option('--password-stdin', 'read the password from the first line of stdin, and a new password (if Cognito asks) from the second')
      .option('--mfa-code <code>', 'the code for the MFA challenge ("-": the next stdin line, read when the challenge arrives)')
      .option('--totp-secret <base32>', 'compute TOTP codes from this secret ("-": the next stdin line); prefer COGNITO_TOTP_SECRET, argv is visible to other users')
      .addOption(new Option('--mfa-type <type>', 'second factor to use when the user has several').choices(MFA_TYPES))
      .option('--answer <text>', 'answer to a custom challenge (repeatable, one per round; "-": the next stdin line)', collectValues)
      .option('--attr <name=value>', 'an attribute Cognito requires with a new password (repeatable)', collectValues)
      .option('--device-name <name>', 'name of the authenticator app, when Cognito asks to set up MFA')
      .option('--self-verify', 'when Cognito asks to set up MFA, compute the first code from the new secret (service and test accounts)')
      .option('--no-save', 'do not save the session')
      .addHelpText(
        'after',
        '\nEnvironment: COGNITO_PASSWORD, COGNITO_NEW_PASSWORD, COGNITO_TOTP_SECRET, COGNITO_OTP_CODE, COGNITO_CLIENT_SECRET.\n' +
          'stdin lines are read in the order the sign-in needs them: the password (--password-stdin), a new\n' +
          'password (only if Cognito asks for one), then each "-" value when its challenge arrives.\n' +
          '-o json prints {"IdToken","AccessToken","RefreshToken","ExpiresIn","TokenType"}; other formats never show tokens.',
      )
      .action(
        handler(runtime, async (ctx, [username], options) => {
          if (options.browser) {
            if (username) throw new UsageError('--browser signs in on the login page: give no username');
            const { browserLogin } = await import('./browser-login.js');
            return browserLogin(ctx, options);
          }
          if (!username) throw new UsageError("missing required argument 'username'", { hint: 'or sign in with --browser' });
          const { login } = await import('./login.js');
          await login(ctx, username, options);
        }),
      ),
    'auth login ann@example.com',
    'auth login ann --flow password --password-stdin < password.txt',
    'auth login svc-bot --flow admin -o json | jq -r .AccessToken',
    'auth login ann --mfa-type totp   # with COGNITO_PASSWORD and COGNITO_TOTP_SECRET set',
    'auth login new-hire --attr name="Ann Example" --password-stdin < passwords.txt   # temporary, then new password',
    'auth login ann@example.com --flow user-auth --prefer email-otp   # a code by email, no password',
    'auth login ann --remember-device   # the next sign-in from here skips MFA where the pool allows',
    'auth login --browser                       # managed login in a browser; the session is saved as usual',
    'auth login --browser --idp Google --scope openid,email --no-open',
  );
}

function registerSessionVerbs(auth: Command, runtime: Runtime): void {
  examples(
    auth
      .command('refresh')
      .description('Get new tokens with the saved refresh token (GetTokensFromRefreshToken); a rotated refresh token is saved too')
      .argument('[username]', SESSION_USER)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { refresh } = await import('./session.js');
          await refresh(ctx, username);
        }),
      ),
    'auth refresh',
    'auth refresh ann@example.com -o json',
  );

  examples(
    auth
      .command('logout')
      .description('Revoke the refresh token and remove the saved session; --everywhere signs out every device (GlobalSignOut)')
      .argument('[username]', SESSION_USER)
      .option('--everywhere', 'sign the user out of every device, not just this session')
      .action(
        handler(runtime, async (ctx, [username], options: { everywhere?: boolean }) => {
          const { logout } = await import('./session.js');
          await logout(ctx, username, options);
        }),
      ),
    'auth logout',
    'auth logout ann@example.com --everywhere',
  );

  examples(
    auth
      .command('whoami')
      .description('Show the signed-in user as Cognito sees them (GetUser with the saved session)')
      .argument('[username]', SESSION_USER)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { whoami } = await import('./session.js');
          await whoami(ctx, username);
        }),
      ),
    'auth whoami',
    'auth whoami -o json',
  );
}

function registerSelfService(auth: Command, runtime: Runtime): void {
  examples(
    auth
      .command('sign-up')
      .description('Sign up a new user as an app would (SignUp); Cognito sends a confirmation code')
      .argument('<username>', 'username (an email or phone number in pools that sign in with those)')
      .option('--email <address>', 'email address')
      .option('--phone <e164>', 'phone number in E.164 format, e.g. +447700900123')
      .option('--attr <name=value>', 'any attribute, standard or custom:… (repeatable)', collectValues)
      .option('--password-stdin', 'read the password from the first line of stdin (else COGNITO_PASSWORD, else a prompt)')
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { signUp } = await import('./self-service.js');
          await signUp(ctx, username, options);
        }),
      ),
    'auth sign-up ann@example.com --email ann@example.com',
    'auth sign-up bob --phone +447700900123 --attr name=Bob --password-stdin < password.txt',
  );

  examples(
    auth
      .command('confirm-sign-up')
      .description('Confirm a sign-up with the code Cognito sent (ConfirmSignUp)')
      .argument('<username>', USERNAME)
      .option('--code <code>', 'the confirmation code ("-": the first stdin line; else a prompt)')
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { confirmSignUp } = await import('./self-service.js');
          await confirmSignUp(ctx, username, options);
        }),
      ),
    'auth confirm-sign-up ann@example.com --code 123456',
  );

  examples(
    auth
      .command('resend-code')
      .description('Send the sign-up confirmation code again (ResendConfirmationCode)')
      .argument('<username>', USERNAME)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { resendCode } = await import('./self-service.js');
          await resendCode(ctx, username);
        }),
      ),
    'auth resend-code ann@example.com',
  );

  examples(
    auth
      .command('forgot-password')
      .description('Start a password reset: Cognito sends a code to the verified email or phone (ForgotPassword)')
      .argument('<username>', USERNAME)
      .action(
        handler(runtime, async (ctx, [username]) => {
          const { forgotPassword } = await import('./self-service.js');
          await forgotPassword(ctx, username);
        }),
      ),
    'auth forgot-password ann@example.com',
  );

  examples(
    auth
      .command('confirm-forgot-password')
      .description('Finish a password reset with the code and a new password (ConfirmForgotPassword)')
      .argument('<username>', USERNAME)
      .option('--code <code>', 'the reset code ("-": the first stdin line; else a prompt)')
      .option('--password-stdin', 'read the new password from stdin (else COGNITO_NEW_PASSWORD, else a prompt)')
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { confirmForgotPassword } = await import('./self-service.js');
          await confirmForgotPassword(ctx, username, options);
        }),
      ),
    'auth confirm-forgot-password ann@example.com --code 123456',
    'auth confirm-forgot-password ann --code 123456 --password-stdin < new-password.txt',
  );

  examples(
    auth
      .command('change-password')
      .description('Change the password of the signed-in user (ChangePassword with the saved session)')
      .argument('[username]', SESSION_USER)
      .option('--password-stdin', 'read the current password from the first line of stdin and the new one from the second')
      .addHelpText('after', '\nEnvironment: COGNITO_PASSWORD (current) and COGNITO_NEW_PASSWORD (new).')
      .action(
        handler(runtime, async (ctx, [username], options) => {
          const { changePassword } = await import('./self-service.js');
          await changePassword(ctx, username, options);
        }),
      ),
    'auth change-password',
    "printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | cognito-admin auth change-password --password-stdin",
  );
}
