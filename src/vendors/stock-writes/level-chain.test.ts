import { describe, expect, it } from 'vitest';
import { chainLevels, readBackVerdict, type ChainLink } from './level-chain.ts';

const read = new Map([
  ['a', 10],
  ['b', 5],
]);
const set = (key: string, amount: number, compareQuantity?: number): ChainLink => ({ key, mode: 'set', amount, compareQuantity });
const adjust = (key: string, amount: number, compareQuantity?: number): ChainLink => ({ key, mode: 'adjust', amount, compareQuantity });

describe('chainLevels', () => {
  it('applies each change to the value read and writes each level once, with its final value', () => {
    expect(chainLevels([set('a', 7), adjust('b', 3)], read)).toEqual({
      steps: [
        { kind: 'step', before: 10, after: 7 },
        { kind: 'step', before: 5, after: 8 },
      ],
      writes: [
        { key: 'a', from: 10, to: 7 },
        { key: 'b', from: 5, to: 8 },
      ],
    });
  });

  it('chains several changes of one level: each starts where the previous one ended, compareQuantity included', () => {
    const chain = chainLevels([set('a', 20), adjust('a', 5, 20), adjust('a', 1, 20)], read);
    expect(chain.steps).toEqual([
      { kind: 'step', before: 10, after: 20 },
      { kind: 'step', before: 20, after: 25 },
      { kind: 'conflict', current: 25 },
    ]);
    expect(chain.writes).toEqual([{ key: 'a', from: 10, to: 25 }]);
  });

  it('writes nothing for a level that ends where it was read, or whose only change conflicted', () => {
    const chain = chainLevels([adjust('a', 2), adjust('a', -2), set('b', 9, 4)], read);
    expect(chain.steps.map((step) => step.kind)).toEqual(['step', 'step', 'conflict']);
    expect(chain.writes).toEqual([]);
  });

  it('refuses a link whose level was not read (the caller must filter those out first)', () => {
    expect(() => chainLevels([set('missing', 1)], read)).toThrow(/no current value/);
  });
});

describe('readBackVerdict', () => {
  const write = { key: 'a', from: 10, to: 7 };
  it('reads the target as applied, the value before as not applied, anything else as unknown', () => {
    expect(readBackVerdict(7, write)).toBe('applied');
    expect(readBackVerdict(10, write)).toBe('not-applied');
    expect(readBackVerdict(8, write)).toBe('unknown');
    expect(readBackVerdict(null, write)).toBe('unknown');
  });
});
