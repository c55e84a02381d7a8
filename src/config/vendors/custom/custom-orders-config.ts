import { z } from 'zod';
import { apiPathSchema, jsonPathSchema, paramNameSchema, required } from './custom-config-fields.ts';

/**
 * The optional `orders` section of a custom mapping: where the vendor lists orders for a date
 * window, cursor-paged, and where an order keeps its date, currency and lines. Demand history
 * (forecasts, reorder suggestions, analytics) needs it; without it the vendor has none.
 */
export const customOrdersSchema = z
  .object({
    path: required(apiPathSchema, 'the orders list endpoint below baseUrl, e.g. "/orders"'),
    itemsPath: required(jsonPathSchema, 'the dot path of the order array in the list body, e.g. "data.orders"'),
    /** Query parameters of the window: first day included and first day excluded (YYYY-MM-DD, UTC). */
    sinceParam: required(paramNameSchema, 'the query parameter of the first day included, e.g. "created_from"'),
    untilParam: required(paramNameSchema, 'the query parameter of the first day NOT included, e.g. "created_to"'),
    pageSize: required(
      z.object({ param: paramNameSchema, max: z.number().int().min(1).max(1000) }).strict(),
      '{ param, max }: the page size query parameter and the largest size the API accepts',
    ),
    cursorParam: required(paramNameSchema, 'the query parameter that carries the next-page cursor, e.g. "cursor"'),
    nextCursorPath: required(jsonPathSchema, 'the dot path of the next cursor in the list body, e.g. "data.next_cursor"'),
    fields: required(
      z
        .object({
          createdAt: required(jsonPathSchema, 'the dot path of the order time (ISO 8601, UTC), e.g. "created_at"'),
          lines: required(jsonPathSchema, 'the dot path of the order\'s line array, e.g. "lines"'),
          sku: required(jsonPathSchema, 'the dot path of a line\'s SKU, e.g. "sku"'),
          quantity: required(jsonPathSchema, 'the dot path of a line\'s quantity, e.g. "qty"'),
          total: required(jsonPathSchema, 'the dot path of a line\'s total (a decimal string or number), e.g. "total"'),
          currency: required(jsonPathSchema, 'the dot path of the order currency, e.g. "currency"'),
          /** Where the order status is, and the statuses that are not demand (cancelled, refunded...). */
          status: z.object({ path: jsonPathSchema, exclude: z.array(z.string()).min(1) }).strict().optional(),
        })
        .strict(),
      'the dot paths of createdAt, lines, sku, quantity, total and currency in an order',
    ),
  })
  .strict();

export type CustomOrdersMapping = z.infer<typeof customOrdersSchema>;
