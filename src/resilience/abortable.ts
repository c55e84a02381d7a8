/**
 * Settles with `work`, or rejects with `reason()` as soon as `signal` aborts — for calls
 * that might not honour their signal. `work` keeps running; its outcome is then ignored.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, reason: () => Error): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

/** A signal that aborts after `ms` (a plain timer, so fake timers drive it); dispose to clear it. */
export function timeoutSignal(ms: number): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, ms));
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

/**
 * A signal that aborts when any of `signals` does; dispose to unhook it. Used instead of
 * AbortSignal.any, whose followers a long-lived parent keeps alive on Node 20.
 */
export function anySignal(signals: readonly AbortSignal[]): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const dispose = () => {
    for (const signal of signals) signal.removeEventListener('abort', abort);
  };
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort();
      dispose();
      break;
    }
    signal.addEventListener('abort', abort, { once: true });
  }
  return { signal: controller.signal, dispose };
}

/**
 * A signal that aborts when `parent` does or after `ms`, whichever comes first; dispose to clear
 * the timer and unhook it from `parent`. The same as anySignal([parent, timeoutSignal(ms)]) with
 * one controller instead of three: every upstream call makes two of these on its way out.
 */
export function deadlineSignal(parent: AbortSignal, ms: number): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort();
    return { signal: controller.signal, dispose: () => undefined };
  }
  const abort = () => controller.abort();
  const timer = setTimeout(abort, Math.max(0, ms));
  parent.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', abort);
    },
  };
}
