import { levelGlobalId, locationGlobalId, productGlobalId } from '../../model/global-id.ts';
import { ProductStatus, type InventoryLevel, type Money, type StandardProduct } from '../../model/standard-model.ts';
import { toDecimalAmount } from './custom-amount.ts';
import type { CustomFields, InventoryFields } from '../../config/vendors/custom/custom-fields-config.ts';
import { readJsonPath } from '../../config/vendors/custom/json-path.ts';

/**
 * Maps one item of a custom vendor's JSON to the standard model, driven only by the mapping.
 * The mapping is the payload's schema: a missing or ill-typed field answers a problem naming the
 * mapping field and the dot path (`fields.price: no value at "pricing.amount"`), never a crash.
 * Pure: no I/O, no clock.
 */
export type MapOutcome =
  | { readonly ok: true; readonly product: StandardProduct }
  | { readonly ok: false; readonly nativeId: string | null; readonly problem: string };

class FieldProblem extends Error {}

export function mapCustomItem(raw: unknown, fields: CustomFields, vendorId: string): MapOutcome {
  const nativeId = optionalText(raw, fields.id, 'fields.id');
  try {
    if (nativeId === null) throw missing('fields.id', fields.id);
    return { ok: true, product: mapProduct(raw, fields, vendorId, nativeId) };
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    return { ok: false, nativeId, problem: error.message };
  }
}

/** The id or SKU of an item at `path`, when it has one (to place a mapping problem in the right slot). */
export function readItemKey(raw: unknown, path: string): string | null {
  try {
    return optionalText(raw, path, path);
  } catch {
    return null;
  }
}

function mapProduct(raw: unknown, fields: CustomFields, vendorId: string, nativeId: string): StandardProduct {
  const productId = productGlobalId(vendorId, nativeId);
  const currencyCode = readCurrency(raw, fields);
  const price = readMoney(raw, fields, 'price', fields.price, currencyCode);
  if (price === null) throw missing('fields.price', fields.price);
  const name = optionalText(raw, fields.name, 'fields.name');
  if (name === null) throw missing('fields.name', fields.name);
  const tracked = readTracked(raw, fields.tracked);
  return {
    id: productId,
    vendorId,
    nativeId,
    sku: fields.sku ? optionalText(raw, fields.sku, 'fields.sku') : null,
    name,
    parentNativeId: fields.parentId ? optionalText(raw, fields.parentId, 'fields.parentId') : null,
    price,
    cost: fields.cost ? readMoney(raw, fields, 'cost', fields.cost, currencyCode) : null,
    status: readStatus(raw, fields.status),
    barcode: fields.barcode ? optionalText(raw, fields.barcode, 'fields.barcode') : null,
    inventoryTracked: tracked,
    updatedAt: fields.updatedAt ? optionalDate(readJsonPath(raw, fields.updatedAt), 'fields.updatedAt', fields.updatedAt) : null,
    ...(fields.inventory ? { inventoryLevels: readLevels(raw, fields.inventory, vendorId, nativeId, productId) } : {}),
    inventoryRef: nativeId,
  };
}

function readCurrency(raw: unknown, fields: CustomFields): string {
  if ('fixed' in fields.currency) return fields.currency.fixed;
  const value = readJsonPath(raw, fields.currency.path);
  if (value === undefined || value === null || value === '') throw missing('fields.currency', fields.currency.path);
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) throw wrong('fields.currency', fields.currency.path, value, 'an ISO 4217 code');
  return value.toUpperCase();
}

function readMoney(raw: unknown, fields: CustomFields, field: 'price' | 'cost', path: string, currencyCode: string): Money | null {
  const value = readJsonPath(raw, path);
  if (value === undefined || value === null || value === '') return null;
  const amount = toDecimalAmount(value, fields.amountFormat, fields.minorUnitDigits);
  if (amount === null) throw wrong(`fields.${field}`, path, value, fields.amountFormat === 'decimal' ? 'a decimal amount' : 'an integer amount in minor units');
  return { amount, currencyCode };
}

function readStatus(raw: unknown, status: CustomFields['status']): ProductStatus {
  if (!status) return ProductStatus.ACTIVE;
  const value = readJsonPath(raw, status.path);
  const key = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  const mapped = key === undefined ? undefined : status.map[key];
  if (mapped) return mapped;
  if (status.default) return status.default;
  if (key === undefined) throw missing('fields.status', status.path);
  throw new FieldProblem(`fields.status: value ${JSON.stringify(value)} at "${status.path}" is not in fields.status.map; add it to the map or set fields.status.default`);
}

function readTracked(raw: unknown, tracked: CustomFields['tracked']): boolean {
  if (tracked === undefined) return true;
  if (typeof tracked === 'boolean') return tracked;
  const value = readJsonPath(raw, tracked);
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  throw wrong('fields.tracked', tracked, value, 'a boolean');
}

function readLevels(raw: unknown, inventory: InventoryFields, vendorId: string, nativeId: string, productId: string): InventoryLevel[] {
  const level = (locationId: string, locationName: string, available: number, onHand: number | null, updatedAt: string | null): InventoryLevel => ({
    id: levelGlobalId(vendorId, nativeId, locationId),
    productId,
    locationId: locationGlobalId(vendorId, locationId),
    locationName,
    available,
    onHand,
    updatedAt,
  });
  if (inventory.kind === 'quantity') {
    const quantity = optionalInteger(readJsonPath(raw, inventory.path), 'fields.inventory.path', inventory.path);
    return quantity === null ? [] : [level(inventory.locationId, inventory.locationName, quantity, null, null)];
  }
  const entries = readJsonPath(raw, inventory.path);
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw wrong('fields.inventory.path', inventory.path, entries, 'an array of per-location entries');
  return entries.map((entry, index) => {
    const where = `${inventory.path}[${index}]`;
    const locationId = optionalText(entry, inventory.locationId, `fields.inventory.locationId (in ${where})`);
    if (locationId === null) throw missing(`fields.inventory.locationId (in ${where})`, inventory.locationId);
    const available = optionalInteger(readJsonPath(entry, inventory.available), `fields.inventory.available (in ${where})`, inventory.available);
    if (available === null) throw missing(`fields.inventory.available (in ${where})`, inventory.available);
    const name = inventory.locationName ? optionalText(entry, inventory.locationName, `fields.inventory.locationName (in ${where})`) : null;
    const onHand = inventory.onHand ? optionalInteger(readJsonPath(entry, inventory.onHand), `fields.inventory.onHand (in ${where})`, inventory.onHand) : null;
    const updatedAt = inventory.updatedAt ? optionalDate(readJsonPath(entry, inventory.updatedAt), `fields.inventory.updatedAt (in ${where})`, inventory.updatedAt) : null;
    return level(locationId, name ?? locationId, available, onHand, updatedAt);
  });
}

/** A string (or number rendered as a string); null when absent, null or empty. */
function optionalText(raw: unknown, path: string, field: string): string | null {
  const value = readJsonPath(raw, path);
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw wrong(field, path, value, 'a string');
  return value.trim() === '' ? null : value;
}

function optionalInteger(value: unknown, field: string, path: string): number | null {
  if (value === undefined || value === null) return null;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw wrong(field, path, value, 'a whole number');
  return number;
}

/** ISO text or epoch seconds/milliseconds → ISO 8601 UTC. */
function optionalDate(value: unknown, field: string, path: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const millis = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(millis)) throw wrong(field, path, value, 'a date (ISO 8601 or epoch seconds)');
  return new Date(millis).toISOString();
}

function missing(field: string, path: string): FieldProblem {
  return new FieldProblem(`${field}: no value at "${path}"`);
}

function wrong(field: string, path: string, value: unknown, expected: string): FieldProblem {
  const shown = JSON.stringify(value) ?? String(value);
  return new FieldProblem(`${field}: ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown} at "${path}" is not ${expected}`);
}
