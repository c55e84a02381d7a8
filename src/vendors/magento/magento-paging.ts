import type { UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoClient } from './magento-client.ts';
import type { SearchCriteria } from './magento-search-criteria.ts';

/**
 * Every match of a search, page by page, until `total_count` items arrived. The loop stops on
 * the count, never on an empty page: before 2.4 Magento answered a page past the end with the
 * last page again (magento/magento2#8099), so "wait for an empty page" would loop forever.
 */
export async function searchAll(
  client: MagentoClient,
  ctx: UpstreamCallContext,
  path: string,
  criteria: Omit<SearchCriteria, 'pageSize' | 'currentPage'>,
  pageSize: number,
  operation: string,
): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; ; page++) {
    const result = await client.search(ctx, path, { ...criteria, pageSize, currentPage: page }, operation);
    items.push(...result.items);
    if (result.items.length < pageSize || page * pageSize >= result.totalCount) return items;
  }
}
