// Help topics that belong to no single command: `cognito-admin help exit-codes`, `help environment`.

export const TOPICS: Record<string, { summary: string; text: string }> = {
  'exit-codes': {
    summary: 'what each exit code means',
    text: `Exit codes

  0    success
  1    the operation failed: AWS or the emulator said no (not found, exists, throttled,
       a user whose state does not allow it), or the endpoint could not be reached or
       did not answer in time
  2    usage error or bad input, found before anything was changed: an unknown flag,
       verb or profile, a malformed pool id, --attr, --filter or --query, an input file
       that is missing, unreadable or a folder, a destructive command without --yes and
       without a terminal, an AWS InvalidParameter/InvalidPassword error
  3    partial failure of a bulk command (user import, group add/remove, the user verbs
       with --from-file, pool clone --with-users): some rows or users failed, and the
       failures file and summary say which
  4    authentication or credentials: no AWS credentials, an unknown --aws-profile,
       a rejected password or token (NotAuthorizedException), an expired or revoked
       session
  130  interrupted by Ctrl-C; state is flushed, so running the same command again is safe

Errors are one line, "error: <what happened> (<AWS error code>)", and a "hint:" line
where a next step is known. --debug adds the AWS request id and the stack.
`,
  },
  environment: {
    summary: 'environment variables the tool reads',
    text: `Environment variables

  COGNITO_ADMIN_PROFILE        cognito-admin profile (like --profile)
  COGNITO_ADMIN_CONFIG         config file (default $XDG_CONFIG_HOME/cognito-admin/config.json)
  COGNITO_ADMIN_DEBUG          log AWS requests and responses on stderr (like --debug)
  COGNITO_ADMIN_TIMEOUT        seconds to wait for one answer (default 30)
  COGNITO_USER_POOL_ID         user pool (like --pool)
  COGNITO_CLIENT_ID            app client (like --client)
  COGNITO_CLIENT_SECRET        app client secret (never taken on the command line)
  COGNITO_IDENTITY_POOL_ID     identity pool (like --identity-pool)
  COGNITO_PASSWORD             password for auth login / sign-up
  COGNITO_NEW_PASSWORD         new password (NEW_PASSWORD_REQUIRED, set-password, forgot-password)
  COGNITO_TOTP_SECRET          TOTP secret to compute MFA codes from
  AWS_PROFILE                  AWS shared-config profile (like --aws-profile)
  AWS_REGION, AWS_DEFAULT_REGION
                               region (like --region); else the pool id's prefix
  AWS_ENDPOINT_URL             an emulator for every API (like --endpoint)
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL_COGNITO_IDENTITY,
  AWS_ENDPOINT_URL_STS         per-service endpoints
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
                               credentials (any other source of the AWS default chain works too)
  XDG_CONFIG_HOME, XDG_STATE_HOME
                               where the config, saved sessions and import journals live
  CI                           never prompt (like --no-input)
  NO_COLOR                     plain output (like --no-color)

Precedence everywhere: flag > environment > selected profile > AWS config defaults.
\`cognito-admin doctor\` shows each resolved value and where it came from.
`,
  },
};
