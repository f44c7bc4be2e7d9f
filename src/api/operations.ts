// Finds an operation of a Cognito API by the name the AWS API gives it (`ListUsers`), through
// the SDK's command classes, and suggests the closest names when there is no such operation.
import { createRequire } from 'node:module';
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

// `ListUsers`, `listUsers`, `list-users` and `list_users` all name the same operation.
const fold = (name: string) => name.replace(/[-_\s]/g, '').toLowerCase();

export function findOperation(sdk: SdkModule, name: string, service: Service): { name: string; command: CommandClass } {
  const names = operationNames(sdk);
  const found = names.find((n) => fold(n) === fold(name));
  if (found) return { name: found, command: sdk[`${found}Command`] as CommandClass };
  const closest = closestNames(name, names);
  const other = service === 'idp' ? 'identity' : 'idp';
  throw new UsageError(`${service === 'idp' ? 'the user-pool API' : 'the identity-pool API'} has no operation "${name}"`, {
    hint: closest.length
      ? `did you mean ${closest.join(', ')}? (or --service ${other})`
      : `operation names are those of the AWS API, e.g. ListUsers; try --service ${other}`,
  });
}

/** Up to `max` names nearest to `name`: by edit distance, names that contain it close behind. */
export function closestNames(name: string, names: string[], max = 3): string[] {
  const wanted = fold(name);
  const scored = names.map((n) => {
    const f = fold(n);
    const distance = editDistance(wanted, f);
    const contains = wanted.length >= 3 && (f.includes(wanted) || wanted.includes(f));
    return { n, score: contains ? Math.min(distance, 2.5) : distance };
  });
  const limit = Math.max(3, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.n.localeCompare(b.n))
    .slice(0, max)
    .map((s) => s.n);
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
