import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InventoryChangeSource, type InventoryChangeEvent } from '../inventory-event-bus.ts';
import { MemoryInventoryEventBus } from './memory-event-bus.ts';

const event = (eventId: string, after = 5): InventoryChangeEvent => ({
  eventId,
  vendorId: 'acme-woo',
  productId: 'P1',
  sku: 'SG-1',
  locationId: 'L1',
  before: 4,
  after,
  source: InventoryChangeSource.WEBHOOK,
  occurredAt: '2026-12-01T00:00:00.000Z',
});

describe('MemoryInventoryEventBus', () => {
  it('delivers each event id once to every listener, in order', async () => {
    const bus = new MemoryInventoryEventBus(pino({ level: 'silent' }));
    const first: string[] = [];
    const second: string[] = [];
    bus.subscribe((e) => first.push(e.eventId));
    bus.subscribe((e) => second.push(e.eventId));
    await bus.publish([event('a'), event('b'), event('a')]);
    await bus.publish([event('b'), event('c')]);
    expect(first).toEqual(['a', 'b', 'c']);
    expect(second).toEqual(['a', 'b', 'c']);
  });

  it('stops delivering to a removed listener and survives a throwing one', async () => {
    const bus = new MemoryInventoryEventBus(pino({ level: 'silent' }));
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    const remove = bus.subscribe((e) => seen.push(e.eventId));
    await bus.publish([event('a')]);
    remove();
    await bus.publish([event('b')]);
    expect(seen).toEqual(['a']);
  });

  it('delivers nothing after close', async () => {
    const bus = new MemoryInventoryEventBus(pino({ level: 'silent' }));
    const seen: string[] = [];
    bus.subscribe((e) => seen.push(e.eventId));
    await bus.close();
    await bus.publish([event('a')]);
    expect(seen).toEqual([]);
  });
});
