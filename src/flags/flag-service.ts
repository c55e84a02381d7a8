import type { Caller } from '../auth/caller.ts';
import type { FlagEvaluator } from './flag-evaluator.ts';

/** Flag definitions, loaded once and refreshed in the background; evaluated per caller. */
export interface FlagService {
  forCaller(caller: Caller): FlagEvaluator;
  /** For /ready: whether definitions are loaded, from where, and the last load problem. */
  status(): { readonly loaded: boolean; readonly source: string; readonly lastError: string | null };
  close(): Promise<void>;
}
