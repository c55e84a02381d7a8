/**
 * A reusable Float64Array for temporaries that never outlive the call that takes them.
 *
 * Why: a `new Float64Array(n)` of a few hundred elements costs about 1 µs (an off-heap
 * backing store plus garbage-collector bookkeeping on a helper thread), and the engine
 * used to make ~35 of them per series: a sixth of the 10k-series benchmark. A view of a
 * kept buffer costs ~40 ns.
 *
 * Rules that make sharing safe: each module owns its own instances (one per purpose),
 * JavaScript runs one call at a time per thread (each worker has its own module
 * instances), and nothing taken from a scratch buffer may be returned or stored. The
 * contents of a taken view are whatever the previous user left: callers overwrite.
 */
export class ScratchBuffer {
  #buffer = new Float64Array(64);

  take(size: number): Float64Array {
    return this.atLeast(size).subarray(0, size);
  }

  /**
   * The whole kept buffer, at least `size` long: no view to make (a view is an object of
   * its own, ~40 ns: a visible cost for calls made per block or per origin). The caller
   * reads and writes only its first `size` elements.
   */
  atLeast(size: number): Float64Array {
    if (this.#buffer.length < size) this.#buffer = new Float64Array(Math.max(size, 2 * this.#buffer.length));
    return this.#buffer;
  }
}

/** The same for integer indices. */
export class IndexScratch {
  #buffer = new Int32Array(64);

  take(size: number): Int32Array {
    return this.atLeast(size).subarray(0, size);
  }

  /** The whole kept buffer, at least `size` long (see ScratchBuffer.atLeast). */
  atLeast(size: number): Int32Array {
    if (this.#buffer.length < size) this.#buffer = new Int32Array(Math.max(size, 2 * this.#buffer.length));
    return this.#buffer;
  }
}
