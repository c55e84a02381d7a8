/** `then(value)` now when `value` is already here, after it settles when it is a promise (no promise made for a plain value). */
export function settle<T, R>(value: T | Promise<T>, then: (value: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}
