/** The commerce platforms a vendor can run on. Matches the GraphQL enum `Platform`. */
export const Platform = {
  SHOPIFY: 'SHOPIFY',
  WOOCOMMERCE: 'WOOCOMMERCE',
  MAGENTO: 'MAGENTO',
  CUSTOM: 'CUSTOM',
} as const;

export type Platform = (typeof Platform)[keyof typeof Platform];

/** Exhaustiveness guard: a new platform (or flag, or union member) cannot be forgotten in a switch. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${String(value)}`);
}
