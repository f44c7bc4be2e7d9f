// Ctrl-C in stages for the bulk commands; the engine sees only the two signals.
/**
 * Ctrl-C during a bulk run (import, --from-file verbs): the first stops dispatching (requests in
 * flight finish, the journal is flushed, the summary printed), the second abandons the requests in flight, a third (or the
 * second where there is nothing to abandon) ends the process at once. Installed for the run only,
 * removed after.
 */
export class CtrlC {
  readonly stop = new AbortController();
  readonly force = new AbortController();
  private presses = 0;
  private readonly listener = () => this.press();

  constructor(
    private readonly say: (line: string) => void,
    private readonly stages: 2 | 3,
  ) {
    process.on('SIGINT', this.listener);
  }

  private press(): void {
    this.presses++;
    if (this.presses === 1) {
      this.stop.abort(new Error('interrupted'));
      this.say(
        this.stages === 3
          ? 'stopping: finishing the requests in flight and saving the journal (Ctrl-C again to abandon them)'
          : 'stopping (Ctrl-C again to quit at once)',
      );
    } else if (this.presses === 2 && this.stages === 3) {
      this.force.abort(new Error('interrupted'));
      this.say('abandoning the requests in flight: the next run checks them');
    } else {
      // Give Ctrl-C back its default meaning: the journal is written as rows finish, so it is safe.
      this.remove();
      process.kill(process.pid, 'SIGINT');
    }
  }

  get interrupted(): boolean {
    return this.stop.signal.aborted;
  }

  remove(): void {
    process.off('SIGINT', this.listener);
  }
}
