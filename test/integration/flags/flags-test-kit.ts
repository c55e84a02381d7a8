import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { ALL_FLAGS, type FeatureFlag } from '../../../src/flags/flag-names.ts';
import { createFlagFileSource } from '../../../src/flags/flag-file-source.ts';
import type { OnEvaluate } from '../../../src/flags/growthbook-evaluator.ts';
import { GrowthBookFlagService, type ReloadOutcome } from '../../../src/flags/growthbook-flag-service.ts';

/** A GrowthBook feature definition as it appears in a flags file or an API payload. */
export interface FeatureDefinitionFixture {
  readonly defaultValue: unknown;
  readonly rules?: ReadonlyArray<Record<string, unknown>>;
}

/** Every known flag with `defaultValue: true`, then the overrides. */
export function featuresPayload(overrides: Partial<Record<FeatureFlag, FeatureDefinitionFixture>> = {}): string {
  const features: Record<string, FeatureDefinitionFixture> = {};
  for (const flag of ALL_FLAGS) features[flag] = overrides[flag] ?? { defaultValue: true };
  return JSON.stringify({ features }, null, 2);
}

export const off: FeatureDefinitionFixture = { defaultValue: false };

/** A temp directory with a flags file; writes are atomic (temp file + rename), as editors and deploy tools do. */
export async function tempFlagsFile(initial: string): Promise<{ path: string; write(text: string): Promise<void>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'stockgraph-flags-'));
  const path = join(dir, 'feature_flags.json');
  let counter = 0;
  const write = async (text: string) => {
    counter += 1;
    const temp = join(dir, `.feature_flags.${counter}.tmp`);
    await writeFile(temp, text);
    await rename(temp, path);
  };
  await write(initial);
  return { path, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Log lines captured as parsed JSON objects. */
export function capturingLogger(level = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

export async function startFileFlagService(
  path: string,
  options: { logger?: Logger; onEvaluate?: OnEvaluate } = {},
): Promise<GrowthBookFlagService> {
  const service = new GrowthBookFlagService({
    source: createFlagFileSource(path, { debounceMs: 20, pollMs: 100 }),
    logger: options.logger ?? pino({ level: 'silent' }),
    deployment: { environment: 'development', demo: false },
    onEvaluate: options.onEvaluate,
  });
  await service.start();
  return service;
}

/** Waits for reload events (not a fixed sleep) until one satisfies `accept`. */
export async function reloadSatisfying(service: GrowthBookFlagService, accept: (outcome: ReloadOutcome) => boolean): Promise<ReloadOutcome> {
  for (;;) {
    const outcome = await service.nextReload();
    if (accept(outcome)) return outcome;
  }
}
