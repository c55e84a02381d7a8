/**
 * Absolute targets for vendors without compare-and-set (WooCommerce, Magento, custom): the
 * changes of one call are applied, in order, to the levels read under the lock, and each level
 * touched gets ONE write of its final value. Several changes of one level chain: each one's
 * compareQuantity is checked against the previous one's result, a delta adds to it, and the
 * level is written once. A level whose final value equals what was read needs no write at all.
 */

/** One change of one stock level (`key` names the level in the vendor's terms). */
export interface ChainLink {
  readonly key: string;
  readonly mode: 'set' | 'adjust';
  /** `quantity` for set, `delta` for adjust. */
  readonly amount: number;
  readonly compareQuantity?: number | null;
}

export type ChainStep =
  /** compareQuantity did not match `current`: this change is not applied; later ones still chain on `current`. */
  | { readonly kind: 'conflict'; readonly current: number }
  | { readonly kind: 'step'; readonly before: number; readonly after: number };

/** The one write a level needs: from the value read to the chain's final value. */
export interface LevelWrite {
  readonly key: string;
  readonly from: number;
  readonly to: number;
}

export interface LevelChain {
  /** One per link, in order. */
  readonly steps: readonly ChainStep[];
  /** Levels whose final value differs from what was read, in order of first appearance. */
  readonly writes: readonly LevelWrite[];
}

/** Chains `links` over `current` (the levels read under the lock); every link's key must be in it. */
export function chainLevels(links: readonly ChainLink[], current: ReadonlyMap<string, number>): LevelChain {
  const running = new Map<string, number>();
  const order: string[] = [];
  const steps = links.map((link): ChainStep => {
    const read = current.get(link.key);
    if (read === undefined) throw new Error(`chainLevels: no current value for level ${link.key}`);
    if (!running.has(link.key)) order.push(link.key);
    const before = running.get(link.key) ?? read;
    if (link.compareQuantity !== undefined && link.compareQuantity !== null && link.compareQuantity !== before) {
      running.set(link.key, before);
      return { kind: 'conflict', current: before };
    }
    const after = link.mode === 'set' ? link.amount : before + link.amount;
    running.set(link.key, after);
    return { kind: 'step', before, after };
  });
  const writes = order.flatMap((key) => {
    const from = current.get(key) ?? 0;
    const to = running.get(key) ?? from;
    return to === from ? [] : [{ key, from, to }];
  });
  return { steps, writes };
}

export type ReadBackVerdict = 'applied' | 'not-applied' | 'unknown';

/**
 * What a level read back after a write with a lost answer says. The lock is still held, so no
 * write of this process moved it: the target means the write landed, the value before means it
 * did not (safe to send again), anything else (another channel wrote, or nothing could be read)
 * settles nothing.
 */
export function readBackVerdict(observed: number | null | undefined, write: LevelWrite): ReadBackVerdict {
  if (observed === write.to) return 'applied';
  if (observed === write.from) return 'not-applied';
  return 'unknown';
}
