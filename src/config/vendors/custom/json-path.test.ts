import { describe, expect, it } from 'vitest';
import { isJsonPath, parseJsonPath, readJsonPath } from './json-path.ts';

const item = {
  id: 'DS-10001',
  pricing: { amount: '12.50', currency: 'EUR' },
  stock: [
    { warehouse: { code: 'rtm' }, qty: 4 },
    { warehouse: { code: 'lyn' }, qty: 0 },
  ],
  matrix: [[1, 2], [3, 4]],
  'on-hand': 7,
  nothing: null,
};

describe('isJsonPath', () => {
  it.each(['id', 'pricing.amount', 'stock[0].qty', 'matrix[1][0]', 'on-hand', 'data.items', '$', '_links.next'])('accepts %s', (path) => {
    expect(isJsonPath(path)).toBe(true);
  });

  it.each(['', '.id', 'id.', 'pricing..amount', 'stock[]', 'stock[x]', '[0]', 'items[*]', 'a b', '$.id', 'stock[-1]'])('rejects %j', (path) => {
    expect(isJsonPath(path)).toBe(false);
  });
});

describe('parseJsonPath', () => {
  it('splits names and indexes', () => {
    expect(parseJsonPath('stock[0].warehouse.code')).toEqual(['stock', 0, 'warehouse', 'code']);
    expect(parseJsonPath('matrix[1][0]')).toEqual(['matrix', 1, 0]);
    expect(parseJsonPath('$')).toEqual([]);
  });

  it('throws on text that is not a dot path', () => {
    expect(() => parseJsonPath('a..b')).toThrow('"a..b" is not a dot path');
  });
});

describe('readJsonPath', () => {
  it('reads nested names, array indexes and the root', () => {
    expect(readJsonPath(item, 'pricing.amount')).toBe('12.50');
    expect(readJsonPath(item, 'stock[1].warehouse.code')).toBe('lyn');
    expect(readJsonPath(item, 'stock[0].qty')).toBe(4);
    expect(readJsonPath(item, 'matrix[1][0]')).toBe(3);
    expect(readJsonPath(item, 'on-hand')).toBe(7);
    expect(readJsonPath([1, 2], '$')).toEqual([1, 2]);
  });

  it('keeps null distinct from missing', () => {
    expect(readJsonPath(item, 'nothing')).toBeNull();
    expect(readJsonPath(item, 'missing')).toBeUndefined();
  });

  it('answers undefined for a step of the wrong kind instead of throwing', () => {
    expect(readJsonPath(item, 'stock.qty')).toBeUndefined();
    expect(readJsonPath(item, 'pricing[0]')).toBeUndefined();
    expect(readJsonPath(item, 'stock[5].qty')).toBeUndefined();
    expect(readJsonPath(item, 'nothing.deeper')).toBeUndefined();
    expect(readJsonPath('text', 'length')).toBeUndefined();
    expect(readJsonPath(item, 'toString')).toBeUndefined();
  });
});
