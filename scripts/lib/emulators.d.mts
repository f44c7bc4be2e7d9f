export interface RunningEmulator { name: string; url: string; stop(): Promise<void> }
export function freePort(): Promise<number>;
export function startCognitoLocal(): Promise<RunningEmulator>;
export function startMoto(): Promise<RunningEmulator>;
export function motoAvailable(): boolean;
