import type { DemandClass } from '../types.ts';

/** Syntetos, Boylan & Croston (2005) cut-offs. */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export interface DemandProfile {
  readonly demandClass: DemandClass;
  /** Average demand interval: periods per period with demand (null without demand). */
  readonly adi: number | null;
  /** Squared coefficient of variation of the non-zero demand sizes (population variance). */
  readonly cv2: number | null;
  readonly periods: number;
  readonly demandPeriods: number;
}

/**
 * Classifies a demand history. ADI is computed as periods / periods-with-demand, the
 * common practical form of "mean inter-demand interval" that needs no special case for
 * the first interval. A value exactly on a cut-off falls in the higher class.
 */
export function classifyDemand(values: readonly number[]): DemandProfile {
  const periods = values.length;
  let demandPeriods = 0;
  let total = 0;
  for (const v of values) {
    if (v > 0) {
      demandPeriods++;
      total += v;
    }
  }
  if (demandPeriods === 0) {
    return { demandClass: 'no-demand', adi: null, cv2: null, periods, demandPeriods: 0 };
  }
  const adi = periods / demandPeriods;
  const mean = total / demandPeriods;
  let squares = 0;
  for (const v of values) if (v > 0) squares += (v - mean) ** 2;
  const variance = squares / demandPeriods;
  const cv2 = variance / (mean * mean);
  const sparse = adi >= ADI_CUTOFF;
  const variable = cv2 >= CV2_CUTOFF;
  const demandClass: DemandClass = sparse
    ? variable
      ? 'lumpy'
      : 'intermittent'
    : variable
      ? 'erratic'
      : 'smooth';
  return { demandClass, adi, cv2, periods, demandPeriods };
}

/** Intermittent and lumpy demand get the intermittent-demand estimators and bootstraps. */
export function isSparseDemand(demandClass: DemandClass): boolean {
  return demandClass === 'intermittent' || demandClass === 'lumpy' || demandClass === 'no-demand';
}
