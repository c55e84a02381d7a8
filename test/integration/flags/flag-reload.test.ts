import { afterEach, describe, expect, it } from 'vitest';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import { createFlagService } from '../../../src/flags/create-flag-service.ts';
import type { GrowthBookFlagService } from '../../../src/flags/growthbook-flag-service.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { capturingLogger, featuresPayload, off, reloadSatisfying, startFileFlagService, tempFlagsFile } from './flags-test-kit.ts';

const FLAGS_QUERY = '{ featureFlags { name enabled value source reason } }';
interface FlagsData {
  featureFlags: Array<{ name: string; enabled: boolean; value: string | null; source: string; reason: string }>;
}

let gateway: TestGateway | undefined;
let service: GrowthBookFlagService | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await gateway?.close();
  await service?.close();
  await cleanup?.();
  gateway = service = cleanup = undefined;
});

async function flagState(url: string, flag: string) {
  const response = await postGraphQL<FlagsData>(url, FLAGS_QUERY);
  expect(response.errors).toBeUndefined();
  return response.data!.featureFlags.find((entry) => entry.name === flag);
}

describe('a flags file', () => {
  it('is re-read when edited while the server runs: the next request sees the change', async () => {
    const file = await tempFlagsFile(featuresPayload());
    cleanup = file.remove;
    service = await startFileFlagService(file.path);
    gateway = await startGatewayWithSources([fakeVendorSource('vendor-a', 1).source], { services: { flags: service } });
    expect(await flagState(gateway.url, FeatureFlag.DEBUG_MODE)).toEqual({
      name: 'debug_mode',
      enabled: true,
      value: 'true',
      source: file.path,
      reason: 'defaultValue',
    });

    const before = service.status().fingerprint;
    const reloaded = reloadSatisfying(service, (outcome) => outcome.ok && outcome.fingerprint !== before);
    await file.write(featuresPayload({ debug_mode: off }));
    await reloaded; // the watcher's reload event, no fixed sleep
    expect(await flagState(gateway.url, FeatureFlag.DEBUG_MODE)).toMatchObject({ enabled: false, value: 'false' });
  });

  it('reports a flag the file does not define as "default" (off)', async () => {
    const file = await tempFlagsFile(JSON.stringify({ features: { debug_mode: { defaultValue: false } } }));
    cleanup = file.remove;
    service = await startFileFlagService(file.path);
    gateway = await startGatewayWithSources([fakeVendorSource('vendor-a', 1).source], { services: { flags: service } });
    expect(await flagState(gateway.url, FeatureFlag.BULK_OPERATIONS)).toEqual({
      name: 'bulk_operations_enabled',
      enabled: false,
      value: null,
      source: 'default',
      reason: 'unknownFeature',
    });
  });

  it('keeps the last good definitions when the file breaks, and says so in logs and /ready', async () => {
    const file = await tempFlagsFile(featuresPayload({ debug_mode: off }));
    cleanup = file.remove;
    const { logger, lines } = capturingLogger();
    service = await startFileFlagService(file.path, { logger });
    gateway = await startGatewayWithSources([fakeVendorSource('vendor-a', 1).source], { services: { flags: service } });

    const failed = reloadSatisfying(service, (outcome) => !outcome.ok); // the first load was good
    await file.write('{ "features": { "debug_mode": { "defaultValue": tru');
    const outcome = await failed;
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/not valid JSON/) });

    expect(await flagState(gateway.url, FeatureFlag.DEBUG_MODE)).toMatchObject({ enabled: false, source: file.path });
    const ready = await fetch(`${gateway.url}/ready`);
    const body = (await ready.json()) as { flags: { loaded: boolean; lastError: string | null } };
    expect(body.flags).toMatchObject({ loaded: true, lastError: expect.stringMatching(/not valid JSON/) });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'feature flag definitions could not be loaded; keeping the last good copy', level: 50 }));

    // A wrong shape is refused the same way, naming the field. (The watcher and the mtime poll may
    // both report one write, so wait for the outcome of this write, not merely the next one.)
    const refused = reloadSatisfying(service, (next) => !next.ok && next.error.includes('rules'));
    await file.write(JSON.stringify({ features: { debug_mode: { rules: 'all' } } }));
    expect(await refused).toEqual({ ok: false, error: expect.stringMatching(/features\.debug_mode\.rules/) });

    // Fixed: the error clears.
    const fixed = reloadSatisfying(service, (next) => next.ok);
    await file.write(featuresPayload());
    await fixed;
    expect(service.status().lastError).toBeNull();
    expect(await flagState(gateway.url, FeatureFlag.DEBUG_MODE)).toMatchObject({ enabled: true });
  });

  it('fails start-up with a clear message when there is no good copy', async () => {
    const file = await tempFlagsFile('not json');
    cleanup = file.remove;
    await expect(createFlagService(testConfig({ flags: { file: file.path } }), { logger: capturingLogger().logger })).rejects.toThrow(
      `feature flags: cannot load definitions from ${file.path}: ${file.path}: not valid JSON`,
    );
    await expect(createFlagService(testConfig({ flags: { file: `${file.path}.missing` } }), { logger: capturingLogger().logger })).rejects.toThrow(
      /cannot read .*feature_flags\.json\.missing \(ENOENT\)/,
    );
  });

  it('ships a default feature_flags.json defining every flag, debug_mode off', async () => {
    service = await createFlagService(testConfig(), { logger: capturingLogger().logger });
    gateway = await startGatewayWithSources([fakeVendorSource('vendor-a', 1).source], { services: { flags: service } });
    const response = await postGraphQL<FlagsData>(gateway.url, FLAGS_QUERY);
    const states = Object.fromEntries(response.data!.featureFlags.map((entry) => [entry.name, entry.enabled]));
    expect(states).toEqual({
      mcp_integration_enabled: true,
      shopify_integration_enabled: true,
      real_time_sync_enabled: true,
      bulk_operations_enabled: true,
      advanced_analytics_enabled: true,
      auto_reorder_enabled: true,
      vendor_performance_tracking: true,
      demand_forecasting_enabled: true,
      debug_mode: false,
    });
    expect(response.data!.featureFlags.every((entry) => entry.source.endsWith('feature_flags.json'))).toBe(true);
  });
});
