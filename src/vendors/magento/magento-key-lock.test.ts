import { describe, expect, it } from 'vitest';
import { KeyLock } from './magento-key-lock.ts';

/** Lets every pending promise callback run (no timers, no sleeping). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyLock', () => {
  it('runs work on the same key one at a time, in arrival order', async () => {
    const lock = new KeyLock();
    const events: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = lock.runExclusive(['a'], async () => {
      events.push('first:start');
      await new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      events.push('first:end');
    });
    const second = lock.runExclusive(['a'], async () => {
      events.push('second');
    });
    await settle();
    expect(events).toEqual(['first:start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first:start', 'first:end', 'second']);
    expect(lock.size).toBe(0);
  });

  it('lets work on other keys run concurrently and cannot deadlock on overlapping key sets', async () => {
    const lock = new KeyLock();
    const results = await Promise.all([
      lock.runExclusive(['a', 'b'], async () => 'ab'),
      lock.runExclusive(['b', 'a'], async () => 'ba'),
      lock.runExclusive(['c'], async () => 'c'),
    ]);
    expect(results).toEqual(['ab', 'ba', 'c']);
  });

  it('releases the keys when the work throws', async () => {
    const lock = new KeyLock();
    await expect(lock.runExclusive(['a'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.runExclusive(['a'], async () => 'next')).toBe('next');
    expect(lock.size).toBe(0);
  });
});
