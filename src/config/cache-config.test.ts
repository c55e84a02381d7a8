import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { validateConfig } from './load-config.ts';

const vendors = [{ id: 'acme-woo', name: 'ACME Woo', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck_x', consumerSecret: 'cs_x' }];

describe('the cache section of the config', () => {
  it('defaults to a 5 s TTL, 10 minutes for location lists, 10,000 entries, no listing TTL and listing single flight', () => {
    expect(validateConfig({ environment: 'development', vendors }, {}, 'test').cache).toEqual({
      ttlMs: 5_000,
      locationsTtlMs: 600_000,
      maxEntries: 10_000,
      listingTtlMs: 0,
      listingSingleFlight: true,
    });
  });

  it('takes a TTL and a size', () => {
    expect(validateConfig({ environment: 'development', vendors, cache: { ttlMs: 2_000, maxEntries: 500, locationsTtlMs: 60_000 } }, {}, 'test').cache).toEqual({
      ttlMs: 2_000,
      locationsTtlMs: 60_000,
      maxEntries: 500,
      listingTtlMs: 0,
      listingSingleFlight: true,
    });
  });

  it('refuses a TTL that would serve stale stock for minutes, naming the field', () => {
    const attempt = () => validateConfig({ environment: 'development', vendors, cache: { ttlMs: 600_000 } }, {}, 'test');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/cache\.ttlMs: at most 300000/);
  });
});
