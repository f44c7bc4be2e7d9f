// Starts the emulators once for the whole run; tests reach them through inject('emulators').
import type { TestProject } from 'vitest/node';
import { startCognitoLocal, startMoto, motoAvailable } from '../../scripts/lib/emulators.mjs';

export interface EmulatorUrls {
  cognitoLocal: string;
  /** undefined when moto_server is not on PATH: moto tests are reported as skipped. */
  moto?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: EmulatorUrls;
  }
}

export default async function setup(project: TestProject) {
  const [local, moto] = await Promise.all([
    startCognitoLocal(),
    motoAvailable() ? startMoto() : Promise.resolve(undefined),
  ]);
  project.provide('emulators', { cognitoLocal: local.url, moto: moto?.url });
  return async () => {
    await Promise.all([local.stop(), moto?.stop()]);
  };
}
