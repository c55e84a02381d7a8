import type { InventoryChangeEvent, InventoryEventBus } from '../inventory-event-bus.ts';

export interface ChangeStreamOptions {
  readonly accept: (event: InventoryChangeEvent) => boolean;
  /** Events held for a subscriber that has not read them yet. */
  readonly bufferSize: number;
  /** Called once when the subscriber fell `bufferSize` events behind; the stream then ends. */
  readonly onOverflow: () => void;
  /** Called once when the stream ends, however it ends. */
  readonly onEnd?: () => void;
}

/**
 * A subscriber's view of the bus as an async iterator. The bus hands events over synchronously,
 * so a subscriber that reads slowly (its socket is not draining, so the transport stops pulling)
 * would make this buffer grow without bound; instead, at `bufferSize` unread events the
 * subscriber is dropped: the buffer is released, the listener removed and `onOverflow` told (the
 * transport closes the connection with a code saying why).
 */
export function changeStream(bus: InventoryEventBus, options: ChangeStreamOptions): AsyncIterableIterator<InventoryChangeEvent> {
  let buffer: InventoryChangeEvent[] = [];
  let waiting: ((result: IteratorResult<InventoryChangeEvent>) => void) | null = null;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    unsubscribe();
    options.onEnd?.();
    buffer = [];
    waiting?.({ value: undefined, done: true });
    waiting = null;
  };
  const unsubscribe = bus.subscribe((event) => {
    if (done || !options.accept(event)) return;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (buffer.length >= options.bufferSize) {
      finish();
      options.onOverflow();
      return;
    }
    buffer.push(event);
  });
  const iterator: AsyncIterableIterator<InventoryChangeEvent> = {
    next() {
      const event = buffer.shift();
      if (event) return Promise.resolve({ value: event, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
