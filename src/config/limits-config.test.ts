import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { validateConfig } from './load-config.ts';

const base = { environment: 'development', vendors: [{ id: 'w', name: 'W', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck_x', consumerSecret: 'cs_x' }] };
const issuesOf = (document: Record<string, unknown>) => {
  try {
    validateConfig({ ...base, ...document }, {}, 'test');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
};

describe('limits, security and http configuration', () => {
  it('fills every default when nothing is given', () => {
    const config = validateConfig(base, {}, 'test');
    expect(config.limits).toMatchObject({ requestTimeoutMs: 10_000, maxDepth: 8, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxCost: 5000, maxBodyBytes: 262_144 });
    expect(config.limits.defaultQuota).toEqual({ requestsPerMinute: 600, costPerMinute: 100_000 });
    expect(config.security).toEqual({});
    expect(config.http).toMatchObject({ headersTimeoutMs: 20_000, maxConnections: 4096, executor: 'jit' });
  });

  it('takes http.executor "jit" or "graphql-js" and names the choices otherwise', () => {
    expect(validateConfig({ ...base, http: { executor: 'graphql-js' } }, {}, 'test').http.executor).toBe('graphql-js');
    expect(issuesOf({ http: { executor: 'fast' } }).join('\n')).toMatch(/http\.executor: .*"jit".*"graphql-js"/);
  });

  it('names the bad key and what it must be', () => {
    expect(issuesOf({ limits: { maxDepth: 0 } }).join('\n')).toMatch(/limits\.maxDepth: maxDepth must be at least 1/);
    expect(issuesOf({ limits: { maxCost: 1.5 } }).join('\n')).toMatch(/limits\.maxCost: maxCost must be a whole number/);
    expect(issuesOf({ auth: { apiKeys: [{ id: 'k', keyHash: `sha256:${'a'.repeat(64)}`, roles: ['viewer'], quota: { requestsPerMinute: 0, costPerMinute: 10 } }] } }).join('\n')).toMatch(
      /auth\.apiKeys\[0\]\.quota\.requestsPerMinute: requestsPerMinute must be a positive whole number/,
    );
    expect(issuesOf({ http: { cors: { origins: ['https://shop.example/app'] } } }).join('\n')).toMatch(/http\.cors\.origins\[0\]: an origin is "scheme:\/\/host\[:port\]"/);
    expect(issuesOf({ security: { trustedDocuments: { enforce: true } } }).join('\n')).toMatch(/security\.trustedDocuments\.file/);
    expect(issuesOf({ limits: { maxDeph: 3 } }).join('\n')).toMatch(/maxDeph/);
  });
});
