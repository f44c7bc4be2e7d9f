// Scope flags (`--scope name=description`, `--remove-scope name`) and the patches they make. Pure.
import type { ResourceServerScopeType, UpdateResourceServerCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { UsageError } from '../../errors.js';
import type { Patch } from '../../aws/merge-update.js';

// Cognito's pattern for a scope name: printable ASCII without space, quote, slash or backslash.
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/;

export function parseScope(flag: string, text: string): ResourceServerScopeType {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const description = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (!SCOPE_NAME.test(name)) throw new UsageError(`${flag}: "${name}" is not a scope name (no spaces, quotes or slashes)`);
  if (!description) throw new UsageError(`${flag} ${name}: a scope needs a description: ${flag} ${name}="what it allows"`);
  return { ScopeName: name, ScopeDescription: description.slice(0, 256) };
}

export function checkIdentifier(identifier: string): void {
  if (!/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier)) {
    throw new UsageError(`"${identifier}" is not a resource server identifier (no spaces or quotes; often the API's URL)`);
  }
}

export interface ResourceServerUpdateFlags {
  name?: string;
  addScope?: string[];
  removeScope?: string[];
}

/** The UpdateResourceServer patch: a new name, scopes added (or re-described) and removed. */
export function resourceServerPatch(flags: ResourceServerUpdateFlags, current: UpdateResourceServerCommandInput): Patch<UpdateResourceServerCommandInput> {
  const patch: Patch<UpdateResourceServerCommandInput> = {};
  if (flags.name !== undefined) patch.Name = flags.name;
  if (flags.addScope || flags.removeScope) {
    let scopes = [...(current.Scopes ?? [])];
    for (const text of flags.addScope ?? []) {
      const scope = parseScope('--add-scope', text);
      const at = scopes.findIndex((s) => s.ScopeName === scope.ScopeName);
      if (at >= 0) scopes[at] = scope;
      else scopes.push(scope);
    }
    for (const name of flags.removeScope ?? []) {
      if (!scopes.some((s) => s.ScopeName === name)) {
        throw new UsageError(`${current.Identifier} has no scope ${name} to remove`, {
          hint: `its scopes: ${scopes.map((s) => s.ScopeName).join(', ') || '(none)'}`,
        });
      }
      scopes = scopes.filter((s) => s.ScopeName !== name);
    }
    patch.Scopes = scopes;
  }
  return patch;
}
