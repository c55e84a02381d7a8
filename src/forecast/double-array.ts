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
  const out = [0.5];
  out.length = 0;
  for (let i = 0; i < length; i++) out.push(fill);
  return out;
}
