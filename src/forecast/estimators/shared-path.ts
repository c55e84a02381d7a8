import { ScratchBuffer } from '../scratch-buffer.ts';

/**
 * One buffer for the state paths of all models of a kind, remembering whose path it holds.
 *
 * Why: giving every fitted candidate its own path cost an ~8 kB allocation each (~5 µs,
 * more than the filter pass that fills it), yet paths are read one model at a time:
 * selection scores the candidates one after another, then only the winner forecasts.
 * A model whose path was overwritten by another model's recomputes it (one filter pass,
 * ~1 µs) on its next forecast, so sharing never changes an answer; forecasts are always
 * returned in fresh arrays, so nothing outside the estimators ever sees this buffer.
 */
export class SharedPath<Path> {
  readonly #memory = new ScratchBuffer();
  #owner: object | undefined;
  #path: Path | undefined;

  /** The owner's path, recomputed into the shared buffer when another owner used it last. */
  get(owner: object, size: number, compute: (memory: Float64Array) => Path): Path {
    if (this.#owner !== owner || this.#path === undefined) {
      this.#owner = undefined;
      this.#path = compute(this.#memory.take(size));
      this.#owner = owner;
    }
    return this.#path;
  }
}
