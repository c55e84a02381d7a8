/** What the state store keeps of purchase orders (src/purchasing runs them). */

export const PurchaseOrderStatus = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  PARTIALLY_RECEIVED: 'PARTIALLY_RECEIVED',
  RECEIVED: 'RECEIVED',
  CANCELLED: 'CANCELLED',
} as const;
export type PurchaseOrderStatus = (typeof PurchaseOrderStatus)[keyof typeof PurchaseOrderStatus];

export const DeliveryStatus = {
  /** The endpoint answered 2xx. */
  DELIVERED: 'DELIVERED',
  /** Unreachable, timed out, 5xx or 429: retried with backoff until the attempts run out. */
  FAILED: 'FAILED',
  /** The endpoint refused it (another 4xx): not retried. */
  REJECTED: 'REJECTED',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export interface PurchaseOrderMoney {
  readonly amount: string;
  readonly currencyCode: string;
}

export interface PurchaseOrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly received: number;
  readonly unitCost: PurchaseOrderMoney | null;
}

export interface PurchaseOrderDelivery {
  /** 1, 2, ... per order. */
  readonly attempt: number;
  readonly status: DeliveryStatus;
  readonly at: number;
  /** The HTTP status the endpoint answered, when it answered. */
  readonly httpStatus: number | null;
  /** Why it failed (never the endpoint's body). */
  readonly error: string | null;
}

export interface PurchaseOrderRecord {
  readonly id: string;
  readonly supplierId: string;
  readonly status: PurchaseOrderStatus;
  readonly lines: readonly PurchaseOrderLine[];
  /** The vendors (sales channels) whose reorder suggestions made the order. */
  readonly vendorIds: readonly string[];
  readonly createdAt: number;
  readonly submittedAt: number | null;
  readonly expectedAt: number | null;
  /** When the last line was fully received. */
  readonly receivedAt: number | null;
  readonly cancelledAt: number | null;
  readonly deliveries: readonly PurchaseOrderDelivery[];
  /** Increases with every new order; the paging position (newest first). */
  readonly sequence: number;
}

export interface NewPurchaseOrder {
  readonly id: string;
  readonly supplierId: string;
  readonly lines: ReadonlyArray<Omit<PurchaseOrderLine, 'received'>>;
  readonly vendorIds: readonly string[];
}

export interface CreateDraftsRequest {
  /** Who owns the key (the caller id). */
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly orders: readonly NewPurchaseOrder[];
  /** The rest of the answer (opaque JSON, e.g. SKUs without a supplier), replayed with the orders. */
  readonly payload: string;
  readonly now: number;
}

export type CreateDraftsOutcome =
  | { readonly kind: 'created'; readonly orders: readonly PurchaseOrderRecord[]; readonly payload: string }
  /** The key was used before for the same input: the orders it made then (as they are now). */
  | { readonly kind: 'replayed'; readonly orders: readonly PurchaseOrderRecord[]; readonly payload: string }
  | { readonly kind: 'conflict' };

export interface TransitionRequest {
  readonly id: string;
  /** Statuses the order may be in; otherwise nothing changes ('refused'). */
  readonly from: readonly PurchaseOrderStatus[];
  readonly to: typeof PurchaseOrderStatus.SUBMITTED | typeof PurchaseOrderStatus.CANCELLED;
  readonly now: number;
  /** With SUBMITTED: when the supplier is expected to deliver. */
  readonly expectedAt?: number | null;
}

export type TransitionOutcome =
  | { readonly kind: 'changed'; readonly order: PurchaseOrderRecord }
  | { readonly kind: 'refused'; readonly order: PurchaseOrderRecord }
  | { readonly kind: 'not-found' };

export interface ReceiptRequest {
  readonly orderId: string;
  /** One receipt (the caller's idempotency key): recording it again adds only what grew since. */
  readonly receiptKey: string;
  readonly locationId: string;
  /** Units applied to stock under this receipt so far, per SKU (cumulative, not a delta). */
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  readonly now: number;
}

export interface ReserveReceiptRequest {
  readonly orderId: string;
  /** The receipt (the caller's idempotency key), as recordPurchaseOrderReceipt is given it. */
  readonly receiptKey: string;
  readonly locationId: string;
  /** Units this receipt puts away, per SKU (cumulative for the receipt, as in ReceiptRequest). */
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  /** Accept more than is still open (an over-delivery the merchant keeps). */
  readonly force: boolean;
  readonly now: number;
}

export type ReserveReceiptOutcome =
  /** The units are held for this receipt: no other receipt can take them until it is recorded. */
  | { readonly kind: 'reserved'; readonly order: PurchaseOrderRecord }
  /** More than is still open on a line (what other receipts received or hold counted): nothing held. */
  | { readonly kind: 'over-receipt'; readonly order: PurchaseOrderRecord; readonly sku: string; readonly quantity: number; readonly open: number }
  | { readonly kind: 'not-found' };

export interface PurchaseOrderFilter {
  readonly statuses?: readonly PurchaseOrderStatus[] | null;
  readonly supplierId?: string | null;
}

export interface PurchaseOrderPageRequest {
  readonly first: number;
  readonly afterSequence: number | null;
}

export interface PurchaseOrderPage {
  readonly orders: readonly PurchaseOrderRecord[];
  readonly hasNextPage: boolean;
}

/** One measured lead time: an order line's first receipt after the order was submitted. */
export interface LeadTimeSample {
  readonly orderId: string;
  readonly supplierId: string;
  readonly sku: string;
  readonly submittedAt: number;
  readonly receivedAt: number;
}

/** The purchase-order part of the StateStore (state-store.ts extends it). */
export interface PurchaseOrderStore {
  /**
   * Stores one batch of drafts under `(scope, key)`, atomically: the first call creates them; a
   * later call with the same fingerprint answers the same orders ('replayed'), a different one
   * 'conflict'. Concurrent calls with one key create one batch.
   */
  createPurchaseOrderDrafts(request: CreateDraftsRequest): Promise<CreateDraftsOutcome>;
  getPurchaseOrder(id: string): Promise<PurchaseOrderRecord | null>;
  /** Newest first. */
  listPurchaseOrders(filter: PurchaseOrderFilter, page: PurchaseOrderPageRequest): Promise<PurchaseOrderPage>;
  /** SUBMITTED (sets submittedAt, expectedAt) or CANCELLED (sets cancelledAt), from the given statuses only. */
  transitionPurchaseOrder(request: TransitionRequest): Promise<TransitionOutcome>;
  /**
   * Holds a receipt's units against the order before any stock moves, in one transaction with the
   * order row locked: refuses ('over-receipt', nothing held) when a line is more than is still
   * open — ordered minus received by other receipts minus what other receipts hold — unless
   * forced. Two receipts of one order on different instances cannot both pass. The hold lasts
   * until recordPurchaseOrderReceipt records the receipt (retrying the same receipt replaces it).
   */
  reservePurchaseOrderReceipt(request: ReserveReceiptRequest): Promise<ReserveReceiptOutcome>;
  /**
   * Records what a receipt applied to stock, in one transaction (and releases its hold): adds to each line's `received`
   * what grew since this receipt was last recorded (so recording it again adds nothing), makes
   * the order PARTIALLY_RECEIVED or RECEIVED (not when CANCELLED), and stores one lead-time sample
   * per line on its first receipt. Answers the order afterwards, or null when there is none.
   */
  recordPurchaseOrderReceipt(request: ReceiptRequest): Promise<PurchaseOrderRecord | null>;
  /** Units this receipt recorded so far, by SKU (empty when it was never recorded). */
  getPurchaseOrderReceipt(orderId: string, receiptKey: string): Promise<ReadonlyMap<string, number>>;
  /** Appends one delivery attempt (numbered by the store: 1, 2, ...) and answers its number. */
  appendPurchaseOrderDelivery(orderId: string, delivery: Omit<PurchaseOrderDelivery, 'attempt'>): Promise<number>;
  /** Lead-time samples received at or after `since`, of one supplier or all. */
  listLeadTimeSamples(filter: { readonly supplierId?: string | null; readonly since: number }): Promise<readonly LeadTimeSample[]>;
}
