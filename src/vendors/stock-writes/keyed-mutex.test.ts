import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.ts';

const settle = async () => {
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
};

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
    await settle();
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

  it('queues a caller on all its keys at once: a later caller of a free key still waits its turn behind it', async () => {
    const mutex = new KeyedMutex();
    const releaseA = await mutex.lock(['a']);
    const both = mutex.lock(['a', 'b']); // waits for "a", but is already first in line for "b"
    let laterGotB = false;
    const later = mutex.lock(['b']).then((release) => {
      laterGotB = true;
      return release;
    });
    await settle();
    expect(laterGotB).toBe(false);
    releaseA();
    const releaseBoth = await both;
    await settle();
    expect(laterGotB).toBe(false);
    releaseBoth();
    (await later)();
    expect(mutex.size).toBe(0);
  });

  it('cannot deadlock when two callers lock keys of two mutexes in opposite order within one step each', async () => {
    const shop = new KeyedMutex();
    const warehouse = new KeyedMutex();
    const one = [shop.lock(['x']), warehouse.lock(['y'])];
    const two = [warehouse.lock(['y']), shop.lock(['x'])]; // the same levels, joined in the other order
    const releaseOne = await Promise.all(one);
    let twoGranted = false;
    const twoDone = Promise.all(two).then((releases) => {
      twoGranted = true;
      releases.forEach((release) => release());
    });
    await settle();
    expect(twoGranted).toBe(false);
    releaseOne.forEach((release) => release());
    await twoDone;
    expect([shop.size, warehouse.size]).toEqual([0, 0]);
  });

  it('ignores a second release', async () => {
    const mutex = new KeyedMutex();
    const release = await mutex.lock(['a']);
    const next = mutex.lock(['a']);
    release();
    const releaseNext = await next;
    release(); // must not hand "a" to a third caller while the second holds it
    let thirdGranted = false;
    const third = mutex.lock(['a']).then((r) => {
      thirdGranted = true;
      r();
    });
    await settle();
    expect(thirdGranted).toBe(false);
    releaseNext();
    await third;
  });
});
