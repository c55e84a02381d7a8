/**
 * Type-7 empirical quantiles (linear interpolation between order statistics, the R and
 * NumPy default) of an unsorted sample, by multi-quickselect. Only the few order
 * statistics the levels need are placed, which is several times faster than sorting:
 * V8's typed-array sort took ~0.3 ms for the ~3,000 errors of one daily series.
 * The sample is reordered in place. Three-way partitioning keeps the many ties of
 * intermittent demand from degrading to quadratic time.
 */
export function quantilesOf(sample: Float64Array, levels: readonly number[]): number[] {
  const n = sample.length;
  if (n === 0) return levels.map(() => NaN);
  const positions = levels.map((level) => Math.min(1, Math.max(0, level)) * (n - 1));
  const wanted = [...new Set(positions.flatMap((p) => [Math.floor(p), Math.min(n - 1, Math.floor(p) + 1)]))].sort(
    (a, b) => a - b,
  );
  select(sample, 0, n - 1, wanted, 0, wanted.length);
  return positions.map((p) => {
    const below = Math.floor(p);
    const above = Math.min(n - 1, below + 1);
    const weight = p - below;
    return sample[below]! * (1 - weight) + sample[above]! * weight;
  });
}

/** Places a[k] for every k in ks[from..to) (sorted, all within [lo, hi]). */
function select(a: Float64Array, lo: number, hi: number, ks: readonly number[], from: number, to: number): void {
  while (from < to && hi > lo) {
    if (hi - lo < 16) {
      insertionSort(a, lo, hi);
      return;
    }
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >> 1]!, a[hi]!);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) swap(a, lt++, i++);
      else if (v > pivot) swap(a, i, gt--);
      else i++;
    }
    // Now a[lo..lt) < pivot, a[lt..gt] == pivot, a(gt..hi] > pivot.
    let split = from;
    while (split < to && ks[split]! < lt) split++;
    let right = split;
    while (right < to && ks[right]! <= gt) right++;
    select(a, lo, lt - 1, ks, from, split);
    lo = gt + 1;
    from = right;
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}
