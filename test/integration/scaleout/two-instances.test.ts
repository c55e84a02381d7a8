import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { checkSharedServices } from '../../support/shared-services.ts';
import { ADJUST, AUDIT, type AuditData, type ChangesPayload } from '../stock-changes/inventory-documents.ts';
import type { GatewayProcess } from './gateway-process.ts';
import { LEVEL, SHOP_PRODUCTS, startScaleoutFixture, type ScaleoutFixture } from './scaleout-fixture.ts';

// Needs PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379): skips outside CI without them, fails in CI.
const services = await checkSharedServices(['postgres', 'redis']);

interface ShopPage {
  products: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string; sku: string | null; inventoryLevels: Array<{ locationId: string; available: number }> }> };
}
type Level = { product: { inventoryLevels: Array<{ locationId: string; available: number }> } };

const REQUEST_TIMEOUT_MS = 8_000;
const LEASE_MARGIN_MS = 1_000;

describe.skipIf(!services.available)('two gateway processes on one PostgreSQL and one Redis', () => {
  let fixture: ScaleoutFixture;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let products: ShopPage['products']['nodes'];

  beforeAll(async () => {
    // A 1,000-point bucket restoring 400/s, so a burst to both instances must be paced.
    fixture = await startScaleoutFixture({ bucket: { maximumAvailable: 1_000, restoreRate: 400 }, requestTimeoutMs: REQUEST_TIMEOUT_MS, leaseMarginMs: LEASE_MARGIN_MS });
    [a, b] = await Promise.all([fixture.start('instance A'), fixture.start('instance B')]);
    const page = await postGraphQL<ShopPage>(a.url, SHOP_PRODUCTS, { first: 20 });
    expect(page.errors).toBeUndefined();
    products = page.data!.products.nodes.filter((product) => product.inventoryLevels.length > 0);
    expect(products.length).toBeGreaterThan(5);
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  }, 60_000);

  const level = async (gateway: GatewayProcess, productId: string, locationId: string) => {
    const answer = await postGraphQL<Level>(gateway.url, LEVEL, { id: productId });
    expect(answer.errors).toBeUndefined();
    return answer.data!.product.inventoryLevels.find((entry) => entry.locationId === locationId)!.available;
  };
  const adjust = (gateway: GatewayProcess, key: string, productId: string, locationId: string, delta: number) =>
    postGraphQL<{ adjustInventoryQuantities: ChangesPayload }>(gateway.url, ADJUST, {
      input: { idempotencyKey: key, reason: 'scale-out test', changes: [{ productId, locationId, delta }] },
    });
  const mutationsSent = () => fixture.sim.server.count((entry) => entry.operation.toLowerCase().includes('adjust'));

  it('shares one Shopify cost bucket: a burst to both instances is paced and never THROTTLED', async () => {
    fixture.sim.bucket.drainTo(1_000);
    const before = fixture.sim.server.count();
    // 6 pages of 20 variants with levels (362 points each), half to each instance, all at once:
    // over two bucketfuls, so both must wait for the same points (each alone believing it had the
    // whole bucket would send 1,086 points at once: THROTTLED). About 3 s of pacing, well inside
    // the 8 s deadline even on a busy machine. Page sizes differ (20..25): identical listings at
    // once would share one read per instance (listing single flight).
    const pages = await Promise.all(
      Array.from({ length: 6 }, (_, index) => postGraphQL<ShopPage>(index % 2 ? a.url : b.url, SHOP_PRODUCTS.replace('query Shop', `query Shop${index}`), { first: 20 + index })),
    );
    for (const page of pages) expect(page.errors).toBeUndefined();
    expect(fixture.sim.server.count() - before).toBeGreaterThanOrEqual(6);
    expect(fixture.throttled()).toBe(0);
    expect(fixture.sim.bucket.minimumLevel).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('sends one vendor write for concurrent duplicates sent to both instances', async () => {
    const product = products[0]!;
    const location = product.inventoryLevels[0]!;
    const start = await level(a, product.id, location.locationId);
    const sentBefore = mutationsSent();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => adjust(index % 2 ? a : b, 'dup-key-1', product.id, location.locationId, 3)));
    const applied = answers.filter((answer) => answer.data?.adjustInventoryQuantities.results[0]?.status === 'APPLIED');
    const inProgress = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'IDEMPOTENCY_IN_PROGRESS');
    expect(applied.length + inProgress.length).toBe(10);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    for (const answer of inProgress) expect(answer.errors![0]!.extensions!.retryable).toBe(true);
    // Retries after the run answer the stored result on either instance, without a vendor call.
    const replays = await Promise.all([adjust(a, 'dup-key-1', product.id, location.locationId, 3), adjust(b, 'dup-key-1', product.id, location.locationId, 3)]);
    for (const replay of replays) expect(replay.data!.adjustInventoryQuantities.results[0]!.status).toBe('APPLIED');
    expect(mutationsSent() - sentBefore).toBe(1);
    expect(await level(b, product.id, location.locationId)).toBe(start + 3);
  }, 60_000);

  it('keeps cache and audit consistent: a write through A drops B\'s cached read, and B lists A\'s audit entry', async () => {
    const product = products[1]!;
    const location = product.inventoryLevels[0]!;
    const cachedOnB = await level(b, product.id, location.locationId);
    const readsBefore = fixture.sim.server.count();
    expect(await level(b, product.id, location.locationId)).toBe(cachedOnB);
    expect(fixture.sim.server.count()).toBe(readsBefore); // served from B's cache
    const write = await adjust(a, 'cache-key-1', product.id, location.locationId, -2);
    expect(write.data!.adjustInventoryQuantities.results[0]).toMatchObject({ status: 'APPLIED', before: cachedOnB, after: cachedOnB - 2 });
    expect(await level(b, product.id, location.locationId)).toBe(cachedOnB - 2);
    const audit = await postGraphQL<AuditData>(b.url, AUDIT, { filter: { idempotencyKey: 'cache-key-1' }, first: 10 });
    expect(audit.errors).toBeUndefined();
    expect(audit.data!.inventoryChanges.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ productId: product.id, locationId: location.locationId, before: cachedOnB, after: cachedOnB - 2, idempotencyKey: 'cache-key-1' }),
    ]);
  }, 60_000);

  it('survives an instance killed mid-write: the lease expires, the retry on the other applies the change once', async () => {
    const product = products[2]!;
    const location = product.inventoryLevels[0]!;
    const start = await level(b, product.id, location.locationId);
    const keysBefore = fixture.sim.idempotency.size;
    const release = fixture.sim.holdMutations();
    void adjust(a, 'killed-key-1', product.id, location.locationId, 5).catch(() => undefined);
    await until(() => fixture.sim.idempotency.size > keysBefore); // A's write reached Shopify and waits there
    await a.kill();
    release(); // Shopify applies the write A sent; nobody hears the answer.
    const whileLeased = await adjust(b, 'killed-key-1', product.id, location.locationId, 5);
    expect(whileLeased.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', retryable: true });
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS + LEASE_MARGIN_MS + 200));
    const retried = await adjust(b, 'killed-key-1', product.id, location.locationId, 5);
    expect(retried.data!.adjustInventoryQuantities.results[0]).toMatchObject({ status: 'APPLIED' });
    // Re-sent under the same @idempotent key, so Shopify applied it once.
    expect(await level(b, product.id, location.locationId)).toBe(start + 5);
    const audit = await postGraphQL<AuditData>(b.url, AUDIT, { filter: { idempotencyKey: 'killed-key-1' }, first: 10 });
    expect(audit.data!.inventoryChanges.edges).toHaveLength(1);
  }, 60_000);
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
