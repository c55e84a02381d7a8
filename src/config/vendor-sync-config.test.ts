import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { validateConfig } from './load-config.ts';

const withSync = (sync: unknown) => () =>
  validateConfig(
    {
      environment: 'development',
      vendors: [{ id: 'acme-woo', name: 'Woo', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck_x', consumerSecret: 'cs_x', sync }],
    },
    {},
    'test',
  );

describe('vendors[].sync', () => {
  it('accepts a schedule and a page size', () => {
    const config = withSync({ incrementalEverySeconds: 300, pageSize: 50 })();
    expect(config.vendors[0]!.sync).toEqual({ incrementalEverySeconds: 300, pageSize: 50 });
  });

  it.each([
    [{ incrementalEverySeconds: 0 }, 'vendors[0].sync.incrementalEverySeconds: must be at least 1 second'],
    [{ incrementalEverySeconds: 2.5 }, 'vendors[0].sync.incrementalEverySeconds: must be a whole number of seconds'],
    [{ incrementalEverySeconds: '5m' }, 'vendors[0].sync.incrementalEverySeconds: must be a number of seconds, e.g. 300'],
    [{ incrementalEverySeconds: 90_000 }, 'vendors[0].sync.incrementalEverySeconds: must be at most 86400 seconds (one day)'],
    [{ pageSize: 0 }, 'vendors[0].sync.pageSize: must be at least 1'],
    [{ everySeconds: 60 }, 'vendors[0].sync'],
  ])('refuses %j, naming the field', (sync, message) => {
    expect(withSync(sync)).toThrow(ConfigError);
    expect(withSync(sync)).toThrow(message);
  });
});
