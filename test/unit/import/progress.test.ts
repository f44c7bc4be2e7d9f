import { describe, expect, it } from 'vitest';
import { ProgressMeter, renderBar, renderStatusLine } from '../../../src/bulk/progress.js';
import { formatElapsed } from '../../../src/bulk/summary.js';

const formatDuration = (ms: number) => formatElapsed(ms, { compact: true });
import { FakeClock } from './helpers.js';

describe('ProgressMeter', () => {
  it('computes the rate over a sliding window and the ETA', async () => {
    const clock = new FakeClock();
    const meter = new ProgressMeter({ total: 1000, clock, windowMs: 10_000 });
    for (let s = 0; s < 20; s++) {
      await clock.advance(1000);
      meter.tick(s < 10 ? 10 : 40); // slow, then fast
    }
    const snap = meter.snapshot({ created: 490, failed: 10 });
    expect(snap.done).toBe(500);
    expect(snap.rate).toBeGreaterThan(35);
    expect(snap.rate).toBeLessThanOrEqual(40);
    expect(snap.etaMs! / 1000).toBeCloseTo(500 / snap.rate, 5);
    expect(snap.elapsedMs).toBe(20_000);
  });

  it('has no ETA without a total or before anything happened', () => {
    const clock = new FakeClock();
    expect(new ProgressMeter({ clock }).snapshot().etaMs).toBeUndefined();
    expect(new ProgressMeter({ clock, total: 10 }).snapshot().etaMs).toBeUndefined();
  });
});

describe('renderers', () => {
  const snap = { done: 4200, total: 10_000, elapsedMs: 90_000, rate: 48.26, etaMs: 120_000, created: 4100, failed: 3 };

  it('draws a one-line bar that fits the width', () => {
    const line = renderBar(snap, 80);
    expect(line).toBe('[#############.................]  42%  4,200/10,000  48.3/s  ETA 2m00s  failed 3');
    expect(line.length).toBeLessThanOrEqual(80);
    expect(renderBar(snap, 40).length).toBeLessThanOrEqual(40);
    expect(renderBar({ done: 12, elapsedMs: 5000, rate: 2.4 })).toBe('12  2.4/s  5s');
  });

  it('writes a status line for logs', () => {
    expect(renderStatusLine(snap)).toBe('import: 4,200/10,000 rows (42%), 48.3 users/s, created 4,100, failed 3, ETA 2m00s');
    expect(renderStatusLine({ done: 5, elapsedMs: 61_000, rate: 0 }, 'validate')).toBe('validate: 5 rows, 0.0 users/s, elapsed 1m01s');
  });

  it('formats durations', () => {
    expect(formatDuration(42_400)).toBe('42s');
    expect(formatDuration(95_000)).toBe('1m35s');
    expect(formatDuration(3_725_000)).toBe('1h02m');
    expect(formatDuration(Infinity)).toBe('--');
  });
});
