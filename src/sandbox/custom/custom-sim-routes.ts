import type { SimRequest, SimResponse } from '../simulator-server.ts';
import type { DropshipItem } from './custom-sim-catalog.ts';

/** Small pieces shared by the Dropship Co routes: error bodies, paging arguments, filters. */

export const API_PREFIX = '/api/v1';
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_BATCH = 50;

/** Dropship Co's one error shape: `{ "error": { "code": ..., "message": ... } }`. */
export function errorResponse(status: number, code: string, message: string, headers?: Record<string, string>): SimResponse {
  return { status, ...(headers ? { headers } : {}), body: { error: { code, message } } };
}

/** A bounded integer query argument, or an error response naming it. */
export function intParam(request: SimRequest, name: string, fallback: number, min: number, max: number): number | SimResponse {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    return errorResponse(400, 'invalid_parameter', `${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** The list filters every listing route accepts: status (vendor values), q (title/SKU), updated_since. */
export function applyFilters(items: readonly DropshipItem[], request: SimRequest): DropshipItem[] {
  const status = request.query.get('status');
  const q = request.query.get('q')?.toLowerCase();
  const since = request.query.get('updated_since');
  const sinceMs = since ? Date.parse(since) : Number.NaN;
  return items.filter(
    (item) =>
      (!status || item.status === status) &&
      (!q || item.title.toLowerCase().includes(q) || (item.sku ?? '').toLowerCase().includes(q)) &&
      (Number.isNaN(sinceMs) || Date.parse(item.updated_at) >= sinceMs),
  );
}

export function encodeToken(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeToken(token: string): string | null {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.length > 0 && encodeToken(text) === token ? text : null;
}
