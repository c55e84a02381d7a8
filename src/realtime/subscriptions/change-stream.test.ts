import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryInventoryEventBus } from '../bus/memory-event-bus.ts';
import { InventoryChangeSource, type InventoryChangeEvent } from '../inventory-event-bus.ts';
import { changeStream } from './change-stream.ts';

const event = (eventId: string, vendorId = 'v'): InventoryChangeEvent => ({
  eventId, vendorId, productId: 'P', sku: null, locationId: 'L', before: null, after: 1, source: InventoryChangeSource.POLL, occurredAt: '2026-12-01T00:00:00.000Z',
});

describe('changeStream', () => {
  it('hands accepted events over in order, waiting for the next one when none is buffered', async () => {
    const bus = new MemoryInventoryEventBus(pino({ level: 'silent' }));
    const stream = changeStream(bus, { accept: (e) => e.vendorId === 'v', bufferSize: 10, onOverflow: () => undefined });
    const waiting = stream.next();
    await bus.publish([event('a'), event('x', 'other'), event('b')]);
    expect((await waiting).value?.eventId).toBe('a');
    expect((await stream.next()).value?.eventId).toBe('b');
  });

  it('drops a reader that falls bufferSize events behind: tells once, leaves the bus, ends', async () => {
    const bus = new MemoryInventoryEventBus(pino({ level: 'silent' }));
    let overflows = 0;
    const stream = changeStream(bus, { accept: () => true, bufferSize: 2, onOverflow: () => overflows++ });
    await bus.publish([event('a'), event('b'), event('c'), event('d')]);
    expect(overflows).toBe(1);
    expect(bus.listenerCount).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('leaves the bus at once when the consumer returns, also while it waits', async () => {
    const bus = new MemoryInventoryEventBus(pino({ level: 'silent' }));
    const stream = changeStream(bus, { accept: () => true, bufferSize: 2, onOverflow: () => undefined });
    const waiting = stream.next();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(bus.listenerCount).toBe(0);
  });
});
