// Typed errors carry their exit code; src/main.ts is the only place that turns them into one.

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  partial: 3,
  auth: 4,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorDetails {
  /** The AWS error name (e.g. UserNotFoundException), shown in parentheses. */
  code?: string;
  /** A next step the operator can take, printed as `hint: …`. */
  hint?: string;
  requestId?: string;
  cause?: unknown;
}

export class CliError extends Error {
  readonly code?: string;
  readonly hint?: string;
  readonly requestId?: string;

  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.failed,
    details: CliErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code;
    this.hint = details.hint;
    this.requestId = details.requestId;
  }
}

/** Bad flags or input, found before anything was changed. */
export class UsageError extends CliError {
  constructor(message: string, details: CliErrorDetails = {}) {
    super(message, ExitCode.usage, details);
  }
}

/** No usable AWS credentials, a rejected password, an expired session. */
export class AuthError extends CliError {
  constructor(message: string, details: CliErrorDetails = {}) {
    super(message, ExitCode.auth, details);
  }
}

/** A bulk command where some items failed; the report says which. */
export class PartialFailure extends CliError {
  constructor(message: string, details: CliErrorDetails = {}) {
    super(message, ExitCode.partial, details);
  }
}

/** Ctrl-C: whatever state there is has been flushed, so a re-run is safe. */
export class Interrupted extends CliError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.interrupted);
  }
}

/** A problem the command has already reported in full on stdout/stderr: exit with the code only. */
export class SilentExit extends CliError {
  constructor(exitCode: ExitCodeValue) {
    super('', exitCode);
  }
}
