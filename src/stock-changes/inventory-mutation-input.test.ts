import { describe, expect, it } from 'vitest';
import { requestFingerprint, type InventoryMutationInput } from './inventory-mutation-input.ts';

const input: InventoryMutationInput = {
  idempotencyKey: 'k-1',
  reason: 'cycle count',
  changes: [
    { productId: 'P1', locationId: 'L1', quantity: 5 },
    { productId: 'P2', locationId: 'L1', quantity: 7, compareQuantity: 3 },
  ],
};

describe('requestFingerprint', () => {
  it('is a sha256 hex digest that ignores the key, JSON key order and absent-vs-null', () => {
    const fingerprint = requestFingerprint('set', input);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('set', { ...input, idempotencyKey: 'another' })).toBe(fingerprint);
    expect(
      requestFingerprint('set', {
        reason: 'cycle count',
        idempotencyKey: 'k-1',
        changes: [
          { quantity: 5, locationId: 'L1', productId: 'P1', compareQuantity: null },
          { compareQuantity: 3, quantity: 7, productId: 'P2', locationId: 'L1' },
        ],
      }),
    ).toBe(fingerprint);
  });

  it('differs when the mutation, reason, order, amount or compareQuantity differs', () => {
    const fingerprint = requestFingerprint('set', input);
    const variants: Array<[Parameters<typeof requestFingerprint>[0], InventoryMutationInput]> = [
      ['adjust', { ...input, changes: input.changes.map((change) => ({ ...change, delta: change.quantity })) }],
      ['set', { ...input, reason: 'recount' }],
      ['set', { ...input, changes: [...input.changes].reverse() }],
      ['set', { ...input, changes: [{ ...input.changes[0]!, quantity: 6 }, input.changes[1]!] }],
      ['set', { ...input, changes: [input.changes[0]!, { ...input.changes[1]!, compareQuantity: null }] }],
    ];
    for (const [mode, variant] of variants) expect(requestFingerprint(mode, variant)).not.toBe(fingerprint);
  });
});
