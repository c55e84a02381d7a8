import { afterEach, describe, expect, it } from 'vitest';
import { CallerRole, effectiveRoles, type Caller } from '../../../src/model/caller.ts';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import type { OnEvaluate } from '../../../src/flags/growthbook-evaluator.ts';
import type { GrowthBookFlagService } from '../../../src/flags/growthbook-flag-service.ts';
import { featuresPayload, startFileFlagService, tempFlagsFile } from './flags-test-kit.ts';

function viewer(id: string, roles: CallerRole[] = [CallerRole.VIEWER], vendors: string[] | null = null): Caller {
  return { id, kind: 'api-key', roles: effectiveRoles(roles), vendorScope: vendors ? new Set(vendors) : null };
}

/** GrowthBook's hash v2 (FNV-1a 32, twice), written out independently of the SDK. */
function growthBookHashV2(seed: string, value: string): number {
  const fnv = (text: string) => {
    let hash = 0x811c9dc5;
    for (let index = 0; index < text.length; index += 1) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  };
  return (fnv(String(fnv(seed + value))) % 10000) / 10000;
}

const services: GrowthBookFlagService[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serviceFrom(text: string, onEvaluate?: OnEvaluate): Promise<GrowthBookFlagService> {
  const file = await tempFlagsFile(text);
  cleanups.push(file.remove);
  const service = await startFileFlagService(file.path, { onEvaluate });
  services.push(service);
  return service;
}

describe('percentage rollouts', () => {
  const rollout = featuresPayload({
    [FeatureFlag.DEMAND_FORECASTING]: {
      defaultValue: false,
      rules: [{ id: 'fr-20', coverage: 0.2, force: true, hashAttribute: 'id', hashVersion: 2, seed: 'demand_forecasting_enabled' }],
    },
  });
  const ids = Array.from({ length: 10_000 }, (_, index) => `user-${index}`);

  it('enables 20% ± 1.5% of 10,000 users, each by GrowthBook\'s own hash, stable across restarts', async () => {
    const first = await serviceFrom(rollout);
    const second = await serviceFrom(rollout); // an independent instance, as after a restart
    let enabled = 0;
    for (const id of ids) {
      const on = first.forCaller(viewer(id)).isOn(FeatureFlag.DEMAND_FORECASTING);
      expect(second.forCaller(viewer(id)).isOn(FeatureFlag.DEMAND_FORECASTING)).toBe(on);
      expect(on).toBe(growthBookHashV2('demand_forecasting_enabled', id) <= 0.2);
      if (on) enabled += 1;
    }
    expect(enabled / ids.length).toBeGreaterThanOrEqual(0.185);
    expect(enabled / ids.length).toBeLessThanOrEqual(0.215);
  });

  it('gives a user the same answer on every request', async () => {
    const service = await serviceFrom(rollout);
    for (const id of ids.slice(0, 200)) {
      const answers = new Set([1, 2, 3].map(() => service.forCaller(viewer(id)).isOn(FeatureFlag.DEMAND_FORECASTING)));
      expect(answers.size).toBe(1);
    }
  });
});

describe('targeting by caller attributes', () => {
  it('an admin-only flag is on for admins and off for viewers', async () => {
    const service = await serviceFrom(
      featuresPayload({
        [FeatureFlag.VENDOR_PERFORMANCE_TRACKING]: { defaultValue: false, rules: [{ id: 'admins', condition: { roles: { $elemMatch: { $eq: 'admin' } } }, force: true }] },
      }),
    );
    expect(service.forCaller(viewer('ops', [CallerRole.ADMIN])).isOn(FeatureFlag.VENDOR_PERFORMANCE_TRACKING)).toBe(true);
    expect(service.forCaller(viewer('partner', [CallerRole.VIEWER])).isOn(FeatureFlag.VENDOR_PERFORMANCE_TRACKING)).toBe(false);
    expect(service.forCaller(viewer('tool', [CallerRole.INVENTORY_WRITE])).isOn(FeatureFlag.VENDOR_PERFORMANCE_TRACKING)).toBe(false);
  });

  it('targets by vendor scope and environment', async () => {
    const service = await serviceFrom(
      featuresPayload({
        [FeatureFlag.REAL_TIME_SYNC]: { defaultValue: false, rules: [{ condition: { vendors: { $in: ['acme-woo'] } }, force: true }] },
        [FeatureFlag.AUTO_REORDER]: { defaultValue: true, rules: [{ condition: { environment: 'development' }, force: false }] },
      }),
    );
    expect(service.forCaller(viewer('a', [CallerRole.VIEWER], ['acme-woo'])).isOn(FeatureFlag.REAL_TIME_SYNC)).toBe(true);
    expect(service.forCaller(viewer('a2', [CallerRole.VIEWER], ['acme-shopify', 'acme-woo'])).isOn(FeatureFlag.REAL_TIME_SYNC)).toBe(true);
    expect(service.forCaller(viewer('b', [CallerRole.VIEWER], ['acme-shopify'])).isOn(FeatureFlag.REAL_TIME_SYNC)).toBe(false);
    expect(service.forCaller(viewer('d')).isOn(FeatureFlag.REAL_TIME_SYNC)).toBe(false); // unscoped: `vendors` is empty
    expect(service.forCaller(viewer('c')).isOn(FeatureFlag.AUTO_REORDER)).toBe(false); // the kit runs as development
  });

  it('reports each evaluation once per request to onEvaluate', async () => {
    const seen: string[] = [];
    const service = await serviceFrom(featuresPayload(), (flag, on) => seen.push(`${flag}=${on}`));
    const flags = service.forCaller(viewer('x'));
    flags.isOn(FeatureFlag.DEBUG_MODE);
    flags.isOn(FeatureFlag.DEBUG_MODE);
    flags.explain(FeatureFlag.DEBUG_MODE);
    expect(seen).toEqual(['debug_mode=true']);
  });
});
