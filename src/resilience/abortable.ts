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
