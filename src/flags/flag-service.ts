import type { Caller } from '../model/caller.ts';
import type { FlagEvaluator } from './flag-evaluator.ts';

/** What /ready reports about the flag definitions. */
export interface FlagServiceStatus {
  /** True once definitions were loaded; stays true while a failing source keeps the last good copy. */
  readonly loaded: boolean;
  /** The file path or "GrowthBook API <host>". */
  readonly source: string;
  /** The last load problem, or null when the last attempt succeeded. */
  readonly lastError: string | null;
  readonly lastErrorAt?: string | null;
  readonly loadedAt?: string | null;
  /** Short hash of the definitions in use. */
  readonly fingerprint?: string | null;
}

/** Flag definitions, loaded once and refreshed in the background; evaluated per caller. */
export interface FlagService {
  forCaller(caller: Caller): FlagEvaluator;
  status(): FlagServiceStatus;
  close(): Promise<void>;
}
