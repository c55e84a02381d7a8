import type { SimResponse } from '../simulator-server.ts';

/** Magento's error body: `{ message, parameters? }` with `%name` / `%1` placeholders (error-response in the OpenAPI). */
export function magentoError(status: number, message: string, parameters?: Record<string, unknown> | unknown[]): SimResponse {
  return { status, body: parameters === undefined ? { message } : { message, parameters } };
}

/** A handler-level failure carrying the response to send. */
export class MagentoFault extends Error {
  readonly response: SimResponse;

  constructor(response: SimResponse) {
    super(typeof response.body === 'object' && response.body !== null ? String((response.body as { message?: unknown }).message) : 'fault');
    this.response = response;
  }
}

export const fail = (status: number, message: string, parameters?: Record<string, unknown> | unknown[]): never => {
  throw new MagentoFault(magentoError(status, message, parameters));
};

/** Real 2.4 wordings used by more than one route. */
export const MagentoMessages = {
  NO_ROUTE: 'Request does not match any route.',
  UNAUTHORIZED: "The consumer isn't authorized to access %resources.",
  PRODUCT_NOT_FOUND: "The product that was requested doesn't exist. Verify the product and try again.",
  REQUIRED_FIELD: '"%fieldName" is required. Enter and try again.',
  INVALID_TYPE: 'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.',
  MAX_PAGE_SIZE: 'Maximum SearchCriteria pageSize is %max',
  MAX_ITEMS: 'Maximum items of type "%type" is %max',
  SIGN_IN_FAILED: 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.',
  STORE_NOT_FOUND: "The store that was requested wasn't found. Verify the store and try again.",
} as const;
