/**
 * Wakes POP requests waiting for messages: each topic has a version that every arrival (or FIFO
 * unblock) bumps; a waiter sleeps until a version it watched changes, its deadline passes, or it
 * is aborted. Reading versions before a pop attempt means no arrival is missed.
 */
export class PopLongPolling {
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Current versions of the topics. */
  snapshot(topics: readonly string[]): number[] {
    return topics.map((topic) => this.versions.get(topic) ?? 0);
  }

  /** Something new can be popped from `topic`. */
  notify(topic: string): void {
    this.versions.set(topic, (this.versions.get(topic) ?? 0) + 1);
    const waiting = this.waiters.get(topic);
    if (!waiting) return;
    this.waiters.delete(topic);
    for (const wake of waiting) wake();
  }

  /** Resolves when any topic's version differs from `since`, at `deadline`, or on abort. */
  wait(topics: readonly string[], since: readonly number[], deadline: number, signal?: AbortSignal): Promise<void> {
    const current = this.snapshot(topics);
    if (current.some((version, i) => version !== since[i]) || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        for (const topic of topics) this.waiters.get(topic)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      signal?.addEventListener('abort', done);
      for (const topic of topics) {
        let set = this.waiters.get(topic);
        if (!set) this.waiters.set(topic, (set = new Set()));
        set.add(done);
      }
    });
  }

  /** Wakes every waiter (shutdown). */
  wakeAll(): void {
    for (const topic of [...this.waiters.keys()]) this.notify(topic);
  }
}
