// Conversion of validated rows to the CSV format of Cognito's server-side import jobs
// (CreateUserImportJob), as the developer guide specifies it ("Formatting the CSV file"):
//   - the header is exactly what GetCSVHeader returns, in that order (column order is free, but
//     all columns must be present);
//   - values are never quoted; a comma inside a value is written as backslash-comma (\,);
//   - UTF-8 without a byte order mark; at most 16,000 characters per row;
//   - cognito:username, cognito:mfa_enabled, email_verified, phone_number_verified are required:
//     mfa_enabled must be true for every user when the pool requires MFA, false when MFA is off;
//   - at least one of the pool's auto-verified attributes must be verified for each user (and the
//     pool must have one, or the job will not start);
//   - birthdate is written mm/dd/yyyy (the API takes YYYY-MM-DD);
//   - leading and trailing spaces are trimmed by Cognito.
// A value that cannot be carried (a line break, a trailing backslash that would escape the
// separator) makes the row invalid rather than silently altered.
import { ImportUsageError } from '../../bulk/errors.js';
import type { PoolFacts } from '../pool-facts.js';
import type { UserSpec } from '../validate.js';

const JOB_MAX_ROW_CHARS = 16_000;

export type JobRowResult = { ok: true; line: string } | { ok: false; code: string; message: string };

/** Escapes one value for the job format; undefined when the format cannot represent it. */
export function jobCell(value: string): string | undefined {
  if (/[\r\n]/.test(value) || value.endsWith('\\')) return undefined;
  return value.includes(',') ? value.replace(/,/g, '\\,') : value;
}

/** What the job format cannot carry, counted so the summary can say so. */
export interface JobDropped {
  /** Users with groups: import jobs do not set group membership. */
  groups: number;
  /** Users with a password: job-imported users must reset their password (RESET_REQUIRED). */
  passwords: number;
  /** Users to be disabled: jobs import every user enabled. */
  disabled: number;
}

export class JobRowConverter {
  readonly header: readonly string[];
  readonly dropped: JobDropped = { groups: 0, passwords: 0, disabled: 0 };
  private readonly verifiedFlags: string[];

  constructor(
    csvHeader: readonly string[],
    private readonly pool: PoolFacts,
  ) {
    this.header = csvHeader;
    for (const required of ['cognito:username', 'cognito:mfa_enabled', 'email_verified', 'phone_number_verified']) {
      if (!csvHeader.includes(required)) {
        throw new ImportUsageError(`GetCSVHeader for ${pool.poolId} has no ${required} column`, { code: 'BadJobHeader' });
      }
    }
    const auto = pool.autoVerifiedAttributes.filter((a) => a === 'email' || a === 'phone_number');
    if (auto.length === 0) {
      throw new ImportUsageError(
        `pool ${pool.poolId} has no auto-verified attribute (email or phone_number): Cognito import jobs will not start`,
        { code: 'NoAutoVerifiedAttribute', hint: 'use the API import (without --mode job), or enable auto-verification on the pool' },
      );
    }
    this.verifiedFlags = auto.map((a) => `${a}_verified`);
  }

  convert(user: UserSpec): JobRowResult {
    if (user.groups.length > 0) this.dropped.groups++;
    if (user.password !== undefined) this.dropped.passwords++;
    if (user.enabled === false) this.dropped.disabled++;

    if (!this.verifiedFlags.some((flag) => user.attributes[flag] === 'true')) {
      return {
        ok: false,
        code: 'NotVerified',
        message: `import jobs need ${this.verifiedFlags.join(' or ')} true for every user (the pool auto-verifies ${this.verifiedFlags
          .map((f) => f.replace(/_verified$/, ''))
          .join(' and ')})`,
      };
    }
    let mfa: string;
    if (this.pool.mfa === 'ON') {
      if (user.mfaEnabled === false) return { ok: false, code: 'InvalidMfa', message: 'cognito:mfa_enabled is false but the pool requires MFA' };
      mfa = 'true';
    } else if (this.pool.mfa === 'OFF') {
      if (user.mfaEnabled === true) return { ok: false, code: 'InvalidMfa', message: 'cognito:mfa_enabled is true but MFA is off in the pool' };
      mfa = 'false';
    } else {
      mfa = user.mfaEnabled ? 'true' : 'false';
    }

    let line = '';
    for (let i = 0; i < this.header.length; i++) {
      const column = this.header[i]!;
      let value: string;
      if (column === 'cognito:username') value = user.username;
      else if (column === 'cognito:mfa_enabled') value = mfa;
      else if (column === 'email_verified' || column === 'phone_number_verified') value = user.attributes[column] ?? 'false';
      else if (column === 'birthdate' && user.attributes.birthdate) {
        const [y, m, d] = user.attributes.birthdate.split('-');
        value = `${m}/${d}/${y}`;
      } else value = user.attributes[column] ?? '';
      const cell = jobCell(value);
      if (cell === undefined) {
        return { ok: false, code: 'NotRepresentable', message: `${column}: the import job format cannot hold a line break or a trailing backslash` };
      }
      line += i === 0 ? cell : `,${cell}`;
    }
    for (const name of Object.keys(user.attributes)) {
      if (!this.header.includes(name)) {
        return { ok: false, code: 'UnknownAttribute', message: `${name} is not in the pool's import header` };
      }
    }
    if (line.length > JOB_MAX_ROW_CHARS) {
      return { ok: false, code: 'RowTooLong', message: `the row is longer than ${JOB_MAX_ROW_CHARS} characters, the import job limit` };
    }
    return { ok: true, line };
  }
}
