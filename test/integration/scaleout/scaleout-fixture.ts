import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { stringify } from 'yaml';
import { startShopifySimulator, type ShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import { POSTGRES_URL, REDIS_URL, uniqueName } from '../../support/shared-services.ts';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.ts';

export interface ScaleoutFixture {
  readonly sim: ShopifySimulator;
  readonly configPath: string;
  readonly env: Record<string, string>;
  /** THROTTLED answers the simulator gave (its bucket refused a query). */
  throttled(): number;
  start(name: string): Promise<GatewayProcess>;
  close(): Promise<void>;
}

export interface ScaleoutFixtureOptions {
  readonly bucket: { readonly maximumAvailable: number; readonly restoreRate: number };
  readonly requestTimeoutMs: number;
  readonly leaseMarginMs: number;
  /** Override the service URLs (a cuttable proxy in front of them). */
  readonly postgresUrl?: string;
  readonly redisUrl?: string;
  /** Products in the simulated shop (its default otherwise). */
  readonly productCount?: number;
  /** Sync jobs: SKUs per page, and the lease that decides which instance runs a job. */
  readonly sync?: { readonly pageSize: number; readonly leaseTtlMs: number };
}

/**
 * A Shopify simulator in this process and the configuration every gateway process of the test
 * shares: the simulator as the vendor, PostgreSQL in a schema of its own, Redis under a key prefix
 * of its own (other runs on the machine never collide). `close` drops the schema and the keys.
 */
export async function startScaleoutFixture(options: ScaleoutFixtureOptions): Promise<ScaleoutFixture> {
  const sim = await startShopifySimulator({ bucket: options.bucket, ...(options.productCount ? { productCount: options.productCount } : {}) });
  let throttled = 0;
  const tryTake = sim.bucket.tryTake.bind(sim.bucket);
  sim.bucket.tryTake = (cost: number) => {
    const taken = tryTake(cost);
    if (!taken) throttled += 1;
    return taken;
  };
  const dir = mkdtempSync(join(tmpdir(), 'stockgraph-scaleout-'));
  const schema = uniqueName('sg_scaleout');
  const keyPrefix = `${uniqueName('sg-scaleout')}:`;
  const configPath = join(dir, 'stockgraph.config.yaml');
  writeFileSync(
    configPath,
    stringify({
      environment: 'development',
      vendors: [
        {
          id: 'shop', name: 'Shop', platform: 'shopify', shopDomain: sim.shopDomain, accessToken: '${SHOP_TOKEN}', endpoint: sim.url,
          ...(options.sync ? { sync: { pageSize: options.sync.pageSize } } : {}),
        },
      ],
      limits: { requestTimeoutMs: options.requestTimeoutMs },
      cache: { ttlMs: 60_000 },
      store: {
        sqlitePath: join(dir, 'unused.db'),
        idempotencyLeaseMarginMs: options.leaseMarginMs,
        postgres: { url: '${DATABASE_URL}', schema },
      },
      redis: { url: '${REDIS_URL}', keyPrefix, commandTimeoutMs: 500, ...(options.sync ? { syncLeaseTtlMs: options.sync.leaseTtlMs } : {}) },
    }),
  );
  const env = { SHOP_TOKEN: sim.accessToken, DATABASE_URL: options.postgresUrl ?? POSTGRES_URL, REDIS_URL: options.redisUrl ?? REDIS_URL };
  const processes: GatewayProcess[] = [];
  return {
    sim,
    configPath,
    env,
    throttled: () => throttled,
    async start(name) {
      const gateway = await startGatewayProcess(configPath, env, name);
      processes.push(gateway);
      return gateway;
    },
    async close() {
      await Promise.all(processes.map((gateway) => gateway.stop()));
      await sim.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SHOP_PRODUCTS = `query Shop($first: Int!, $after: String) {
  products(vendorId: "shop", first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id sku inventoryLevels { locationId available } }
  }
}`;

export const LEVEL = `query Level($id: ID!) { product(id: $id) { id inventoryLevels { locationId available } } }`;
