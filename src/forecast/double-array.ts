/**
 * A plain number[] that V8 stores as unboxed doubles (PACKED_DOUBLE_ELEMENTS) from the
 * start, filled with `fill`.
 *
 * Why: an array's element kind follows what was first stored in it, so forecasts of
 * integer data (seasonal naive of unit sales, a naive forecast of 3) came out as small-
 * integer arrays and the rest as double arrays. Every hot loop that reads forecasts or
 * histories then met two array layouts: its optimised code was thrown away on the second
 * ("wrong map") and compiled again, ~20 recompilations of the largest functions in each
 * worker's warm-up. An element kind never narrows again, so an array started from a
 * double literal stays a double array whatever is stored in it later.
 */
export function doubleArray(length: number, fill = 0): number[] {
  if (length <= ZEROS.length) {
    // A copy of part of a double array is a double array: one block copy instead of a push per element.
    const out = ZEROS.slice(0, length);
    if (!Object.is(fill, 0)) out.fill(fill);
    return out;
  }
  const out = EMPTY_DOUBLES.slice();
  for (let i = 0; i < length; i++) out.push(fill);
  return out;
}

/**
 * An empty double-element array, copied by `slice` rather than written as a literal in
 * doubleArray: a literal is an allocation site, and V8 moves a site's allocations straight
 * into the old generation once most of them outlive a minor GC. doubleArray serves
 * histories and state paths (long-lived) as well as every forecast and temporary (short-
 * lived), so after the long-lived ones had tenured the site, every temporary array of every
 * later series went to the old generation too: old space grew ~70 kB per series and minor
 * GCs got 3–5× slower until the next full GC. Arrays made by `slice` carry no site. Never
 * written to (it is module-private).
 */
const EMPTY_DOUBLES: number[] = [0.5];
EMPTY_DOUBLES.length = 0;

/** Zeros as doubles, sliced by doubleArray (module-private, never written after this). */
const ZEROS: number[] = EMPTY_DOUBLES.slice();
for (let i = 0; i < 4096; i++) ZEROS.push(0);
