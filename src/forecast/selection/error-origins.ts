import { seededRandom } from '../seeded-random.ts';
import { IndexScratch } from '../scratch-buffer.ts';

const originScratch = new IndexScratch();

/**
 * Which origins feed the empirical error pool: the recent range [from, length), thinned
 * to about `target / horizon` origins when larger. Thinning is a seeded random sample,
 * not every k-th origin: a fixed stride aliases with periodic demand (every 2nd origin
 * of a 4-day pattern sees only two phases, which biased lead-time demand by 40% in a
 * test). The seed is the series length, so results are reproducible.
 */
export function errorOrigins(length: number, from: number, horizon: number, target: number): number[] {
  const first = Math.max(1, from);
  const count = Math.max(0, length - first);
  // Candidates newest first, so an unthinned pool is already in the order callers expect.
  const all = originScratch.take(count);
  for (let i = 0; i < count; i++) all[i] = length - 1 - i;
  const keep = Math.max(1, Math.ceil(target / horizon));
  if (count <= keep) return Array.from(all);
  const random = seededRandom(length);
  for (let i = 0; i < keep; i++) {
    const j = i + Math.floor(random() * (count - i));
    const swap = all[i]!;
    all[i] = all[j]!;
    all[j] = swap;
  }
  const kept = all.subarray(0, keep).sort();
  const out = new Array<number>(keep);
  for (let i = 0; i < keep; i++) out[i] = kept[keep - 1 - i]!;
  return out;
}
