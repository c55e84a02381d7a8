import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.ts';

describe('KeyedMutex', () => {
  it('runs work on the same key one after another, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = mutex.runExclusive(['a'], async () => {
      events.push('first:start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('first:end');
    });
    const second = mutex.runExclusive(['a'], async () => {
      events.push('second');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['first:start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first:start', 'first:end', 'second']);
    expect(mutex.size).toBe(0);
  });

  it('lets different keys run together and takes overlapping key sets without deadlock', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    await Promise.all([
      mutex.runExclusive(['b', 'a'], async () => void order.push('ab')),
      mutex.runExclusive(['a', 'b'], async () => void order.push('ba')),
      mutex.runExclusive(['c'], async () => void order.push('c')),
    ]);
    expect(order.sort()).toEqual(['ab', 'ba', 'c']);
    expect(mutex.size).toBe(0);
  });

  it('releases the key when the work throws', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.runExclusive(['a'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.runExclusive(['a'], async () => 'next')).resolves.toBe('next');
  });
});
