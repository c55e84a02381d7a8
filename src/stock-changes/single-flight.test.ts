import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.ts';

describe('SingleFlight', () => {
  it('shares one running task per key, with its tag, and forgets it when it settles', async () => {
    const flights = new SingleFlight<number, string>();
    let runs = 0;
    let finish!: (value: number) => void;
    const first = flights.start('k', 'tag-1', () => {
      runs += 1;
      return new Promise<number>((resolve) => (finish = resolve));
    });
    expect(flights.current('k')?.tag).toBe('tag-1');
    const joined = flights.current('k')!.promise;
    await Promise.resolve();
    finish(42);
    expect(await Promise.all([first, joined])).toEqual([42, 42]);
    expect(runs).toBe(1);
    expect(flights.current('k')).toBeUndefined();
    expect(flights.size).toBe(0);
  });

  it('forgets a failed task too, so the next caller runs again', async () => {
    const flights = new SingleFlight<number, null>();
    await expect(flights.start('k', null, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(flights.current('k')).toBeUndefined();
    expect(await flights.start('k', null, async () => 1)).toBe(1);
  });
});
