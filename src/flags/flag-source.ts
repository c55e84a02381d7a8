import type { FlagDefinitions } from './flag-definitions.ts';

/**
 * Where flag definitions come from (a file, a GrowthBook API host). A source loads on demand and
 * tells the service when it should load again (file changed, refresh interval passed); the
 * service keeps the last good copy, so a source never has to.
 */
export interface FlagSource {
  /** For /ready and logs: the file path or "GrowthBook API <host>" (never a client key). */
  readonly description: string;
  /** Reads and parses the definitions; throws with a short, safe message when it cannot. */
  load(): Promise<FlagDefinitions>;
  /** Starts watching; `changed` is called (debounced) whenever the definitions may have changed. */
  watch(changed: () => void): void;
  close(): Promise<void>;
}
