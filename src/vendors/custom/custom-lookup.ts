import { UpstreamError } from '../../errors/gateway-error.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { shapeError, type CustomClient } from './custom-client.ts';
import type { CustomFields } from '../../config/vendors/custom/custom-fields-config.ts';
import type { KeyLookupConfig } from '../../config/vendors/custom/custom-list-config.ts';
import { mapCustomItem, readItemKey, type MapOutcome } from './custom-mapper.ts';
import { readJsonPath } from '../../config/vendors/custom/json-path.ts';

/** How many single-item requests run at once when the API has no batch endpoint. */
const SINGLE_LOOKUP_CONCURRENCY = 8;

/**
 * Items fetched by key (native id or SKU) in as few requests as the mapping allows: distinct keys
 * in chunks of `maxPerRequest` for a batch endpoint, one request per distinct key for a path
 * template. Answers are mapped and grouped by the key read from each item, so the vendor may
 * answer in any order. A failed request fails the whole call (it throws).
 */
export class CustomLookup {
  private readonly client: CustomClient;
  private readonly fields: CustomFields;

  constructor(client: CustomClient, fields: CustomFields) {
    this.client = client;
    this.fields = fields;
  }

  /** Mapping outcomes per distinct key; a key without items has an empty list. */
  async fetch(
    ctx: UpstreamCallContext,
    config: KeyLookupConfig,
    keyPath: string,
    keys: readonly string[],
  ): Promise<Map<string, MapOutcome[]>> {
    const distinct = [...new Set(keys)];
    const raws = config.mode === 'batch' ? await this.batch(ctx, config, distinct) : await this.single(ctx, config, distinct);
    const byKey = new Map<string, MapOutcome[]>(distinct.map((key) => [key, []]));
    for (const raw of raws) {
      const key = readItemKey(raw, keyPath);
      const slot = key === null ? undefined : byKey.get(key);
      slot?.push(mapCustomItem(raw, this.fields, this.client.vendorId));
    }
    return byKey;
  }

  private async batch(ctx: UpstreamCallContext, config: Extract<KeyLookupConfig, { mode: 'batch' }>, keys: readonly string[]): Promise<unknown[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < keys.length; start += config.maxPerRequest) chunks.push(keys.slice(start, start + config.maxPerRequest));
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        const query = new URLSearchParams({ [config.param]: chunk.join(config.separator) });
        const response = await this.client.get(ctx, config.path, query, `lookup ${config.param}`);
        const items = readJsonPath(response.body, config.itemsPath);
        if (!Array.isArray(items)) throw shapeError(this.client.vendorId, `the lookup answer has no item array at "${config.itemsPath}"`);
        return items;
      }),
    );
    return answers.flat();
  }

  private async single(ctx: UpstreamCallContext, config: Extract<KeyLookupConfig, { mode: 'single' }>, keys: readonly string[]): Promise<unknown[]> {
    const found: unknown[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const key = keys[next++] ?? '';
        const path = config.path.replace(/\{(id|sku)\}/g, encodeURIComponent(key));
        try {
          const response = await this.client.get(ctx, path, new URLSearchParams(), 'lookup single');
          const item = readJsonPath(response.body, config.itemPath);
          if (item !== undefined && item !== null) found.push(item);
        } catch (error) {
          if (!(error instanceof UpstreamError && error.status === 404)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SINGLE_LOOKUP_CONCURRENCY, keys.length) }, worker));
    return found;
  }
}
