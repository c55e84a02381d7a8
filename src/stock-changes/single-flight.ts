/**
 * Runs at most one task per key inside this process; callers arriving while it runs share its
 * promise. `tag` travels with the running task so a caller can tell whether it is the same request.
 */
export class SingleFlight<T, Tag> {
  private readonly running = new Map<string, { readonly tag: Tag; readonly promise: Promise<T> }>();

  current(key: string): { readonly tag: Tag; readonly promise: Promise<T> } | undefined {
    return this.running.get(key);
  }

  /** Starts `task` for `key`; the entry is registered before the task's first await. */
  start(key: string, tag: Tag, task: () => Promise<T>): Promise<T> {
    const promise = Promise.resolve()
      .then(task)
      .finally(() => this.running.delete(key));
    this.running.set(key, { tag, promise });
    return promise;
  }

  get size(): number {
    return this.running.size;
  }
}
