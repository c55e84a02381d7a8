import type { FeatureFlag } from './flag-names.ts';

/** Flags evaluated for one caller (built per request). */
export interface FlagEvaluator {
  isOn(flag: FeatureFlag): boolean;
}

/** Every flag on: used where no flag source is configured yet and in unit tests. */
export const allFlagsOn: FlagEvaluator = { isOn: () => true };
