import { describe, expect, it } from 'vitest';
import { SqliteStateStore } from './sqlite-state-store.ts';
import { StockoutJournal } from './stockout-journal.ts';

const change = (locationId: string, after: number | null, occurredAt: string) => ({ vendorId: 'woo', productId: 'p1', locationId, after, occurredAt });

describe('stock-out journal', () => {
  it('remembers when each location reached 0 and when it was restocked, across journal instances', async () => {
    const store = new SqliteStateStore(':memory:');
    const now = () => Date.parse('2025-01-10T00:00:00Z');
    const journal = new StockoutJournal(store, now);
    await journal.record([change('east', 3, '2025-01-01T10:00:00Z'), change('east', 0, '2025-01-02T12:00:00Z')]);
    await journal.record([change('west', null, '2025-01-03T00:00:00Z'), change('east', 0, '2025-01-03T08:00:00Z')]);
    // Given out of order in one call: applied by time.
    await journal.record([change('east', 0, '2025-01-06T00:00:00Z'), change('east', 5, '2025-01-05T00:00:00Z')]);
    const recorded = (await new StockoutJournal(store, now).products('woo', ['p1', 'p2'])).get('p1');
    expect(recorded).toEqual({
      east: { spans: [[Date.parse('2025-01-02T12:00:00Z'), Date.parse('2025-01-05T00:00:00Z')]], outSince: Date.parse('2025-01-06T00:00:00Z') },
      west: { spans: [], outSince: Date.parse('2025-01-03T00:00:00Z') },
    });
    expect((await journal.products('woo', ['p2'])).size).toBe(0);
    await store.close();
  });

  it('writes nothing for a product that only ever had stock', async () => {
    const store = new SqliteStateStore(':memory:');
    const journal = new StockoutJournal(store);
    await journal.record([change('east', 4, '2025-01-01T00:00:00Z'), change('east', 2, '2025-01-02T00:00:00Z')]);
    expect((await journal.products('woo', ['p1'])).size).toBe(0);
    await store.close();
  });
});
