import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.ts';

describe('KeyedMutex', () => {
  it('runs tasks of one key one after another in submission order, other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        events.push(`start ${name}`);
        gates.set(name, () => {
          events.push(`end ${name}`);
          resolve(name);
        });
      });
    const a1 = mutex.run('a', task('a1'));
    const a2 = mutex.run('a', task('a2'));
    const b1 = mutex.run('b', task('b1'));
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['start a1', 'start b1']);
    gates.get('a1')?.();
    await a1;
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    gates.get('a2')?.();
    gates.get('b1')?.();
    expect(await Promise.all([a2, b1])).toEqual(['a2', 'b1']);
  });

  it('keeps going after a failed task', async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run('k', () => Promise.reject(new Error('boom')));
    const next = mutex.run('k', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
