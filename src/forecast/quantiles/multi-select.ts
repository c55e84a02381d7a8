/**
 * Multi-quickselect: places a[k] (the value a full sort would put there) for every k in
 * ks[from..to) (sorted, distinct, all within [lo, hi]), reordering a[lo..hi]. Three-way
 * partitioning keeps the many ties of intermittent demand from degrading to quadratic time.
 */
export function multiSelect(a: Float64Array, lo: number, hi: number, ks: Int32Array, from: number, to: number): void {
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
    multiSelect(a, lo, lt - 1, ks, from, split);
    lo = gt + 1;
    from = right;
  }
}

/** Sorts a[lo..hi] (inclusive) ascending. */
export function insertionSort(a: Float64Array, lo: number, hi: number): void {
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
