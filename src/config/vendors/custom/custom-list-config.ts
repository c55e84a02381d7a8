import { z } from 'zod';
import { apiPathSchema, jsonPathSchema, paramNameSchema, required } from './custom-config-fields.ts';
import { taggedUnion } from './tagged-union.ts';

export const PAGINATION_STYLES = ['page', 'offset', 'cursor', 'link'] as const;

/** How the list endpoint pages: page numbers, offsets, an opaque next cursor, or an RFC 8288 Link header. */
export const paginationSchema = taggedUnion(
  'style',
  PAGINATION_STYLES,
  [
    z
      .object({
        style: z.literal('page'),
        pageParam: paramNameSchema.default('page'),
        /** The number of the first page (1 for most APIs, 0 for some). */
        firstPage: z.number().int().min(0).default(1),
      })
      .strict(),
    z.object({ style: z.literal('offset'), offsetParam: paramNameSchema.default('offset') }).strict(),
    z
      .object({
        style: z.literal('cursor'),
        cursorParam: required(paramNameSchema, 'the query parameter that carries the cursor, e.g. "cursor"'),
        nextCursorPath: required(jsonPathSchema, 'the dot path of the next cursor in the list body, e.g. "data.next_cursor"'),
      })
      .strict(),
    z.object({ style: z.literal('link') }).strict(),
  ],
  'pagination style',
);

/** Where the list answer says how many items there are in all. */
export const totalSchema = z
  .object({ path: jsonPathSchema.optional(), header: z.string().min(1).optional() })
  .strict()
  .refine((total) => (total.path === undefined) !== (total.header === undefined), {
    message: 'give either path (a field of the list body, e.g. "meta.total") or header (e.g. "X-Total-Count"), exactly one',
  });

export const listSchema = z
  .object({
    path: required(apiPathSchema, 'the list endpoint below baseUrl, e.g. "/products"'),
    itemsPath: required(jsonPathSchema, 'the dot path of the item array in the list body, e.g. "data.items" ("$" when the body is the array)'),
    pageSize: required(
      z
        .object({
          param: required(paramNameSchema, 'the query parameter of the page size, e.g. "per_page" or "limit"'),
          max: required(z.number().int().min(1).max(1000), 'the largest page size the API accepts, e.g. 100'),
        })
        .strict(),
      '{ param, max }: the page size query parameter and the largest size the API accepts',
    ),
    pagination: required(paginationSchema, '{ style: page | offset | cursor | link, ... }'),
    total: totalSchema.optional(),
    /** Fixed query parameters on every list call (e.g. `{ expand: stock }`). */
    query: z.record(z.string(), z.string()).optional(),
    /** Query parameters for filters the API supports; a filter without one is applied to each page here. */
    filters: z
      .object({ status: paramNameSchema.optional(), query: paramNameSchema.optional(), updatedSince: paramNameSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const LOOKUP_MODES = ['batch', 'single'] as const;

function keyLookupSchema(key: 'id' | 'sku') {
  return taggedUnion(
    'mode',
    LOOKUP_MODES,
    [
      z
        .object({
          mode: z.literal('batch'),
          path: required(apiPathSchema, `the batch endpoint, e.g. "/products/batch"`),
          param: required(paramNameSchema, `the query parameter carrying the ${key}s, e.g. "${key}s"`),
          separator: z.string().min(1).default(','),
          maxPerRequest: required(z.number().int().min(1).max(1000), `how many ${key}s one request may carry, e.g. 50`),
          itemsPath: required(jsonPathSchema, 'the dot path of the item array in the answer, e.g. "data"'),
        })
        .strict(),
      z
        .object({
          mode: z.literal('single'),
          path: required(
            apiPathSchema.refine((path) => path.includes(`{${key}}`), `must contain the placeholder {${key}}, e.g. "/products/{${key}}"`),
            `a path template with {${key}}, e.g. "/products/{${key}}"`,
          ),
          /** Where the item is in the answer; a 404 answer means "no such item". */
          itemPath: jsonPathSchema.default('$'),
        })
        .strict(),
    ],
    'lookup mode',
  );
}

/** Fetching known items: by native ids (required) and by SKUs (optional; without it a SKU lookup walks the list). */
export const customLookupSchema = z
  .object({
    byIds: required(keyLookupSchema('id'), '{ mode: batch, ... } or { mode: single, path: "/products/{id}" }'),
    bySkus: keyLookupSchema('sku').optional(),
  })
  .strict();

export type ListConfig = z.infer<typeof listSchema>;
export type PaginationConfig = z.infer<typeof paginationSchema>;
export type LookupConfig = z.infer<typeof customLookupSchema>;
export type KeyLookupConfig = LookupConfig['byIds'];
