// Runs in every test worker before any test: the suite must never reach real AWS.
// Every socket connect is checked, and any configured endpoint must be on loopback.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

for (const name of [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY',
  'AWS_ENDPOINT_URL_STS',
]) {
  const value = process.env[name];
  if (value && !LOOPBACK.test(new URL(value).hostname)) {
    throw new Error(`test setup refuses ${name}=${value}: tests only talk to 127.0.0.1`);
  }
}

// Credentials that can only ever work against an emulator.
process.env.AWS_ACCESS_KEY_ID = 'AKIATESTTESTTESTTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-key-for-emulators-only';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
process.env.AWS_CONFIG_FILE = '/dev/null';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    if (first.path) return originalConnect.apply(this, args as never);
    host = first.host;
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof args[1] === 'string' ? (args[1] as string) : undefined;
  } else if (typeof first === 'string') {
    return originalConnect.apply(this, args as never); // a unix socket path
  }
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`test setup refuses a connection to ${host}: tests only talk to 127.0.0.1`);
  }
  return originalConnect.apply(this, args as never);
} as typeof net.Socket.prototype.connect;
