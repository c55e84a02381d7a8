import type { GatewayConfig } from './config-schema.ts';

type ParsedConfig = Pick<GatewayConfig, 'vendors'>;

/** Config paths of vendors that make the gateway keep a secret (a Shopify vendor with a refresh token). */
export function vendorsKeepingSecrets(config: ParsedConfig): string[] {
  return config.vendors.flatMap((vendor, index) => (vendor.platform === 'shopify' && vendor.refreshToken !== undefined ? [`vendors[${index}] (${vendor.id})`] : []));
}

/** The start-up rule: such a vendor needs STOCKGRAPH_SECRET_KEY in the environment. */
export function secretKeyIssues(config: ParsedConfig, env: NodeJS.ProcessEnv): string[] {
  const needy = vendorsKeepingSecrets(config);
  if (needy.length === 0 || env.STOCKGRAPH_SECRET_KEY) return [];
  return [
    `STOCKGRAPH_SECRET_KEY: is not set, but ${needy.join(', ')} use${needy.length === 1 ? 's' : ''} a Shopify refresh token, which the gateway must store encrypted; export STOCKGRAPH_SECRET_KEY=$(openssl rand -base64 32) (keep it: the stored token cannot be read without it)`,
  ];
}
