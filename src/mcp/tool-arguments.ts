import { z } from 'zod';

/** GraphQL Int is a signed 32-bit integer; larger numbers would be refused by GraphQL anyway. */
export const GRAPHQL_INT_MAX = 2_147_483_647;

export const vendorIdArgument = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a vendor id as list_vendors returns it (lowercase letters, digits, dashes)')
  .describe('A vendor id from list_vendors, e.g. "demo-shopify".');

export const skuArgument = z.string().trim().min(1).max(255).describe('A SKU code, e.g. "SG-1000" (the same code may be sold by several vendors).');

export const cursorArgument = z.string().min(1).max(2048).describe('`pageInfo.endCursor` of the previous page, to continue after it.');

export const pageInfoSchema = z.object({
  endCursor: z.string().nullable().describe('Pass as `after` to get the next page; null for an empty page.'),
  hasNextPage: z.boolean(),
});

/** `first` bounded by `limits.maxPageSize`, as GraphQL bounds it. */
export function pageSizeArgument(maxPageSize: number, byDefault: number) {
  return z.number().int().min(1).max(maxPageSize).default(Math.min(byDefault, maxPageSize)).describe(`Page size, 1 to ${maxPageSize} (default ${Math.min(byDefault, maxPageSize)}).`);
}
