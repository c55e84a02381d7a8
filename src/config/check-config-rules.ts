import { formatPath } from './config-error.ts';
import { SECRET_FIELD_NAMES } from './config-fields.ts';
import { Environment, type GatewayConfig } from './config-schema.ts';
import { supplierRules } from './purchasing-config.ts';

type ParsedConfig = Omit<GatewayConfig, 'demo' | 'source'>;

/** Rules that span fields, checked after the schema: each returns issues naming the field and the fix. */
export function checkConfigRules(config: ParsedConfig, interpolatedPaths: ReadonlySet<string>): string[] {
  return [
    ...uniqueVendorIds(config),
    ...httpsInProduction(config),
    ...secretsFromEnvironment(config, interpolatedPaths),
    ...scopesNameKnownVendors(config),
    ...connectionUrlsFromEnvironment(config, interpolatedPaths),
    ...supplierRules(config.suppliers),
    ...purchasingWebhookInProduction(config),
  ];
}

function uniqueVendorIds(config: ParsedConfig): string[] {
  const seen = new Set<string>();
  return config.vendors.flatMap((vendor, index) => {
    if (seen.has(vendor.id)) return [`vendors[${index}].id: "${vendor.id}" is used by another vendor; ids must be unique`];
    seen.add(vendor.id);
    return [];
  });
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function httpsInProduction(config: ParsedConfig): string[] {
  if (config.environment !== Environment.PRODUCTION) return [];
  return config.vendors.flatMap((vendor, index) => {
    const field = 'endpoint' in vendor ? 'endpoint' : 'baseUrl';
    const value = 'endpoint' in vendor ? vendor.endpoint : 'baseUrl' in vendor ? vendor.baseUrl : undefined;
    if (!value) return [];
    const url = new URL(value);
    if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return [];
    return [`vendors[${index}].${field}: must use https in production (plain http is only allowed on a loopback address)`];
  });
}

function secretsFromEnvironment(config: ParsedConfig, interpolatedPaths: ReadonlySet<string>): string[] {
  if (config.environment !== Environment.PRODUCTION) return [];
  const issues: string[] = [];
  const visit = (node: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const childPath = [...path, key];
        if (typeof value === 'string' && SECRET_FIELD_NAMES.has(key) && !interpolatedPaths.has(formatPath(childPath))) {
          issues.push(`${formatPath(childPath)}: secrets must be given as \${ENV_VAR} references in production, not inline`);
        } else visit(value, childPath);
      }
    }
  };
  visit({ vendors: config.vendors, flags: config.flags, auth: config.auth, purchasing: config.purchasing }, []);
  return issues;
}

function scopesNameKnownVendors(config: ParsedConfig): string[] {
  const ids = new Set(config.vendors.map((vendor) => vendor.id));
  return config.auth.apiKeys.flatMap((key, index) =>
    (key.vendors ?? [])
      .filter((vendorId) => !ids.has(vendorId))
      .map((vendorId) => `auth.apiKeys[${index}].vendors: "${vendorId}" is not a configured vendor id`),
  );
}

/** `store.postgres.url` and `redis.url` may hold a password: references only, in production. */
function connectionUrlsFromEnvironment(config: ParsedConfig, interpolatedPaths: ReadonlySet<string>): string[] {
  if (config.environment !== Environment.PRODUCTION) return [];
  const urls: Array<[string, string | undefined]> = [
    ['store.postgres.url', config.store.postgres?.url],
    ['redis.url', config.redis?.url],
  ];
  return urls
    .filter(([path, value]) => value !== undefined && !interpolatedPaths.has(path))
    .map(([path]) => `${path}: may hold a password, so it must be a \${ENV_VAR} reference in production (for example "\${DATABASE_URL}"), not inline`);
}

/** Orders carry prices and quantities: in production they go out over https (or to a loopback bridge). */
function purchasingWebhookInProduction(config: ParsedConfig): string[] {
  const url = config.purchasing.webhookUrl;
  if (config.environment !== Environment.PRODUCTION || url === undefined) return [];
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname) ? [] : ['purchasing.webhookUrl: must use https in production (plain http is only allowed on a loopback address)'];
}
