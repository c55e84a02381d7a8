import { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { configFromShopifyEnv, loadConfigFile, planConfig } from '../config/load-config.ts';
import { readSecretKeys, SecretKeyError } from '../secrets/secret-keys.ts';

/**
 * `stockgraph check-config [--config F]`: validates the configuration start-up would use, without
 * starting anything. Exit 0 with a short summary; exit 1 with exactly the messages start-up prints.
 */
export function runCheckConfigCommand(config: string | undefined, env: NodeJS.ProcessEnv): number {
  try {
    const plan = planConfig({ argv: config === undefined ? [] : ['--config', config], env });
    checkSecretKeys(env);
    if (plan.kind === 'demo') {
      process.stdout.write('No configuration (--config, STOCKGRAPH_CONFIG or SHOPIFY_SHOP_DOMAIN): `stockgraph start` would run demo mode with the embedded simulators.\n');
      return 0;
    }
    const loaded = plan.kind === 'file' ? loadConfigFile(plan.path, env) : configFromShopifyEnv(env);
    process.stdout.write(`${summary(loaded, plan.kind === 'file' ? plan.path : 'environment (SHOPIFY_SHOP_DOMAIN)')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
}

function checkSecretKeys(env: NodeJS.ProcessEnv): void {
  try {
    readSecretKeys(env);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new ConfigError([error.message], 'environment');
    throw error;
  }
}

function summary(config: GatewayConfig, source: string): string {
  const vendors = config.vendors.map((vendor) => `${vendor.id} (${vendor.platform})`).join(', ');
  return `Configuration OK (${source}): environment ${config.environment}, ${config.vendors.length} vendor(s): ${vendors}`;
}
