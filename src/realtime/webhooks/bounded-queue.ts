/** The queue is full: answer 503 with Retry-After instead of holding more in memory. */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many webhook deliveries are waiting');
    this.name = 'QueueFullError';
  }
}

/**
 * At most `concurrency` tasks run and at most `capacity` wait; beyond that `run` refuses at once
 * (QueueFullError). Memory held by a flood is therefore bounded by capacity × one body.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly capacity: number;

  constructor(options: { readonly concurrency: number; readonly capacity: number }) {
    this.concurrency = options.concurrency;
    this.capacity = options.capacity;
  }

  /** True when one more task would be refused. */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.capacity;
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.full) throw new QueueFullError(1);
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
