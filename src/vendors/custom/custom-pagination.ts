import { badUserInput } from '../../errors/gateway-error.ts';
import { assertNever } from '../../model/platform.ts';
import type { VendorHttpResponse } from '../http/vendor-http-client.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { headerValue, shapeError, type CustomClient } from './custom-client.ts';
import type { ListConfig } from '../../config/vendors/custom/custom-list-config.ts';
import { readJsonPath } from '../../config/vendors/custom/json-path.ts';

/**
 * A place in a custom vendor's listing, encoded into our opaque cursor. Offsets serve the `page`
 * and `offset` styles (so a cursor stays valid when the caller changes `first`); the vendor's own
 * cursor or next-link serves `cursor` and `link`, plus how many items of that page were already
 * handed out (a vendor may answer more than asked, and none of it may be lost or repeated).
 */
export type ListPosition =
  | { readonly offset: number }
  | { readonly token: string | null; readonly skip: number };

export const START_OFFSET: ListPosition = { offset: 0 };
export const START_TOKEN: ListPosition = { token: null, skip: 0 };

/** One answer of the list endpoint. */
export interface ListChunk {
  /** Items from the position on (already past any skipped ones). */
  readonly items: readonly unknown[];
  readonly total: number | null;
  /** Where the listing continues after handing out `consumed` of `items`; null at the end. */
  positionAfter(consumed: number): ListPosition | null;
}

export function encodePosition(position: ListPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodePosition(after: string | null, list: ListConfig): ListPosition {
  const byOffset = list.pagination.style === 'page' || list.pagination.style === 'offset';
  if (after === null) return byOffset ? START_OFFSET : START_TOKEN;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  if (byOffset && Number.isSafeInteger(record.offset) && (record.offset as number) >= 0) return { offset: record.offset as number };
  if (!byOffset && (typeof record.token === 'string' || record.token === null) && Number.isSafeInteger(record.skip) && (record.skip as number) >= 0) {
    return { token: record.token, skip: record.skip as number };
  }
  throw badUserInput('"after" is not a cursor of this vendor\'s product list', 'after');
}

/** Fetches one page of the listing in the configured pagination style. */
export class CustomPaginator {
  private readonly client: CustomClient;
  private readonly list: ListConfig;

  constructor(client: CustomClient, list: ListConfig) {
    this.client = client;
    this.list = list;
  }

  async fetch(ctx: UpstreamCallContext, position: ListPosition, size: number, filters: Record<string, string>): Promise<ListChunk> {
    const pagination = this.list.pagination;
    const query = new URLSearchParams({ ...this.list.query, ...filters });
    const pageSize = Math.max(1, Math.min(size, this.list.pageSize.max));
    switch (pagination.style) {
      case 'offset':
      case 'page': {
        const offset = 'offset' in position ? position.offset : 0;
        const skip = pagination.style === 'page' ? offset % pageSize : 0;
        if (pagination.style === 'page') query.set(pagination.pageParam, String(Math.floor(offset / pageSize) + pagination.firstPage));
        else query.set(pagination.offsetParam, String(offset));
        query.set(this.list.pageSize.param, String(pageSize));
        const response = await this.client.get(ctx, this.list.path, query, 'list');
        const raw = this.items(response.body);
        const total = this.total(response);
        const end = offset - skip + raw.length;
        const more = total !== null ? end < total : raw.length >= pageSize;
        return chunk(raw.slice(skip), total, (consumed) =>
          consumed < raw.length - skip ? { offset: offset + consumed } : more ? { offset: end } : null,
        );
      }
      case 'cursor':
      case 'link': {
        const { token, skip } = 'token' in position ? position : { token: null, skip: 0 };
        query.set(this.list.pageSize.param, String(Math.min(this.list.pageSize.max, pageSize + skip)));
        let response;
        if (pagination.style === 'cursor') {
          if (token !== null) query.set(pagination.cursorParam, token);
          response = await this.client.get(ctx, this.list.path, query, 'list');
        } else if (token === null) {
          response = await this.client.get(ctx, this.list.path, query, 'list');
        } else {
          // A followed link is used as given: its page size is part of what its offsets mean.
          // It came back from a client, so it may only lead to the list endpoint itself.
          const link = new URL(token, 'http://link.invalid');
          if (link.pathname !== this.client.originPath(this.list.path)) {
            throw badUserInput('"after" is not a cursor of this vendor\'s product list', 'after');
          }
          response = await this.client.getFromOrigin(ctx, link.pathname, link.searchParams, 'list');
        }
        const items = this.items(response.body).slice(skip);
        const next = pagination.style === 'cursor' ? this.nextCursor(response.body, pagination.nextCursorPath) : this.nextLink(headerValue(response, 'link'));
        return chunk(items, this.total(response), (consumed) =>
          consumed < items.length ? { token, skip: skip + consumed } : next !== null ? { token: next, skip: 0 } : null,
        );
      }
      default:
        return assertNever(pagination, 'pagination style');
    }
  }

  private items(body: unknown): unknown[] {
    const items = readJsonPath(body, this.list.itemsPath);
    if (!Array.isArray(items)) {
      throw shapeError(this.client.vendorId, `the list answer has no item array at "${this.list.itemsPath}" (mapping.list.itemsPath)`);
    }
    return items;
  }

  private total(response: VendorHttpResponse): number | null {
    const total = this.list.total;
    if (!total) return null;
    const raw = total.path !== undefined ? readJsonPath(response.body, total.path) : headerValue(response, total.header ?? '');
    const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
  }

  private nextCursor(body: unknown, path: string): string | null {
    const value = readJsonPath(body, path);
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' && value !== '' ? value : null;
  }

  private nextLink(header: string | undefined): string | null {
    const next = header ? parseNextLink(header) : null;
    if (next === null) return null;
    const relative = this.client.relativeLink(next);
    if (!relative.startsWith(`${this.client.originPath(this.list.path)}?`) && relative !== this.client.originPath(this.list.path)) {
      throw shapeError(this.client.vendorId, 'the next-page link leads away from mapping.list.path');
    }
    return relative;
  }
}

/** The target of the `rel="next"` entry of an RFC 8288 Link header. */
export function parseNextLink(header: string): string | null {
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1];
    if (rel?.toLowerCase().split(/\s+/).includes('next')) return match[1] ?? null;
  }
  return null;
}

function chunk(items: readonly unknown[], total: number | null, positionAfter: (consumed: number) => ListPosition | null): ListChunk {
  return { items, total, positionAfter };
}
