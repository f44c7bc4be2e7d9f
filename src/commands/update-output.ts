// How every merge-safe update reports: the changed fields (`field: before → after`), on stdout as
// lines, as CSV rows (field,before,after), or as one JSON record
// `{ <ids>, dryRun, changed, changes: [{ field, before, after }] }`.
import type { Output } from '../io/output.js';
import { formatChange, type FieldChange } from '../aws/merge-update.js';

export interface UpdateReport {
  /** What was updated, for the note: `user pool eu-west-1_AbC`. */
  label: string;
  /** The identifiers printed in the JSON record: `{ poolId }`, `{ poolId, clientId }`. */
  ids: Record<string, string>;
  changes: FieldChange[];
  dryRun: boolean;
}

export async function reportUpdate(out: Output, report: UpdateReport): Promise<void> {
  const { label, ids, changes, dryRun } = report;
  if (out.structured) {
    out.record({ ...ids, dryRun, changed: changes.length > 0 && !dryRun, changes });
  } else if (out.format === 'csv') {
    await out.list(changes, [
      { header: 'field', get: (c) => c.field },
      { header: 'before', get: (c) => c.before },
      { header: 'after', get: (c) => c.after },
    ]);
  } else {
    for (const change of changes) out.text(formatChange(change));
  }
  if (changes.length === 0) out.note(`nothing to change: ${label} already has these settings`);
  else if (dryRun) out.note(`dry run: ${changes.length} change${changes.length === 1 ? '' : 's'} to ${label}, nothing sent`);
  else out.note(`${out.style.green('✓')} updated ${label} (${changes.length} change${changes.length === 1 ? '' : 's'}; every other setting kept)`);
}
