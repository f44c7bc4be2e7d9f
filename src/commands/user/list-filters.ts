// `user list` filters that Cognito's one server-side filter cannot express, applied to each user as
// the pages arrive: creation and modification time (an ISO date, or `30d` / `12h` / `45m` ago) and
// the enabled state. They combine with --filter, --status and --group (all must hold).
import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { UsageError } from '../../errors.js';

export interface TimeFilterOptions {
  createdBefore?: string;
  createdAfter?: string;
  modifiedBefore?: string;
  modifiedAfter?: string;
  enabled?: boolean;
  disabled?: boolean;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30d`, `12h`, `45m`, `2w` before `now`, or an ISO 8601 date/time. */
export function parseWhen(value: string, flag: string, now: number): Date {
  const relative = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const t = Date.parse(value.trim());
    if (!Number.isNaN(t)) return new Date(t);
  }
  throw new UsageError(`${flag}: expected an ISO date (2024-05-01, 2024-05-01T12:00:00Z) or an age (30d, 12h, 45m), got ${JSON.stringify(value)}`);
}

/** One predicate for the local filters given, or undefined when there are none. */
export function localUserFilter(options: TimeFilterOptions, now: number): ((user: UserType) => boolean) | undefined {
  if (options.enabled && options.disabled) throw new UsageError('--enabled and --disabled exclude each other');
  const tests: Array<(u: UserType) => boolean> = [];
  const bound = (value: string | undefined, flag: string, field: 'UserCreateDate' | 'UserLastModifiedDate', before: boolean) => {
    if (value === undefined) return;
    const at = parseWhen(value, flag, now).getTime();
    tests.push((u) => {
      const t = u[field]?.getTime();
      return t !== undefined && (before ? t < at : t >= at);
    });
  };
  bound(options.createdBefore, '--created-before', 'UserCreateDate', true);
  bound(options.createdAfter, '--created-after', 'UserCreateDate', false);
  bound(options.modifiedBefore, '--modified-before', 'UserLastModifiedDate', true);
  bound(options.modifiedAfter, '--modified-after', 'UserLastModifiedDate', false);
  if (options.enabled) tests.push((u) => u.Enabled !== false);
  if (options.disabled) tests.push((u) => u.Enabled === false);
  return tests.length ? (u) => tests.every((test) => test(u)) : undefined;
}
