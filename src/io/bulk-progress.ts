// Progress of a bulk run (user import, the --from-file verbs) on stderr: on a terminal a bar with
// rate and ETA, redrawn in place at most every 100 ms; otherwise (a log, CI) one status line every
// few seconds. Lines the command prints meanwhile (warnings, invalid rows) go through `line()`,
// which lifts the bar first so that nothing is drawn over.
import { ProgressMeter, renderBar, renderStatusLine, type ProgressCounts } from '../bulk/progress.js';
import type { ItemEvent } from '../bulk/engine.js';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface BulkProgressOptions {
  /** Redraw in place (stderr is a terminal). */
  tty: boolean;
  /** -q: nothing but what line() is given. */
  quiet: boolean;
  /** Between status lines when not a terminal (default 5 s). */
  statusIntervalMs?: number;
  /** What the status lines begin with (default `import`). */
  label?: string;
  /** Between redraws of the bar (default 100 ms). */
  barIntervalMs?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

export class BulkProgress {
  private meter?: ProgressMeter;
  private readonly counts: Required<ProgressCounts> = { created: 0, updated: 0, existing: 0, skipped: 0, invalid: 0, failed: 0, resumed: 0 };
  private timer?: NodeJS.Timeout;
  private drawn = false;
  private dirty = false;
  private lastDraw = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: BulkProgressOptions,
  ) {}

  /** The import pass begins; `total` rows (from the validation pass) are to be processed. */
  start(total: number): void {
    this.meter = new ProgressMeter({ total });
    if (this.options.quiet) return;
    const every = this.options.tty ? (this.options.barIntervalMs ?? 100) : (this.options.statusIntervalMs ?? 5000);
    this.timer = setInterval(() => this.render(), every);
    this.timer.unref();
    if (this.options.tty) this.draw();
  }

  row(event: ItemEvent): void {
    const key = event.outcome;
    if (key in this.counts) this.counts[key as keyof ProgressCounts]++;
    this.meter?.tick();
    this.dirty = true;
  }

  /** Prints a line of its own (never hidden by -q: callers decide). */
  line(text: string): void {
    this.lift();
    this.stream.write(`${text}\n`);
    if (this.timer && this.options.tty) this.draw();
  }

  /** Removes the bar for good (before the summary). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.lift();
  }

  private render(): void {
    if (!this.meter) return;
    if (this.options.tty) {
      // Redraw when something moved, and once a second anyway so the ETA follows a stall.
      if (this.dirty || Date.now() - this.lastDraw >= 1000) this.draw();
      return;
    }
    this.stream.write(`${renderStatusLine(this.meter.snapshot(this.counts), this.options.label)}\n`);
  }

  private draw(): void {
    if (!this.meter) return;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`${CLEAR_LINE}${renderBar(this.meter.snapshot(this.counts), width)}`);
    this.drawn = true;
    this.dirty = false;
    this.lastDraw = Date.now();
  }

  private lift(): void {
    if (!this.drawn) return;
    this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}
