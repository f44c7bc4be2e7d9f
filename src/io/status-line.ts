// One line of progress on stderr that rewrites itself, for a person at a terminal. Silent when
// stderr is not a terminal or with --quiet, so logs and pipes get only the final note.
import type { IOStreams } from './streams.js';

export class StatusLine {
  private shown = false;

  constructor(
    private readonly streams: IOStreams,
    private readonly enabled: boolean,
  ) {}

  static for(streams: IOStreams, quiet: boolean): StatusLine {
    return new StatusLine(streams, Boolean((streams.stderr as { isTTY?: boolean }).isTTY) && !quiet);
  }

  update(text: string): void {
    if (!this.enabled) return;
    this.streams.stderr.write(`\r\x1b[2K${text}`);
    this.shown = true;
  }

  /** Clears the line, so that the next note starts on a clean one. */
  clear(): void {
    if (this.shown) this.streams.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
