import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { checkConfigRules } from './check-config-rules.ts';
import { ConfigError, formatPath } from './config-error.ts';
import { Environment, gatewayConfigSchema, type GatewayConfig } from './config-schema.ts';
import { interpolateEnv } from './interpolate-env.ts';
import { secretKeyIssues } from './secret-key-rule.ts';

export interface ConfigSources {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Where the configuration comes from, in order: `--config FILE`, `STOCKGRAPH_CONFIG`, the
 * one-vendor Shopify env vars, or nothing at all (demo mode, the caller starts the simulators).
 */
export type ConfigPlan =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'shopify-env' }
  | { readonly kind: 'demo' };

export function planConfig({ argv, env }: ConfigSources): ConfigPlan {
  const flagIndex = argv.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
  if (flagIndex >= 0) {
    const arg = argv[flagIndex] ?? '';
    const path = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flagIndex + 1];
    if (!path) throw new ConfigError(['--config: give the path of a stockgraph.config.yaml file'], 'command line');
    return { kind: 'file', path };
  }
  if (env.STOCKGRAPH_CONFIG) return { kind: 'file', path: env.STOCKGRAPH_CONFIG };
  if (env.SHOPIFY_SHOP_DOMAIN || env.SHOPIFY_ACCESS_TOKEN) return { kind: 'shopify-env' };
  return { kind: 'demo' };
}

/** Reads and validates a config file; throws ConfigError naming every bad field. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError([`cannot read config file "${path}" (${code}); check the path given by --config or STOCKGRAPH_CONFIG`], path);
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(document.errors.map((error) => `YAML syntax: ${error.message.split('\n')[0]}`), path);
  }
  return validateConfig(document.toJS() ?? {}, env, path);
}

/** The seed's one-vendor shortcut: SHOPIFY_SHOP_DOMAIN + SHOPIFY_ACCESS_TOKEN. */
export function configFromShopifyEnv(env: NodeJS.ProcessEnv): GatewayConfig {
  const missing = ['SHOPIFY_SHOP_DOMAIN', 'SHOPIFY_ACCESS_TOKEN'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name}: is not set; the Shopify shortcut needs both SHOPIFY_SHOP_DOMAIN and SHOPIFY_ACCESS_TOKEN`), 'environment');
  }
  const document = {
    vendors: [
      {
        id: 'shopify',
        name: env.SHOPIFY_SHOP_DOMAIN,
        platform: 'shopify',
        shopDomain: '${SHOPIFY_SHOP_DOMAIN}',
        accessToken: '${SHOPIFY_ACCESS_TOKEN}',
        ...(env.SHOPIFY_API_VERSION ? { apiVersion: '${SHOPIFY_API_VERSION}' } : {}),
        ...(env.SHOPIFY_ENDPOINT ? { endpoint: '${SHOPIFY_ENDPOINT}' } : {}),
      },
    ],
  };
  return validateConfig(document, env, 'environment (SHOPIFY_SHOP_DOMAIN)');
}

/** Validates a parsed config document (from YAML or built in code) with env interpolation and overrides. */
export function validateConfig(document: unknown, env: NodeJS.ProcessEnv, source: string, demo = false): GatewayConfig {
  const interpolated = interpolateEnv(document, env);
  if (interpolated.issues.length > 0) throw new ConfigError(interpolated.issues, source);
  const withOverrides = applyEnvOverrides(interpolated.value, env);
  // reportInput: an issue carries the value it saw, so "is required" is said only of a missing field
  // (a number where a string belongs keeps its own message). Messages never print the value.
  const parsed = gatewayConfigSchema.safeParse(withOverrides, { reportInput: true });
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error.issues), source);
  const ruleIssues = [...checkConfigRules(parsed.data, interpolated.interpolatedPaths), ...secretKeyIssues(parsed.data, env)];
  if (ruleIssues.length > 0) throw new ConfigError(ruleIssues, source);
  return Object.freeze({ ...parsed.data, demo, source });
}

function applyEnvOverrides(document: unknown, env: NodeJS.ProcessEnv): unknown {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return document;
  const out: Record<string, unknown> = { ...(document as Record<string, unknown>) };
  if (env.ENVIRONMENT) {
    out.environment = env.ENVIRONMENT === 'dev' ? Environment.DEVELOPMENT : env.ENVIRONMENT;
  }
  if (env.FEATURE_FLAGS_FILE) out.flags = { file: env.FEATURE_FLAGS_FILE };
  return out;
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = formatPath(issue.path);
    if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator' && issue.path.at(-1) === 'platform') {
      return `${where}: unknown platform; use one of shopify, woocommerce, magento, custom`;
    }
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}; remove them or check the spelling`;
    }
    // zod reports a fraction given for an integer as invalid_type "int", also without input.
    if (issue.code === 'invalid_type' && issue.input === undefined && issue.expected !== 'int') {
      return `${where}: is required`;
    }
    return `${where}: ${issue.message}`;
  });
}
