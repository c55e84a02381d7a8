import type { FeatureFlag } from './flag-names.ts';

/** How one flag evaluated for one caller, as the `featureFlags` query reports it. */
export interface FlagEvaluation {
  readonly flag: FeatureFlag;
  readonly on: boolean;
  /** The flag's value (GrowthBook features may carry JSON values; ours are booleans). */
  readonly value: unknown;
  /** Where the definitions came from: a file path, "GrowthBook API <host>", or "default" when they do not define this flag. */
  readonly source: string;
  /** GrowthBook's result source: which part of the definition decided (defaultValue, force, experiment, unknownFeature...). */
  readonly reason: string;
}

/** Flags evaluated for one caller (built per request, from definitions already loaded). */
export interface FlagEvaluator {
  isOn(flag: FeatureFlag): boolean;
  explain(flag: FeatureFlag): FlagEvaluation;
}

/** Every flag on: used where no flag source is configured and in unit tests. */
export const allFlagsOn: FlagEvaluator = {
  isOn: () => true,
  explain: (flag) => ({ flag, on: true, value: true, source: 'static (all on)', reason: 'static' }),
};

/** A fixed set of flag values (unit tests and tools): flags not listed are off. */
export function fixedFlags(on: Iterable<FeatureFlag>): FlagEvaluator {
  const enabled = new Set(on);
  return {
    isOn: (flag) => enabled.has(flag),
    explain: (flag) => ({ flag, on: enabled.has(flag), value: enabled.has(flag), source: 'fixed', reason: 'fixed' }),
  };
}
