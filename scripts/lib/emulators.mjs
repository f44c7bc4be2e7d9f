// Starts local Cognito emulators on free loopback ports, each with a throw-away data folder.
// Shared by the test suite, the demo and the benchmarks so that they all run the same way.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, name, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code) => { exited = code; });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${name} exited with code ${exited} before it was ready`);
    try {
      await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer on ${url} within ${timeoutMs} ms`);
}

function stopper(child, dataDir) {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

/** cognito-local (npm devDependency): keeps its data in `<cwd>/.cognito`, so cwd is a temp folder. */
export async function startCognitoLocal() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  // cognito-local gives every new pool email-as-username unless told otherwise; Cognito does not.
  mkdirSync(join(dataDir, '.cognito'), { recursive: true });
  writeFileSync(join(dataDir, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  const bin = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const child = spawn(process.execPath, [bin], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, child, 'cognito-local', 20_000);
  return { name: 'cognito-local', url, stop: stopper(child, dataDir) };
}

export function motoAvailable() {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** moto_server (Python moto), when it is on PATH: it paginates and has identity pools. */
export async function startMoto() {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/moto-api/`, child, 'moto_server', 30_000);
  return { name: 'moto', url, stop: stopper(child) };
}
