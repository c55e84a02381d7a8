import { GraphQLError } from 'graphql';
import type { ShopifyCatalog, SimInventoryItem, SimLevel, SimLocation, SimProduct, SimVariant } from './shopify-sim-catalog.ts';
import { quantityByName } from './shopify-sim-catalog.ts';
import { buildConnection, gidNumber, gidType, type ConnectionArgs } from './shopify-sim-connection.ts';
import type { ChangeRecord, GroupRecord } from './shopify-sim-inventory-mutations.ts';
import { compareValues, matchesSearch, parseSearchQuery, type SearchTerm } from './shopify-sim-search.ts';

/**
 * GraphQL views over the catalog. graphql-js's default resolver reads plain properties and calls
 * function properties with the field's arguments, and resolves `Node` by `__typename`, so each
 * view is a plain object: no resolver map to keep in step with the SDL.
 */
export interface ShopView {
  readonly catalog: ShopifyCatalog;
  readonly currencyCode: string;
  readonly shopName: string;
  readonly shopDomain: string;
  /** How fields that shopify.dev documents as nullable are answered (ShopifySimulatorOptions.answers). */
  readonly answers: ShopifySimAnswers;
}

/**
 * Answer forms of fields Shopify documents as nullable. The defaults are what shopify.dev's own
 * examples show; the other forms are what some shops answer, so a client must handle both.
 */
export interface ShopifySimAnswers {
  /**
   * `InventoryChange.quantityAfterChange`: `null` as in the inventorySetQuantities
   * "compare-and-swap" example of shopify.dev (mutation-inventorySetQuantities.cas.response.json),
   * or `populated` with the quantity after the change.
   */
  readonly quantityAfterChange: 'null' | 'populated';
  /** `QueryRoot.locationsCount` (type `Count`, nullable): the count, or `null`. */
  readonly locationsCount: 'count' | 'null';
}

export const DOCUMENTED_ANSWERS: ShopifySimAnswers = { quantityAfterChange: 'null', locationsCount: 'count' };

type Args = Record<string, unknown>;
const COUNT_LIMIT = 10_000;

export function queryRoot(view: ShopView) {
  const { catalog } = view;
  return {
    shop: () => ({ __typename: 'Shop', id: 'gid://shopify/Shop/72000001', name: view.shopName, myshopifyDomain: view.shopDomain, currencyCode: view.currencyCode }),
    productVariants: (args: ConnectionArgs & { query?: string | null }) =>
      buildConnection(searchVariants(view, args.query), args, (variant) => variant.numericId, (variant) => variantView(view, variant)),
    productVariantsCount: (args: { query?: string | null }) => count(searchVariants(view, args.query).length),
    productVariant: (args: { id: string }) => nodeById(view, args.id, 'ProductVariant'),
    product: (args: { id: string }) => nodeById(view, args.id, 'Product'),
    inventoryItem: (args: { id: string }) => nodeById(view, args.id, 'InventoryItem'),
    inventoryItems: (args: ConnectionArgs) =>
      buildConnection([...catalog.items.values()].sort(byGid), args, (item) => gidNumber(item.id), (item) => itemView(view, item)),
    inventoryLevel: (args: { id: string }) => nodeById(view, args.id, 'InventoryLevel'),
    location: (args: { id?: string | null }) => (args.id ? nodeById(view, args.id, 'Location') : locationView(view, catalog.locations[0] as SimLocation)),
    locations: (args: ConnectionArgs) => buildConnection(catalog.locations, args, (location) => gidNumber(location.id), (location) => locationView(view, location)),
    locationsCount: () => (view.answers.locationsCount === 'null' ? null : count(catalog.locations.length)),
    node: (args: { id: string }) => nodeById(view, args.id, null),
    nodes: (args: { ids: string[] }) => args.ids.map((id) => nodeById(view, id, null)),
  };
}

export function groupView(view: ShopView, group: GroupRecord) {
  return {
    __typename: 'InventoryAdjustmentGroup',
    id: group.id,
    createdAt: group.createdAt,
    reason: group.reason,
    referenceDocumentUri: group.referenceDocumentUri,
    changes: (args: { inventoryItemIds?: string[] | null; locationIds?: string[] | null; quantityNames?: string[] | null }) =>
      group.changes
        .filter((change) => !args.inventoryItemIds || args.inventoryItemIds.includes(change.itemId))
        .filter((change) => !args.locationIds || args.locationIds.includes(change.locationId))
        .filter((change) => !args.quantityNames || args.quantityNames.includes(change.name))
        .map((change) => changeView(view, change)),
  };
}

function changeView(view: ShopView, change: ChangeRecord) {
  const item = view.catalog.items.get(change.itemId);
  const location = view.catalog.locations.find((candidate) => candidate.id === change.locationId);
  return {
    name: change.name,
    delta: change.delta,
    quantityAfterChange: view.answers.quantityAfterChange === 'populated' ? change.quantityAfterChange : null,
    ledgerDocumentUri: change.ledgerDocumentUri,
    item: item ? itemView(view, item) : null,
    location: location ? locationView(view, location) : null,
  };
}

function count(value: number) {
  return { count: Math.min(value, COUNT_LIMIT), precision: value > COUNT_LIMIT ? 'AT_LEAST' : 'EXACT' };
}

function byGid(a: { id: string }, b: { id: string }): number {
  return gidNumber(a.id) - gidNumber(b.id);
}

function nodeById(view: ShopView, id: string, expected: string | null): object | null {
  const type = gidType(id);
  if (!type) throw new GraphQLError(`Invalid global id '${id}'`, { extensions: { code: 'argumentLiteralsIncompatible' } });
  if (expected && type !== expected) return null;
  const { catalog } = view;
  switch (type) {
    case 'ProductVariant': {
      const variant = catalog.variants.get(id);
      return variant ? variantView(view, variant) : null;
    }
    case 'Product': {
      const product = catalog.products.get(id);
      return product ? productView(view, product) : null;
    }
    case 'InventoryItem': {
      const item = catalog.items.get(id);
      return item ? itemView(view, item) : null;
    }
    case 'Location': {
      const location = catalog.locations.find((candidate) => candidate.id === id);
      return location ? locationView(view, location) : null;
    }
    case 'InventoryLevel': {
      const itemNumber = /inventory_item_id=(\d+)/.exec(id)?.[1];
      const item = itemNumber ? catalog.items.get(`gid://shopify/InventoryItem/${itemNumber}`) : undefined;
      const level = item ? [...item.levels.values()].find((candidate) => candidate.id === id) : undefined;
      return item && level ? levelView(view, item, level) : null;
    }
    default:
      return null;
  }
}

function productOf(view: ShopView, variant: SimVariant): SimProduct {
  const product = view.catalog.products.get(variant.productId);
  if (!product) throw new Error(`catalog bug: variant ${variant.id} without product`);
  return product;
}

function itemOf(view: ShopView, variant: SimVariant): SimInventoryItem {
  const item = view.catalog.items.get(variant.inventoryItemId);
  if (!item) throw new Error(`catalog bug: variant ${variant.id} without inventory item`);
  return item;
}

function availableOf(item: SimInventoryItem): number {
  return [...item.levels.values()].reduce((sum, level) => sum + level.available, 0);
}

function variantView(view: ShopView, variant: SimVariant) {
  const product = productOf(view, variant);
  const item = itemOf(view, variant);
  return {
    __typename: 'ProductVariant',
    id: variant.id,
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    sku: variant.sku,
    barcode: variant.barcode,
    price: variant.price,
    compareAtPrice: null,
    position: variant.position,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    availableForSale: product.status === 'ACTIVE' && (!item.tracked || availableOf(item) > 0),
    inventoryQuantity: item.tracked ? availableOf(item) : null,
    product: () => productView(view, product),
    inventoryItem: () => itemView(view, item),
  };
}

function productView(view: ShopView, product: SimProduct) {
  const variants = product.variantIds.map((id) => view.catalog.variants.get(id)).filter((variant): variant is SimVariant => variant !== undefined);
  return {
    __typename: 'Product',
    id: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    vendor: view.shopName,
    hasOnlyDefaultVariant: variants.length === 1 && variants[0]?.title === 'Default Title',
    tracksInventory: variants.some((variant) => itemOf(view, variant).tracked),
    totalInventory: variants.reduce((sum, variant) => sum + availableOf(itemOf(view, variant)), 0),
    variantsCount: () => count(variants.length),
    variants: (args: ConnectionArgs) => buildConnection(variants, args, (variant) => variant.position, (variant) => variantView(view, variant)),
  };
}

function itemView(view: ShopView, item: SimInventoryItem) {
  const variant = view.catalog.variants.get(item.variantId);
  const levels = [...item.levels.values()];
  return {
    __typename: 'InventoryItem',
    id: item.id,
    sku: variant?.sku ?? null,
    tracked: item.tracked,
    requiresShipping: true,
    createdAt: item.createdAt,
    updatedAt: levels.reduce((latest, level) => (level.updatedAt > latest ? level.updatedAt : latest), item.createdAt),
    unitCost: item.unitCost === null ? null : { amount: item.unitCost, currencyCode: view.currencyCode },
    locationsCount: () => count(levels.length),
    variant: () => (variant ? variantView(view, variant) : null),
    inventoryLevel: (args: { locationId: string }) => {
      const level = item.levels.get(args.locationId);
      return level ? levelView(view, item, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) =>
      buildConnection(sortLevels(view, levels), args, (level) => gidNumber(level.id), (level) => levelView(view, item, level)),
  };
}

function sortLevels(view: ShopView, levels: SimLevel[]): SimLevel[] {
  void view;
  return [...levels].sort((a, b) => gidNumber(a.id) - gidNumber(b.id));
}

function levelView(view: ShopView, item: SimInventoryItem, level: SimLevel) {
  const location = view.catalog.locations.find((candidate) => candidate.id === level.locationId) as SimLocation;
  return {
    __typename: 'InventoryLevel',
    id: level.id,
    createdAt: item.createdAt,
    updatedAt: level.updatedAt,
    item: () => itemView(view, item),
    location: () => locationView(view, location),
    quantities: (args: { names: string[] }) =>
      args.names.flatMap((name) => {
        const quantity = quantityByName(level, name);
        if (quantity === undefined) return [];
        return [{ __typename: 'InventoryQuantity', id: `gid://shopify/InventoryQuantity/${String(gidNumber(level.id))}?name=${name}`, name, quantity, updatedAt: level.updatedAt }];
      }),
  };
}

function locationView(view: ShopView, location: SimLocation) {
  const stocked = () => [...view.catalog.items.values()].flatMap((item) => {
    const level = item.levels.get(location.id);
    return level ? [{ item, level }] : [];
  });
  return {
    __typename: 'Location',
    id: location.id,
    name: location.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const item = view.catalog.items.get(args.inventoryItemId);
      const level = item?.levels.get(location.id);
      return item && level ? levelView(view, item, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) =>
      buildConnection(stocked(), args, (entry) => gidNumber(entry.level.id), (entry) => levelView(view, entry.item, entry.level)),
  };
}

/** productVariants search: sku, barcode, title, product_status, product_id, id, updated_at, free text. */
function searchVariants(view: ShopView, text: string | null | undefined): SimVariant[] {
  const query = parseSearchQuery(text);
  return view.catalog.variantOrder.filter((variant) => matchesSearch(query, (term) => variantMatches(view, variant, term)));
}

function variantMatches(view: ShopView, variant: SimVariant, term: SearchTerm): boolean {
  const product = productOf(view, variant);
  const value = term.value.toLowerCase();
  switch (term.field) {
    case 'sku':
      return (variant.sku ?? '').toLowerCase() === value;
    case 'barcode':
      return (variant.barcode ?? '') === term.value;
    case 'title':
      return variant.title.toLowerCase().includes(value);
    case 'product_status':
      return value.split(',').includes(product.status.toLowerCase());
    case 'product_id':
      return value.split(',').includes(String(gidNumber(product.id)));
    case 'id':
      return compareValues(variant.numericId, term.comparator, Number(term.value));
    case 'updated_at': {
      const expected = Date.parse(term.value);
      return !Number.isNaN(expected) && compareValues(Date.parse(variant.updatedAt), term.comparator, expected);
    }
    case null:
      return [variant.title, product.title, variant.sku ?? ''].some((text) => text.toLowerCase().includes(value));
    default:
      return true; // Shopify ignores filters a resource does not support (and warns in extensions)
  }
}

export type { Args };
