// Finds an operation of a Cognito API by the name the AWS API gives it (`ListUsers`), through
// the SDK's command classes, and suggests the closest names when there is no such operation.
import { createRequire } from 'node:module';
import { closestNames, foldName } from '../closest-names.js';
import { UsageError } from '../errors.js';

export const SERVICES = ['idp', 'identity'] as const;
export type Service = (typeof SERVICES)[number];

export interface CommandClass {
  new (input: object): { readonly input: object; schema?: unknown };
}

/** The SDK module's exports, keyed by name (only the `…Command` classes are used). */
export type SdkModule = Record<string, unknown>;

/**
 * The whole SDK package, with every command class: `api` must reach any operation by name, which the
 * CLI's SDK bundle (only the commands the other verbs use) cannot. So it is required from
 * node_modules at run time (the packages are runtime dependencies), and only by this command.
 */
export async function loadSdk(service: Service): Promise<SdkModule> {
  const load = createRequire(import.meta.url);
  return service === 'idp'
    ? (load('@aws-sdk/client-cognito-identity-provider') as SdkModule)
    : (load('@aws-sdk/client-cognito-identity') as SdkModule);
}

/** Every operation the module has a command class for, sorted. */
export function operationNames(sdk: SdkModule): string[] {
  return Object.keys(sdk)
    .filter((k) => /^[A-Z]\w*Command$/.test(k) && typeof sdk[k] === 'function')
    .map((k) => k.slice(0, -'Command'.length))
    .sort();
}

export function findOperation(sdk: SdkModule, name: string, service: Service): { name: string; command: CommandClass } {
  const names = operationNames(sdk);
  const found = names.find((n) => foldName(n) === foldName(name));
  if (found) return { name: found, command: sdk[`${found}Command`] as CommandClass };
  const closest = closestNames(name, names);
  const other = service === 'idp' ? 'identity' : 'idp';
  throw new UsageError(`${service === 'idp' ? 'the user-pool API' : 'the identity-pool API'} has no operation "${name}"`, {
    hint: closest.length
      ? `did you mean ${closest.join(', ')}? (or --service ${other})`
      : `operation names are those of the AWS API, e.g. ListUsers; try --service ${other}`,
  });
}
