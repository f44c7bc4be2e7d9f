// A plan as text lines (`+ client web`, `  CallbackURLs: [...] → [...]`) and as JSON records.
import { formatChange } from '../aws/merge-update.js';
import type { Plan, Refusal, Step } from './plan.js';

const SIGN = { create: '+', update: '~', delete: '-' } as const;

export function planLines(plan: Plan, options: { prune: boolean }): string[] {
  const lines: string[] = [];
  for (const step of plan.steps) {
    lines.push(`${SIGN[step.action]} ${step.object} ${step.name}`);
    if (step.action === 'update') for (const c of step.changes) lines.push(`    ${formatChange(c)}`);
  }
  for (const step of plan.extra) {
    lines.push(options.prune ? `- ${step.object} ${step.name}` : `  ${step.object} ${step.name}: not in the file (kept; --prune deletes it)`);
  }
  for (const r of plan.skipped) lines.push(`! ${r.object} ${r.name}: ${r.reason}`);
  for (const r of plan.immutable) lines.push(`✗ ${r.object} ${r.name}: ${r.reason}`);
  return lines;
}

export function stepRecord(step: Step) {
  return { object: step.object, name: step.name, action: step.action, changes: step.changes };
}

export function refusalRecord(r: Refusal) {
  return { object: r.object, name: r.name, reason: r.reason, hint: r.hint };
}

export function planRecord(plan: Plan, options: { prune: boolean }) {
  return {
    changes: [...plan.steps, ...(options.prune ? plan.extra : [])].map(stepRecord),
    notInFile: options.prune ? [] : plan.extra.map((s) => ({ object: s.object, name: s.name })),
    skipped: plan.skipped.map(refusalRecord),
    immutable: plan.immutable.map(refusalRecord),
  };
}
