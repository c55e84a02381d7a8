import { parseFlagDefinitions, type FlagDefinitions } from './flag-definitions.ts';
import type { FlagSource } from './flag-source.ts';

export interface FlagApiSourceOptions {
  readonly apiHost: string;
  /** The SDK connection's client key (sdk-...): a secret, never logged or reported. */
  readonly clientKey: string;
  readonly refreshSeconds: number;
  /** Per-fetch timeout. */
  readonly timeoutMs?: number;
}

/**
 * Definitions from a GrowthBook API host: `GET <apiHost>/api/features/<clientKey>`, the endpoint
 * GrowthBook's SDKs read. Fetched at start-up, then every `refreshSeconds` in the background.
 * This is not a vendor call, so it does not go through VendorHttpClient; it is one small GET.
 */
export function createFlagApiSource(options: FlagApiSourceOptions): FlagSource {
  const host = options.apiHost.replace(/\/+$/, '');
  const description = `GrowthBook API ${host}`;
  const url = `${host}/api/features/${encodeURIComponent(options.clientKey)}`;
  let interval: NodeJS.Timeout | null = null;

  return {
    description,

    async load(): Promise<FlagDefinitions> {
      let response: Response;
      try {
        response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      } catch (error) {
        throw new Error(`cannot reach ${description} (${networkReason(error)})`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`${description} answered HTTP ${response.status}`);
      }
      return parseFlagDefinitions(await response.text(), description);
    },

    watch(changed) {
      interval = setInterval(changed, options.refreshSeconds * 1000);
      interval.unref();
    },

    async close() {
      if (interval) clearInterval(interval);
    },
  };
}

/** A short reason without the URL (it carries the client key). */
function networkReason(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return 'network error';
}
