import { allFlagsOn } from './flag-evaluator.ts';
import type { FlagService } from './flag-service.ts';

/** Every flag on, for gateways without a flag source. */
export const staticFlagService: FlagService = {
  forCaller: () => allFlagsOn,
  status: () => ({ loaded: true, source: 'static (all on)', lastError: null }),
  close: async () => {},
};
