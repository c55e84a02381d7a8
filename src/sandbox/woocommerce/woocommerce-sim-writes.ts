import type { SimResponse } from '../simulator-server.ts';
import type { SimProduct, SimVariation } from './woocommerce-sim-catalog.ts';
import { batchTooLarge, invalidParams } from './woocommerce-sim-errors.ts';

export const BATCH_LIMIT = 100;

type Editable = SimProduct | SimVariation;

/** The update fields the simulator applies; others are accepted and ignored. */
export type UpdateResult = { readonly ok: true } | { readonly ok: false; readonly problems: Record<string, string> };

const PRODUCT_STATUSES = ['draft', 'pending', 'private', 'publish', 'future'];

/**
 * Applies a product/variation update the way WooCommerce's `prepare_object_for_database` does
 * for the fields the gateway uses: `manage_stock` first, then `stock_quantity`, which only
 * counts while stock is managed (otherwise WooCommerce clears it). Absolute, not compare-and-set.
 */
export function applyUpdate(item: Editable, body: unknown, now: string): UpdateResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problems: { body: 'body is not of type object.' } };
  const fields = body as Record<string, unknown>;
  const problems: Record<string, string> = {};
  if ('stock_quantity' in fields && fields.stock_quantity !== null && !Number.isInteger(fields.stock_quantity)) {
    problems.stock_quantity = 'stock_quantity is not of type integer.';
  }
  if ('manage_stock' in fields && typeof fields.manage_stock !== 'boolean') problems.manage_stock = 'manage_stock is not of type boolean.';
  for (const name of ['regular_price', 'sale_price', 'sku'] as const) {
    if (name in fields && typeof fields[name] !== 'string') problems[name] = `${name} is not of type string.`;
  }
  if ('status' in fields && !PRODUCT_STATUSES.includes(String(fields.status))) {
    problems.status = `status is not one of ${PRODUCT_STATUSES.join(', ')}.`;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  if (typeof fields.manage_stock === 'boolean') item.manageStock = fields.manage_stock;
  if (item.manageStock) {
    if (typeof fields.stock_quantity === 'number') item.stockQuantity = fields.stock_quantity;
    else if (item.stockQuantity === null) item.stockQuantity = 0;
  } else {
    item.stockQuantity = null;
  }
  if (typeof fields.regular_price === 'string') item.regularPrice = fields.regular_price;
  if (typeof fields.sale_price === 'string') item.salePrice = fields.sale_price;
  if (typeof fields.sku === 'string') item.sku = fields.sku;
  if (typeof fields.status === 'string' && 'type' in item) item.status = fields.status as SimProduct['status'];
  item.dateModifiedGmt = now;
  return { ok: true };
}

/** One `{ create, update, delete }` batch against one kind of object; answers in WooCommerce's batch shape. */
export function runBatch(
  body: unknown,
  find: (id: number) => Editable | undefined,
  render: (item: Editable) => Record<string, unknown>,
  notFoundCode: string,
  now: string,
  onUpdated: (item: Editable) => void = () => undefined,
): SimResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalidParams({ update: 'update is not of type array.' });
  const sections = body as Record<string, unknown>;
  for (const name of ['create', 'update', 'delete']) {
    if (name in sections && !Array.isArray(sections[name])) return invalidParams({ [name]: `${name} is not of type array.` });
  }
  const list = (name: string): unknown[] => (Array.isArray(sections[name]) ? (sections[name] as unknown[]) : []);
  const total = list('create').length + list('update').length + list('delete').length;
  if (total > BATCH_LIMIT) return batchTooLarge(BATCH_LIMIT);

  const answer: Record<string, unknown[]> = {};
  if ('create' in sections) answer.create = list('create').map(() => itemError(0, 'woocommerce_rest_simulator_unsupported', 'The simulator does not create products.', 501));
  if ('update' in sections) {
    answer.update = list('update').map((entry) => {
      const id = typeof entry === 'object' && entry !== null ? Number((entry as { id?: unknown }).id) : NaN;
      const item = Number.isInteger(id) ? find(id) : undefined;
      if (!item) return itemError(Number.isInteger(id) ? id : 0, notFoundCode, 'Invalid ID.', 400);
      const result = applyUpdate(item, entry, now);
      if (!result.ok) return itemError(id, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(result.problems).join(', ')}`, 400);
      onUpdated(item);
      return render(item);
    });
  }
  if ('delete' in sections) {
    answer.delete = list('delete').map((id) => itemError(Number(id) || 0, 'woocommerce_rest_simulator_unsupported', 'The simulator does not delete products.', 501));
  }
  return { status: 200, body: answer };
}

function itemError(id: number, code: string, message: string, status: number): Record<string, unknown> {
  return { id, error: { code, message, data: { status } } };
}
