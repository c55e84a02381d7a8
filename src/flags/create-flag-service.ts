import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/config-schema.ts';
import { createFlagApiSource } from './flag-api-source.ts';
import { createFlagFileSource } from './flag-file-source.ts';
import type { FlagSource } from './flag-source.ts';
import type { OnEvaluate } from './growthbook-evaluator.ts';
import { GrowthBookFlagService } from './growthbook-flag-service.ts';

/** The definitions shipped with the project (repo root), used when the config names none. */
export const DEFAULT_FLAGS_FILE = fileURLToPath(new URL('../../feature_flags.json', import.meta.url));

export interface CreateFlagServiceOptions {
  readonly logger: Logger;
  readonly onEvaluate?: OnEvaluate;
  readonly onDefinitionsChanged?: () => void;
}

/**
 * Builds the flag service from `config.flags` (a file, or a GrowthBook API host and client key;
 * FEATURE_FLAGS_FILE overrides both) and loads the definitions. Throws FlagStartupError when no
 * good copy can be loaded: the gateway must not start with flags it cannot evaluate.
 */
export async function createFlagService(config: GatewayConfig, options: CreateFlagServiceOptions): Promise<GrowthBookFlagService> {
  const logger = options.logger.child({ component: 'flags' });
  const service = new GrowthBookFlagService({
    source: flagSourceFor(config, logger),
    logger,
    deployment: { environment: config.environment, demo: config.demo },
    onEvaluate: options.onEvaluate,
    onDefinitionsChanged: options.onDefinitionsChanged,
  });
  await service.start();
  return service;
}

function flagSourceFor(config: GatewayConfig, logger: Logger): FlagSource {
  const flags = config.flags;
  if (!flags) {
    logger.info({ file: DEFAULT_FLAGS_FILE }, 'no flags configured: using the shipped feature_flags.json');
    return createFlagFileSource(DEFAULT_FLAGS_FILE);
  }
  if ('file' in flags) return createFlagFileSource(flags.file);
  return createFlagApiSource({ apiHost: flags.apiHost, clientKey: flags.clientKey, refreshSeconds: flags.refreshSeconds });
}
