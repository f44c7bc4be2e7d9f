// Runs one command line and returns the exit code. The only place errors become exit codes.
import { CommanderError } from 'commander';
import { CliError, ExitCode, SilentExit } from './errors.js';
import { buildProgram } from './program.js';
import { processStreams } from './io/streams.js';
import { scrub } from './aws/redact.js';
import { translateAwsError } from './aws/errors.js';
import type { Runtime } from './commands/shared.js';

export async function main(argv: string[], runtime: Runtime = {}): Promise<number> {
  const streams = runtime.streams ?? processStreams();
  const env = runtime.env ?? process.env;
  const program = buildProgram({ ...runtime, streams, env }, argv);
  const debug = argv.includes('--debug') || /^(1|true|yes|on)$/i.test(env.COGNITO_ADMIN_DEBUG ?? '');

  program.exitOverride();
  const output = {
    writeOut: (s: string) => streams.stdout.write(s),
    writeErr: (s: string) => streams.stderr.write(s),
    // Help wraps to the terminal, and to 80 columns when piped so it reads the same everywhere.
    getOutHelpWidth: () => (streams.stdout.isTTY && streams.stdout.columns) || 80,
    getErrHelpWidth: () => (streams.stderr.isTTY && streams.stderr.columns) || 80,
  };
  // Subcommands inherit neither exitOverride nor configureOutput from their parent in commander.
  for (const cmd of [program, ...allCommands(program)]) {
    cmd.exitOverride();
    cmd.configureOutput(output);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return ExitCode.ok;
      }
      // commander has already printed `error: …` for usage problems.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (err instanceof SilentExit) return err.exitCode;
    const error = err instanceof CliError ? err : unexpected(err);
    streams.stderr.write(`error: ${scrub(error.message)}${error.code ? ` (${error.code})` : ''}\n`);
    if (error.hint) streams.stderr.write(`hint: ${scrub(error.hint)}\n`);
    if (debug) {
      if (error.requestId) streams.stderr.write(`debug: request id ${error.requestId}\n`);
      const stack = (error.cause as Error | undefined)?.stack ?? error.stack;
      if (stack) streams.stderr.write(`${scrub(stack)}\n`);
    }
    return error.exitCode;
  }
}

function allCommands(root: import('commander').Command): import('commander').Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** AWS SDK errors thrown straight out of a command are translated here as a last resort. */
function unexpected(err: unknown): CliError {
  if (err && typeof err === 'object' && ('$metadata' in err || '$fault' in err || 'code' in err)) {
    return translateAwsError(err);
  }
  const e = err as Error;
  return new CliError(e?.message ?? String(err), ExitCode.failed, { cause: err });
}
