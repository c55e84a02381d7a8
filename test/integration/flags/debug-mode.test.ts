import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import { createAuthenticator } from '../../../src/auth/create-authenticator.ts';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import type { GrowthBookFlagService } from '../../../src/flags/growthbook-flag-service.ts';
import { Platform } from '../../../src/model/platform.ts';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { VendorHttpClient } from '../../../src/vendors/http/vendor-http-client.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { capturingLogger, featuresPayload, startFileFlagService, tempFlagsFile } from './flags-test-kit.ts';

/** A vendor whose count goes over real HTTP through VendorHttpClient (which records timings). */
function httpCountingSource(origin: string): { source: VendorSource; client: VendorHttpClient } {
  const client = new VendorHttpClient({ vendorId: 'acme-custom', origin, authHeaders: () => ({}), policy: deadlineOnlyPolicy, describeError: () => undefined });
  const unsupported = async (): Promise<never> => {
    throw new Error('not used by this test');
  };
  const source: VendorSource = {
    info: { id: 'acme-custom', name: 'Acme', platform: Platform.CUSTOM },
    limits: { maxPageSize: 10, maxBatchSize: 10 },
    async countProducts(ctx) {
      const response = await client.request(ctx, { method: 'GET', path: '/count', operation: 'countProducts', idempotent: true });
      ctx.logger.debug({ operation: 'countProducts' }, 'counted products upstream');
      return (response.body as { count: number }).count;
    },
    listProducts: unsupported,
    productsByNativeIds: unsupported,
    productsBySkus: unsupported,
    inventoryLevels: unsupported,
    stockWrites: { plan: unsupported },
  };
  return { source, client };
}

let upstream: Server | undefined;
let gateway: TestGateway | undefined;
let flags: GrowthBookFlagService | undefined;
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await gateway?.close();
  await flags?.close();
  for (const cleanup of cleanups) await cleanup();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  upstream = gateway = flags = undefined;
  cleanups = [];
});

describe('debug_mode', () => {
  it('adds upstream timings to extensions.debug and logs at debug level, for that caller only', async () => {
    upstream = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"count":5}'));
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
    const { source, client } = httpCountingSource(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    cleanups.push(() => client.close());

    const file = await tempFlagsFile(
      featuresPayload({ [FeatureFlag.DEBUG_MODE]: { defaultValue: false, rules: [{ id: 'ops-only', condition: { id: 'ops' }, force: true }] } }),
    );
    cleanups.push(file.remove);
    flags = await startFileFlagService(file.path);
    const config = testConfig({
      auth: {
        apiKeys: [
          { id: 'ops', keyHash: hashApiKey('ops-key'), roles: ['admin'] },
          { id: 'partner', keyHash: hashApiKey('partner-key'), roles: ['viewer'] },
        ],
      },
    });
    const { logger, lines } = capturingLogger('info');
    gateway = await startGatewayWithSources([source], {
      config,
      services: { flags, logger, authenticator: createAuthenticator(config) },
      schemaExtension: { typeDefs: 'type Query { upstreamCount: Int }', resolvers: { Query: { upstreamCount: (_: unknown, __: unknown, ctx: never) => source.countProducts(ctx, {}) } } },
    });

    type WithExtensions = { data?: unknown; extensions?: { debug?: { requestId: string; upstream: unknown[]; upstreamMs: number } } };
    const ops = (await postGraphQL(gateway.url, '{ upstreamCount }', {}, { 'x-api-key': 'ops-key', 'x-request-id': 'req-ops-1' })) as WithExtensions;
    expect(ops.data).toEqual({ upstreamCount: 5 });
    expect(ops.extensions?.debug).toEqual({
      requestId: 'req-ops-1',
      upstream: [{ vendorId: 'acme-custom', operation: 'countProducts', ms: expect.any(Number), status: 200 }],
      upstreamMs: expect.any(Number),
    });
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, requestId: 'req-ops-1', msg: 'counted products upstream' }));

    const partner = (await postGraphQL(gateway.url, '{ upstreamCount }', {}, { 'x-api-key': 'partner-key', 'x-request-id': 'req-partner-1' })) as WithExtensions;
    expect(partner.data).toEqual({ upstreamCount: 5 });
    expect(partner.extensions?.debug).toBeUndefined();
    expect(lines.filter((line) => line.requestId === 'req-partner-1' && line.level === 20)).toEqual([]);
  });
});
