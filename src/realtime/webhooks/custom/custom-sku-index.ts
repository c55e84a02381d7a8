import type { Logger } from 'pino';
import type { KeyLookupConfig } from '../../../config/vendors/custom/custom-list-config.ts';
import type { CustomLookup } from '../../../vendors/custom/custom-lookup.ts';
import { backgroundCall } from '../../events/background-call.ts';

/**
 * SKU → native id for a custom vendor whose webhook events name items by SKU only: the SKUs of one
 * delivery are read in one batched `lookup.bySkus` call (config validation requires it then). A
 * SKU the vendor does not know answers null; a failed lookup throws, so the delivery is answered
 * 500 and the vendor's retry applies it.
 */
export class CustomSkuIndex {
  constructor(
    private readonly lookup: CustomLookup,
    private readonly bySkus: KeyLookupConfig,
    private readonly skuPath: string,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  async nativeIdsOf(skus: readonly string[]): Promise<ReadonlyMap<string, string | null>> {
    const ctx = backgroundCall(this.logger, this.timeoutMs, 'custom-webhook');
    const found = await this.lookup.fetch(ctx, this.bySkus, this.skuPath, skus);
    const answer = new Map<string, string | null>();
    for (const sku of skus) {
      const outcome = found.get(sku)?.[0];
      answer.set(sku, outcome ? (outcome.ok ? outcome.product.nativeId : outcome.nativeId) : null);
    }
    return answer;
  }
}
