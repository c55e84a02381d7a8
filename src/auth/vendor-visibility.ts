import type { FlagEvaluator } from '../flags/flag-evaluator.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import { assertNever, Platform } from '../model/platform.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import type { VendorSource } from '../vendors/vendor-source.ts';
import type { Caller } from '../model/caller.ts';

/** The slice of a request context visibility needs (a RequestContext satisfies it). */
export interface VisibilityContext {
  readonly caller: Caller;
  readonly flags: FlagEvaluator;
  readonly services: { readonly registry: VendorRegistry };
}

/**
 * The one answer to "which vendors may this request use": the caller's vendor scope AND the
 * integration flag of the vendor's platform (`shopify_integration_enabled` off hides every
 * Shopify vendor from that caller). Catalog, stock writes, sync, audit and demand planning all
 * ask here, before any upstream call, so a hidden vendor is never called nor changed.
 */
export function mayUseVendor(ctx: VisibilityContext, vendorId: string): boolean {
  const vendor = ctx.services.registry.find(vendorId);
  return vendor !== undefined && isVisible(ctx, vendor);
}

/** The vendors this request may use, in registry (paging) order. */
export function visibleVendors(ctx: VisibilityContext): VendorSource[] {
  return ctx.services.registry.all.filter((vendor) => isVisible(ctx, vendor));
}

export function visibleVendorIds(ctx: VisibilityContext): string[] {
  return visibleVendors(ctx).map((vendor) => vendor.info.id);
}

function isVisible(ctx: VisibilityContext, vendor: VendorSource): boolean {
  const scope = ctx.caller.vendorScope;
  if (scope !== null && !scope.has(vendor.info.id)) return false;
  const flag = integrationFlag(vendor.info.platform);
  return flag === null || ctx.flags.isOn(flag);
}

/** The flag that switches a whole platform's integration, if any. */
function integrationFlag(platform: Platform): FeatureFlag | null {
  switch (platform) {
    case Platform.SHOPIFY:
      return FeatureFlag.SHOPIFY_INTEGRATION;
    case Platform.WOOCOMMERCE:
    case Platform.MAGENTO:
    case Platform.CUSTOM:
      return null;
    default:
      return assertNever(platform, 'platform');
  }
}
