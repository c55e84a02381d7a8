import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { validateConfig } from './load-config.ts';
import { redactCredentials, redactUrl } from './redact-url.ts';

const vendor = { id: 'acme', name: 'Acme', platform: 'woocommerce', baseUrl: 'https://shop.example.com', consumerKey: '${WOO_KEY}', consumerSecret: '${WOO_SECRET}' };
const env = { WOO_KEY: 'ck', WOO_SECRET: 'cs', DATABASE_URL: 'postgres://app:s3cret@db:5432/sg', REDIS_URL: 'redis://:r3dis@cache:6379/0' };

function messagesOf(document: Record<string, unknown>): string {
  try {
    validateConfig({ environment: 'production', vendors: [vendor], ...document }, env, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('store.postgres and redis configuration', () => {
  it('takes both from ${ENV_VAR} references, with defaults for the rest', () => {
    const config = validateConfig({ environment: 'production', vendors: [vendor], store: { postgres: { url: '${DATABASE_URL}' } }, redis: { url: '${REDIS_URL}' } }, env, 'test');
    expect(config.store.postgres).toEqual({ url: env.DATABASE_URL, schema: 'stockgraph', poolSize: 10, statementTimeoutMs: 5_000 });
    expect(config.redis).toEqual({ url: env.REDIS_URL, keyPrefix: 'stockgraph:', localBudgetFraction: 0.25, degradedLogIntervalMs: 60_000, commandTimeoutMs: 1_000, syncLeaseTtlMs: 30_000 });
  });

  it('is one process on SQLite when neither is configured', () => {
    const config = validateConfig({ environment: 'production', vendors: [vendor] }, env, 'test');
    expect(config.store.postgres).toBeUndefined();
    expect(config.redis).toBeUndefined();
  });

  it('refuses inline connection URLs in production (they may hold a password), without echoing them', () => {
    const message = messagesOf({ store: { postgres: { url: 'postgres://app:inline-pw@db/sg' } }, redis: { url: 'redis://:inline-pw@cache:6379' } });
    expect(message).toContain('store.postgres.url: may hold a password, so it must be a ${ENV_VAR} reference in production');
    expect(message).toContain('redis.url: may hold a password');
    expect(message).not.toContain('inline-pw');
  });

  it('names a URL of the wrong kind and a bad fraction', () => {
    const message = messagesOf({ store: { postgres: { url: '${REDIS_URL}' } }, redis: { url: '${REDIS_URL}', localBudgetFraction: 2 } });
    expect(message).toContain('store.postgres.url: must be a postgres or postgresql URL such as postgres://user:password@db:5432/stockgraph');
    expect(message).toContain('redis.localBudgetFraction');
    expect(message).not.toContain('r3dis');
  });

  it('refuses a sync lease too short to renew', () => {
    expect(messagesOf({ redis: { url: '${REDIS_URL}', syncLeaseTtlMs: 100 } })).toContain('redis.syncLeaseTtlMs: must be at least 300 ms');
  });

  it('redacts passwords from URLs and from driver messages', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/sg')).toBe('postgres://app:***@db:5432/sg');
    expect(redactCredentials('connect ECONNREFUSED for redis://:r3dis@cache:6379 and postgres://u:p@h/d')).toBe(
      'connect ECONNREFUSED for redis://:***@cache:6379 and postgres://u:***@h/d',
    );
  });
});
