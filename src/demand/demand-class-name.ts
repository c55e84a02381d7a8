import type { DemandClass } from '../forecast/index.ts';

/** The engine's demand class names as the GraphQL `DemandClass` enum. */
export const DEMAND_CLASS_ENUM = {
  smooth: 'SMOOTH',
  intermittent: 'INTERMITTENT',
  erratic: 'ERRATIC',
  lumpy: 'LUMPY',
  'no-demand': 'NO_DEMAND',
} as const satisfies Record<DemandClass, string>;
