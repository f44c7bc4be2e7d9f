// Wall-clock timing of whole processes, interleaved so that machine noise hits every variant
// alike; reports medians and ratios from one run.
import { spawnSync } from 'node:child_process';

export function timeProcess(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

/**
 * CPU time (user + system) of a whole process, ms: less swayed than wall time by other load on a
 * shared machine. Measured by bash's `times` (10 ms ticks on some systems: use medians).
 */
export function cpuOfProcess(command, args, options = {}) {
  const q = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`;
  const result = spawnSync('bash', ['-c', `${[command, ...args].map(q).join(' ')} >/dev/null 2>&1 </dev/null || exit 9; times`], {
    ...options,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
  const children = result.stdout.trim().split('\n')[1] ?? '';
  const seconds = children.split(/\s+/).map((t) => {
    const m = /(\d+)m([\d.]+)s/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  });
  return (seconds[0] + seconds[1]) * 1000;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs each variant `rounds` times, round-robin, after one warm-up each; returns medians in ms.
 * A variant is a function returning ms (wall time by default, or anything else, e.g. CPU time).
 */
export function compare(variants, rounds) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const run of Object.values(variants)) run();
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(variants)) times[name].push(run());
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export function ratioLine(label, ours, baseline, baselineLabel, target, unit = 'ms') {
  const ratio = ours / baseline;
  const verdict = target === undefined ? '' : ratio <= target ? `  (target ≤ ${target}×: met)` : `  (target ≤ ${target}×: NOT met)`;
  return `${label.padEnd(34)} ${ours.toFixed(1).padStart(7)} ${unit} vs ${baselineLabel} ${baseline.toFixed(1)} ${unit} → ${ratio.toFixed(2)}×${verdict}`;
}
