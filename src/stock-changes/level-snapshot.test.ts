import { describe, expect, it } from 'vitest';
import type { InventoryLevel } from '../model/standard-model.ts';
import { levelSnapshot } from './level-snapshot.ts';

const level = (locationId: string, available: number, onHand: number | null = null): InventoryLevel => ({
  id: `I-${locationId}`,
  productId: 'P',
  locationId,
  locationName: locationId,
  available,
  onHand,
  updatedAt: '2026-11-25T09:00:00Z',
});

describe('levelSnapshot', () => {
  it('ignores location order and timestamps, and sees a change of available or on hand', () => {
    const base = levelSnapshot([level('L1', 5), level('L2', 7)]);
    expect(levelSnapshot([{ ...level('L2', 7), updatedAt: null }, level('L1', 5)])).toBe(base);
    expect(levelSnapshot([level('L1', 5), level('L2', 6)])).not.toBe(base);
    expect(levelSnapshot([level('L1', 5), level('L2', 7, 9)])).not.toBe(base);
    expect(levelSnapshot([level('L1', 5)])).not.toBe(base);
  });
});
