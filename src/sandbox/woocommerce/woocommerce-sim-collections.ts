import type { SimRequest, SimResponse } from '../simulator-server.ts';
import type { SimCatalog, SimProduct, SimVariation } from './woocommerce-sim-catalog.ts';
import { pickFields, productPayload, variationAsProductPayload, variationPayload, type PayloadContext } from './woocommerce-sim-payloads.ts';
import { invalidParams } from './woocommerce-sim-errors.ts';

/** Collection arguments as WordPress validates them (`get_collection_params` of the v3 controllers). */
interface CollectionArgs {
  readonly page: number;
  readonly perPage: number;
  readonly offset: number | null;
  readonly include: readonly number[] | null;
  readonly orderby: string;
  readonly order: 'asc' | 'desc';
  readonly status: string;
  readonly type: string | null;
  readonly skus: readonly string[] | null;
  readonly search: string | null;
  readonly modifiedAfter: string | null;
  readonly fields: readonly string[] | null;
}

const MAX_PER_PAGE = 100;
const STATUSES = ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish'];
const TYPES = ['simple', 'grouped', 'external', 'variable'];
const ORDERBY = ['date', 'id', 'include', 'title', 'slug', 'modified', 'price', 'popularity', 'rating'];

type Row = { readonly kind: 'product'; readonly item: SimProduct } | { readonly kind: 'variation'; readonly item: SimVariation };

/** `GET /products`: products, plus variations when a `sku` filter is given (WooCommerce queries both post types then). */
export function listProducts(request: SimRequest, catalog: SimCatalog, ctx: PayloadContext): SimResponse {
  const args = parseArgs(request.query);
  if ('problems' in args) return invalidParams(args.problems);
  const rows: Row[] = [...catalog.products.values()].map((item) => ({ kind: 'product', item }));
  if (args.skus) rows.push(...[...catalog.variations.values()].map((item): Row => ({ kind: 'variation', item })));
  const matching = rows.filter((row) => matches(row, args, catalog));
  return page(matching, args, request, ctx, (row) =>
    row.kind === 'product' ? productPayload(row.item, ctx) : variationAsProductPayload(row.item, catalog, ctx),
  );
}

/** `GET /products/{id}/variations`. */
export function listVariations(request: SimRequest, parent: SimProduct, catalog: SimCatalog, ctx: PayloadContext): SimResponse {
  const args = parseArgs(request.query);
  if ('problems' in args) return invalidParams(args.problems);
  const rows = parent.variationIds.flatMap((id): Row[] => {
    const item = catalog.variations.get(id);
    return item ? [{ kind: 'variation', item }] : [];
  });
  return page(rows.filter((row) => matches(row, { ...args, type: null }, catalog)), args, request, ctx, (row) =>
    variationPayload(row.item as SimVariation, ctx),
  );
}

function page(rows: Row[], args: CollectionArgs, request: SimRequest, ctx: PayloadContext, render: (row: Row) => Record<string, unknown>): SimResponse {
  const sorted = sortRows(rows, args);
  const total = sorted.length;
  const totalPages = Math.ceil(total / args.perPage);
  const start = args.offset ?? (args.page - 1) * args.perPage;
  const body = sorted.slice(start, start + args.perPage).map((row) => pickFields(render(row), args.fields));
  return {
    status: 200,
    headers: { 'x-wp-total': String(total), 'x-wp-totalpages': String(totalPages), ...linkHeader(request, ctx, args.page, totalPages) },
    body,
  };
}

/** RFC 5988 `Link` with first/prev/next/last, as the v3 docs describe (auth parameters left out). */
function linkHeader(request: SimRequest, ctx: PayloadContext, current: number, totalPages: number): Record<string, string> {
  const link = (pageNumber: number, rel: string): string => {
    const query = new URLSearchParams(request.query);
    query.delete('consumer_key');
    query.delete('consumer_secret');
    query.set('page', String(pageNumber));
    return `<${ctx.origin}${request.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (totalPages > 0) links.push(link(1, 'first'));
  if (current > 1 && current - 1 <= totalPages) links.push(link(current - 1, 'prev'));
  if (current < totalPages) links.push(link(current + 1, 'next'));
  if (totalPages > 0) links.push(link(totalPages, 'last'));
  return links.length > 0 ? { link: links.join(', ') } : {};
}

function matches(row: Row, args: CollectionArgs, catalog: SimCatalog): boolean {
  const { item } = row;
  if (args.include && !args.include.includes(item.id)) return false;
  if (args.status === 'any' ? item.status === 'trash' : item.status !== args.status) return false;
  if (row.kind === 'variation' && catalog.products.get(row.item.parentId)?.status === 'trash') return false;
  if (args.type && (row.kind !== 'product' || row.item.type !== args.type)) return false;
  if (args.skus) {
    const wanted = args.skus.map((sku) => sku.toLowerCase()); // MySQL's default collation ignores case
    if (!item.sku || !wanted.includes(item.sku.toLowerCase())) return false;
  }
  if (args.search) {
    const needle = args.search.toLowerCase();
    const name = row.kind === 'product' ? row.item.name : '';
    if (!name.toLowerCase().includes(needle) && !item.sku.toLowerCase().includes(needle)) return false;
  }
  if (args.modifiedAfter && !(item.dateModifiedGmt.replace(/Z$/, '') > args.modifiedAfter)) return false;
  return true;
}

function sortRows(rows: Row[], args: CollectionArgs): Row[] {
  const key = (row: Row): string | number => {
    switch (args.orderby) {
      case 'id':
        return row.item.id;
      case 'include':
        return args.include?.indexOf(row.item.id) ?? row.item.id;
      case 'title':
      case 'slug':
        return row.kind === 'product' ? row.item.name.toLowerCase() : '';
      case 'modified':
        return row.item.dateModifiedGmt;
      default:
        return row.item.dateCreatedGmt;
    }
  };
  const direction = args.orderby === 'include' ? 1 : args.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    const primary = ka < kb ? -1 : ka > kb ? 1 : 0;
    return (primary || a.item.id - b.item.id) * direction;
  });
}

function parseArgs(query: URLSearchParams): CollectionArgs | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const integer = (name: string, fallback: number, min: number, max?: number): number => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim())) problems[name] = `${name} is not of type integer.`;
    else if (max !== undefined && (value < min || value > max)) problems[name] = `${name} must be between ${String(min)} (inclusive) and ${String(max)} (inclusive)`;
    else if (value < min) problems[name] = `${name} must be greater than or equal to ${String(min)}`;
    return value;
  };
  const oneOf = (name: string, allowed: readonly string[], fallback: string): string => {
    const raw = query.get(name) ?? fallback;
    if (!allowed.includes(raw)) problems[name] = `${name} is not one of ${allowed.slice(0, -1).join(', ')}, and ${allowed.at(-1) ?? ''}.`;
    return raw;
  };
  const page = integer('page', 1, 1);
  const perPage = integer('per_page', 10, 1, MAX_PER_PAGE);
  const offset = query.has('offset') ? integer('offset', 0, 0) : null;
  const includeRaw = query.get('include');
  const include = includeRaw ? includeRaw.split(',').map((part) => part.trim()) : null;
  if (include?.some((part) => !/^\d+$/.test(part))) problems.include = 'include[0] is not of type integer.';
  const status = oneOf('status', STATUSES, 'any');
  const type = query.has('type') ? oneOf('type', TYPES, '') : null;
  const orderby = oneOf('orderby', ORDERBY, 'date');
  const order = oneOf('order', ['asc', 'desc'], 'desc') as 'asc' | 'desc';
  const modifiedRaw = query.get('modified_after');
  const modifiedAfter = modifiedRaw ? normalizeDate(modifiedRaw) : null;
  if (modifiedRaw && !modifiedAfter) problems.modified_after = 'Invalid date.';
  if (Object.keys(problems).length > 0) return { problems };
  const skuRaw = query.get('sku')?.trim();
  const skus = skuRaw ? skuList(skuRaw) : null;
  const fieldsRaw = query.get('_fields');
  return {
    page,
    perPage,
    offset,
    include: include?.map(Number) ?? null,
    orderby,
    order,
    status,
    type,
    skus,
    search: query.get('search') || null,
    modifiedAfter,
    fields: fieldsRaw ? fieldsRaw.split(',').map((field) => field.trim()) : null,
  };
}

/** WooCommerce splits `sku` on commas and, when it split, also matches the whole string. */
function skuList(raw: string): string[] {
  const parts = raw.split(',');
  return parts.length > 1 ? [...parts, raw] : parts;
}

function normalizeDate(raw: string): string | null {
  const time = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.\d{3}Z$/, '');
}
