import type { DocumentLimits } from '../config/limits-config.ts';
import type { OperationMeasurement } from './operation-measure.ts';
import { LimitName } from './query-too-complex.ts';

export interface LimitExceeded {
  readonly limit: LimitName;
  readonly value: number;
  readonly max: number;
}

/** The first limit a measured operation is over, in a fixed order (cheapest to explain first), or null. */
export function firstLimitExceeded(measured: OperationMeasurement, limits: DocumentLimits): LimitExceeded | null {
  const checks: ReadonlyArray<readonly [LimitName, number, number]> = [
    [LimitName.DEPTH, measured.depth, limits.maxDepth],
    [LimitName.ALIASES, measured.aliases, limits.maxAliases],
    [LimitName.DIRECTIVES, measured.directives, limits.maxDirectives],
    [LimitName.FIELD_REPEATS, measured.fieldRepeats, limits.maxFieldRepeats],
    [LimitName.COST, measured.cost, limits.maxCost],
  ];
  for (const [limit, value, max] of checks) {
    if (value > max) return { limit, value, max };
  }
  return null;
}
