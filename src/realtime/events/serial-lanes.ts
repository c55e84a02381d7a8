/**
 * Runs tasks one after another per lane (a vendor), lanes in parallel. Knowledge of a level is
 * read, compared and written by one task at a time per vendor, so two deliveries about the same
 * level cannot both see the old quantity and both publish.
 */
export class SerialLanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(lane: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(lane) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(lane, tail);
    void tail.then(() => {
      if (this.tails.get(lane) === tail) this.tails.delete(lane);
    });
    return next;
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
