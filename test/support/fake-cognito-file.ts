// One fake Cognito for a test file: started before its tests, closed after them, and reachable
// from the start as a stand-in object that forwards to the running server.
import { afterAll, beforeAll } from 'vitest';
import { startFakeCognito, type FakeCognito, type StartOptions } from './fake-cognito/index.js';

export function fakeCognitoForFile(options: StartOptions = {}): FakeCognito {
  let server: FakeCognito | undefined;
  beforeAll(async () => {
    server = await startFakeCognito(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return new Proxy({} as FakeCognito, {
    get(_target, key) {
      if (!server) throw new Error('the fake Cognito is not started yet (use it inside beforeAll or a test)');
      return Reflect.get(server, key);
    },
  });
}
