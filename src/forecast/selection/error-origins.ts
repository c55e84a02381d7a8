import { seededRandom } from '../seeded-random.ts';

/**
 * Which origins feed the empirical error pool: the recent range [from, length), thinned
 * to about `target / horizon` origins when larger. Thinning is a seeded random sample,
 * not every k-th origin: a fixed stride aliases with periodic demand (every 2nd origin
 * of a 4-day pattern sees only two phases, which biased lead-time demand by 40% in a
 * test). The seed is the series length, so results are reproducible.
 */
export function errorOrigins(length: number, from: number, horizon: number, target: number): number[] {
  const all: number[] = [];
  for (let o = length - 1; o >= Math.max(1, from); o--) all.push(o);
  const keep = Math.max(1, Math.ceil(target / horizon));
  if (all.length <= keep) return all;
  const random = seededRandom(length);
  for (let i = 0; i < keep; i++) {
    const j = i + Math.floor(random() * (all.length - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, keep).sort((a, b) => b - a);
}
