// Runs the CLI in-process with fake streams and a private environment: for unit tests of
// commands, with the AWS SDK mocked by aws-sdk-client-mock.
import { PassThrough, Readable, Writable } from 'node:stream';
import { join } from 'node:path';
import { main } from '../../src/main.js';
import type { Prompter } from '../../src/io/prompter.js';
import { tempDir } from './temp-dirs.js';
import type { InjectedClients } from '../../src/context.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Pretend stdin/stdout/stderr are terminals (table output, prompts allowed). */
  tty?: boolean;
  prompter?: Prompter;
  /** Clients (and pickers) for the Context instead of those it would build. */
  clients?: InjectedClients;
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  columns = 100;
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** A fresh config/state folder per call (removed when the test file ends) unless the test passes its own. */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const home = tempDir('cognito-admin-test-');
  return {
    PATH: process.env.PATH,
    HOME: home,
    COGNITO_ADMIN_CONFIG: join(home, 'config', 'config.json'),
    XDG_STATE_HOME: join(home, 'state'),
    AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret-key-for-emulators-only',
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'eu-west-1',
    ...extra,
  };
}

export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin: Readable & { isTTY?: boolean } =
    options.stdin !== undefined ? Readable.from([options.stdin]) : new PassThrough().end();
  if (options.tty) {
    stdout.isTTY = true;
    stderr.isTTY = true;
    stdin.isTTY = true;
  }
  const code = await main(argv, {
    streams: { stdin, stdout, stderr },
    env: options.env ?? isolatedEnv(),
    prompter: options.prompter,
    clients: options.clients,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A prompter that answers from a script and fails the test on any unexpected question. */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return queue.shift();
  };
  return {
    canPrompt: true,
    asked,
    input: async (m) => next(m) as string,
    password: async (m) => next(m) as string,
    confirm: async (m) => next(m) as boolean,
    search: async (m, choices) => {
      const answer = next(m);
      if (!choices.some((c) => c.value === answer)) throw new Error(`${String(answer)} is not among the choices for ${m}`);
      return answer as never;
    },
  };
}
