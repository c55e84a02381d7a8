import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startMagentoKit, type MagentoKit } from './magento-test-kit.ts';

const TOKEN = 'POST /V1/integration/admin/token';
const HOUR = 3600_000;

describe('Magento client auth with admin credentials (over HTTP)', () => {
  let rig: MagentoKit;
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const ctx = testCallContext();

  beforeAll(async () => {
    rig = await startMagentoKit({ auth: 'admin', sim: { clock }, source: { clock }, config: { inventoryMode: 'msi' } });
  });
  afterAll(() => rig.close());

  it('exchanges the credentials once for concurrent first calls', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => rig.source.productsBySkus(ctx, [`SG-${1000 + i}`])));
    expect(rig.requests(TOKEN)).toBe(1);
    expect(rig.sim.server.requestLog.filter((e) => e.status === 401)).toHaveLength(0);
  });

  it('refreshes before the 4-hour expiry, so no call is refused', async () => {
    now += 3 * HOUR + 54 * 60_000;
    await rig.source.countProducts(ctx, {});
    expect(rig.requests(TOKEN)).toBe(1);
    now += 2 * 60_000; // 3 h 56 min: inside the 5-minute margin
    await rig.source.countProducts(ctx, {});
    expect(rig.requests(TOKEN)).toBe(2);
    now += 10 * 60_000; // the first token has expired by now; the second is in use
    await rig.source.countProducts(ctx, {});
    expect(rig.requests(TOKEN)).toBe(2);
    expect(rig.sim.server.requestLog.filter((e) => e.status === 401)).toHaveLength(0);
  });

  it('answers a 401 (token revoked) with one refresh and one resend, shared by concurrent calls', async () => {
    rig.sim.tokens.revokeAdminTokens();
    rig.sim.server.clearLog();
    const counts = await Promise.all([rig.source.countProducts(ctx, {}), rig.source.countProducts(ctx, {}), rig.source.countProducts(ctx, {})]);
    expect(new Set(counts).size).toBe(1);
    expect(rig.requests(TOKEN)).toBe(1);
    expect(rig.sim.server.requestLog.filter((e) => e.status === 401)).toHaveLength(3);
    expect(rig.requests('GET /V1/products')).toBe(6);
  });
});

describe('Magento client auth failures', () => {
  it('reports wrong admin credentials as VENDOR_REJECTED without retrying the login', async () => {
    const rig = await startMagentoKit({ auth: 'admin', config: { password: 'wrong-password' } });
    try {
      const error = await rig.source.countProducts(testCallContext(), {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).code).toBe('VENDOR_REJECTED');
      expect((error as UpstreamError).message).toMatch(/sign-in was incorrect/);
      expect((error as UpstreamError).message).not.toContain('wrong-password');
      expect(rig.requests(TOKEN)).toBe(1);
    } finally {
      await rig.close();
    }
  });

  it('does not retry a refused integration token', async () => {
    const rig = await startMagentoKit({ config: { accessToken: 'revoked-integration-token' } });
    try {
      const error = await rig.source.countProducts(testCallContext(), {}).catch((e: unknown) => e);
      expect((error as UpstreamError).message).toBe("test-magento: HTTP 401: The consumer isn't authorized to access Magento_Catalog::products.");
      expect(rig.requests()).toBe(1);
    } finally {
      await rig.close();
    }
  });
});
