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

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs each variant `rounds` times, round-robin, after one warm-up each; returns medians in ms. */
export function compare(variants, rounds) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const run of Object.values(variants)) run();
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(variants)) times[name].push(run());
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export function ratioLine(label, ours, baseline, baselineLabel, target) {
  const ratio = ours / baseline;
  const verdict = target === undefined ? '' : ratio <= target ? `  (target ≤ ${target}×: met)` : `  (target ≤ ${target}×: NOT met)`;
  return `${label.padEnd(34)} ${ours.toFixed(1).padStart(7)} ms vs ${baselineLabel} ${baseline.toFixed(1)} ms → ${ratio.toFixed(2)}×${verdict}`;
}
