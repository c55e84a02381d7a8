import { fixedFlags } from './flag-evaluator.ts';
import type { FlagService } from './flag-service.ts';
import { ALL_FLAGS, FeatureFlag } from './flag-names.ts';

const everythingButDebug = fixedFlags(ALL_FLAGS.filter((flag) => flag !== FeatureFlag.DEBUG_MODE));

/** Every flag on except debug_mode: for tests and tools that run without a flag source. */
export const staticFlagService: FlagService = {
  forCaller: () => everythingButDebug,
  status: () => ({ loaded: true, source: 'static (all on but debug_mode)', lastError: null }),
  close: async () => {},
};
