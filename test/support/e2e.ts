// Runs the built binary (bin/cognito-admin.js → dist/) as a separate process against an
// emulator, the way an operator or a script would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { isolatedEnv, type CliResult } from './cli.js';

export const BIN = fileURLToPath(new URL('../../bin/cognito-admin.js', import.meta.url));
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export interface Emulator {
  name: 'cognito-local' | 'moto';
  url: string | undefined;
}

/** The emulators of this run; moto's url is undefined when moto_server is not on PATH. */
export function emulators(): Emulator[] {
  const urls = inject('emulators');
  return [
    { name: 'cognito-local', url: urls.cognitoLocal },
    { name: 'moto', url: urls.moto },
  ];
}

export function emulator(name: Emulator['name']): Emulator {
  return emulators().find((e) => e.name === name)!;
}

export interface BinOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  timeoutMs?: number;
}

/** An environment pointing the CLI at `endpoint`, with a private config and state folder. */
export function emulatorEnv(endpoint: string, extra: Record<string, string | undefined> = {}) {
  if (!LOOPBACK.test(new URL(endpoint).hostname)) {
    throw new Error(`refusing endpoint ${endpoint}: tests only talk to 127.0.0.1`);
  }
  return isolatedEnv({ AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', ...extra });
}

export function runBin(argv: string[], options: BinOptions = {}): Promise<CliResult> {
  const env = options.env ?? isolatedEnv();
  for (const key of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY']) {
    const value = env[key];
    if (value && !LOOPBACK.test(new URL(value).hostname)) throw new Error(`refusing ${key}=${value}`);
  }
  const endpointFlag = argv.indexOf('--endpoint');
  if (endpointFlag >= 0 && !LOOPBACK.test(new URL(argv[endpointFlag + 1]!).hostname)) {
    throw new Error(`refusing --endpoint ${argv[endpointFlag + 1]}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 + 9 : 1), stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs the binary and lets the test write stdin lines while it runs (codes that arrive later). */
export function spawnBin(argv: string[], env: Record<string, string | undefined>, timeoutMs = 20_000) {
  const child = spawn(process.execPath, [BIN, ...argv], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
  return {
    result,
    write: (line: string) => child.stdin.write(`${line}\n`),
    end: () => child.stdin.end(),
    kill: (signal: NodeJS.Signals = 'SIGKILL') => child.kill(signal),
  };
}

/** Runs and parses stdout as JSON, failing with the CLI's stderr when it did not succeed. */
export async function runJson<T = any>(argv: string[], options: BinOptions = {}): Promise<T> {
  const result = await runBin([...argv, '-o', 'json'], options);
  if (result.code !== 0) {
    throw new Error(`cognito-admin ${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** An SDK client on the same emulator, to check its state independently of our output. */
export async function emulatorSdk(endpoint: string) {
  const { CognitoIdentityProviderClient } = await import('@aws-sdk/client-cognito-identity-provider');
  if (!LOOPBACK.test(new URL(endpoint).hostname)) throw new Error(`refusing endpoint ${endpoint}`);
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret-key-for-emulators-only' },
  });
}
