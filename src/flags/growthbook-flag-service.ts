import type { Logger } from 'pino';
import type { Caller } from '../model/caller.ts';
import { callerAttributes } from './flag-attributes.ts';
import type { FlagEvaluator } from './flag-evaluator.ts';
import type { FlagService, FlagServiceStatus } from './flag-service.ts';
import type { FlagSource } from './flag-source.ts';
import { GrowthBookFlagEvaluator, LoadedFlagDefinitions, type OnEvaluate } from './growthbook-evaluator.ts';

export interface GrowthBookFlagServiceOptions {
  readonly source: FlagSource;
  readonly logger: Logger;
  /** Becomes the `environment` and `demo` attributes of every caller. */
  readonly deployment: { readonly environment: string; readonly demo: boolean };
  /** Counts evaluations (once per flag per request); the metrics module hooks in here. */
  readonly onEvaluate?: OnEvaluate;
  /** Called when a reload brings definitions that differ from the ones in force (metrics, alerts). */
  readonly onDefinitionsChanged?: () => void;
}

/** The result of one load attempt, as reload listeners see it. */
export type ReloadOutcome =
  | { readonly ok: true; readonly fingerprint: string; readonly origin: string }
  | { readonly ok: false; readonly error: string };

export class FlagStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagStartupError';
  }
}

/**
 * Flags from GrowthBook definitions. Holds the last good definitions: a source that fails (broken
 * file, unreachable host) leaves them in place and is reported in logs and `status().lastError`.
 * Loads are serialized, so a burst of file events or a slow API answer cannot install an older
 * copy over a newer one.
 */
export class GrowthBookFlagService implements FlagService {
  private readonly options: GrowthBookFlagServiceOptions;
  private current: LoadedFlagDefinitions | null = null;
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private loadedAt: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Set<(outcome: ReloadOutcome) => void>();
  private closed = false;

  constructor(options: GrowthBookFlagServiceOptions) {
    this.options = options;
  }

  /** First load, then watching. Without a good first copy there is nothing to serve: it throws. */
  async start(): Promise<void> {
    const outcome = await this.reload();
    if (!outcome.ok) {
      throw new FlagStartupError(`feature flags: cannot load definitions from ${this.options.source.description}: ${outcome.error}`);
    }
    this.options.source.watch(() => void this.reload());
  }

  forCaller(caller: Caller): FlagEvaluator {
    if (!this.current) throw new Error('flag service used before start()');
    return new GrowthBookFlagEvaluator(this.current, callerAttributes(caller, this.options.deployment), this.options.onEvaluate);
  }

  status(): FlagServiceStatus {
    return {
      loaded: this.current !== null,
      source: this.options.source.description,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      loadedAt: this.loadedAt,
      fingerprint: this.current?.definitions.fingerprint ?? null,
    };
  }

  /** Loads now (after any load in progress) and installs the result when it is good. */
  reload(): Promise<ReloadOutcome> {
    const run = this.queue.then(() => this.loadOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves with the outcome of the next load attempt, whoever triggers it (a file change, the refresh timer). */
  nextReload(): Promise<ReloadOutcome> {
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.options.source.close();
  }

  private async loadOnce(): Promise<ReloadOutcome> {
    if (this.closed) return { ok: false, error: 'closed' };
    const { logger, source } = this.options;
    let outcome: ReloadOutcome;
    try {
      const definitions = await source.load();
      const previous = this.current?.definitions.fingerprint ?? null;
      this.current = new LoadedFlagDefinitions(definitions);
      this.loadedAt = new Date().toISOString();
      this.lastError = null;
      this.lastErrorAt = null;
      if (previous !== definitions.fingerprint) {
        if (previous !== null) this.options.onDefinitionsChanged?.();
        logger.info({ source: definitions.origin, fingerprint: definitions.fingerprint, previous }, 'feature flag definitions loaded');
        if (definitions.missingFlags.length > 0) logger.warn({ missingFlags: definitions.missingFlags }, 'feature flags not defined; they evaluate as off');
        if (definitions.unknownKeys.length > 0) logger.warn({ unknownKeys: definitions.unknownKeys }, 'feature keys the gateway does not know; ignored');
      }
      outcome = { ok: true, fingerprint: definitions.fingerprint, origin: definitions.origin };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = message;
      this.lastErrorAt = new Date().toISOString();
      if (this.current) {
        logger.error({ source: source.description, error: message, keeping: this.current.definitions.fingerprint }, 'feature flag definitions could not be loaded; keeping the last good copy');
      }
      outcome = { ok: false, error: message };
    }
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve(outcome);
    return outcome;
  }
}
