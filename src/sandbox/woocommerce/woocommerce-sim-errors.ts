import type { SimResponse } from '../simulator-server.ts';

/**
 * WordPress / WooCommerce error answers: HTTP status plus `{ code, message, data: { status } }`
 * (v3 docs "Errors"; codes and messages as WordPress core and WooCommerce emit them).
 */
export function wooError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): SimResponse {
  return { status, body: { code, message, data: { status, ...extra } } };
}

export const noRoute = (): SimResponse => wooError(404, 'rest_no_route', 'No route was found matching the URL and request method');

export const invalidProductId = (): SimResponse => wooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');

export const invalidVariationId = (): SimResponse => wooError(404, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');

/** WooCommerce's batch limit (`woocommerce_rest_batch_items_limit`, default 100). */
export const batchTooLarge = (limit: number): SimResponse =>
  wooError(413, 'woocommerce_rest_request_entity_too_large', `Unable to accept more than ${String(limit)} items for this request.`);

/** WordPress's argument validation failure: one message per bad parameter. */
export function invalidParams(problems: Readonly<Record<string, string>>): SimResponse {
  const names = Object.keys(problems);
  return wooError(400, 'rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, {
    params: problems,
    details: Object.fromEntries(names.map((name) => [name, { code: 'rest_invalid_param', message: problems[name], data: null }])),
  });
}

/** What a caller without valid credentials gets from each kind of route (status 401 when logged out). */
export const PermissionDenied = {
  list: () => wooError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'),
  view: () => wooError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'),
  edit: () => wooError(401, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'),
  batch: () => wooError(401, 'woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.'),
  create: () => wooError(401, 'woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'),
} as const;

/** WP's fatal-error handler answer (an injected server error). */
export const criticalError = (): SimResponse => wooError(500, 'internal_server_error', 'There has been a critical error on this website.');

/** What hosts and proxies in front of WordPress send when they throttle (WooCommerce itself has no limit). */
export const throttled = (retryAfterSeconds: number): SimResponse => ({
  ...wooError(429, 'too_many_requests', 'Too Many Requests'),
  headers: { 'retry-after': String(retryAfterSeconds) },
});
