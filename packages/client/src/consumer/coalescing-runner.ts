/**
 * Runs a task one at a time: a request while it runs is remembered, and any number of them
 * give exactly one more run once it ends. A failed run goes to `onError` and does not stop
 * later ones.
 */
export class CoalescingRunner {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly task: () => Promise<void>,
    /** Checked on each request, including the one a remembered request makes. */
    private readonly canRun: () => boolean,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Runs the task now, or once more after the running one. */
  request(): void {
    if (!this.canRun()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.task()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.request();
        }
      });
  }

  /** Resolves once the running task (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }
}
