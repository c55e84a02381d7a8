import picomatch from 'picomatch';
import { z } from 'zod';
import { secretSchema, urlSchema } from './config-fields.ts';

/**
 * Who a SKU is bought from. A supplier is not a vendor: a vendor (`vendors`) is a sales channel
 * the gateway reads and writes stock at; a supplier is whom the merchant sends purchase orders.
 * A SKU's supplier is the first entry whose `skus` glob patterns match it (picomatch syntax).
 */
export const supplierConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and dashes (for example "acme-supply")'),
    name: z.string().trim().min(1, 'must not be empty'),
    /** Configured mean days from submitting an order to receiving it (replaced by the measured one once there are enough receipts). */
    leadTimeDays: z.number().positive().max(365),
    /** Configured spread of that lead time, in days (0: fixed). */
    leadTimeStdDays: z.number().min(0).max(365).default(0),
    skus: z.array(z.string().min(1).superRefine(validGlob)).min(1, 'list at least one SKU pattern (for example "SG-1*")'),
  })
  .strict();

function validGlob(pattern: string, ctx: z.RefinementCtx): void {
  try {
    picomatch.makeRe(pattern, { strictBrackets: true });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a valid glob pattern (${error instanceof Error ? error.message : String(error)})` });
  }
}

export const purchasingConfigSchema = z
  .object({
    /** Where `submitPurchaseOrder` POSTs the order (an ERP, an e-mail bridge); none: orders are only stored. */
    webhookUrl: urlSchema.optional(),
    /** HMAC-SHA256 key of the `X-Stockgraph-Signature` header; required with webhookUrl. */
    webhookSecret: secretSchema.optional(),
    /** Attempts per delivery (the first included) before it is given up. */
    deliveryAttempts: z.number().int().min(1).max(20).default(6),
    /** First retry delay; each further one doubles (with jitter), up to deliveryMaxDelayMs. */
    deliveryInitialDelayMs: z.number().int().min(1).max(3_600_000).default(2_000),
    deliveryMaxDelayMs: z.number().int().min(1).max(86_400_000).default(300_000),
    /** Deadline of one delivery attempt. */
    deliveryTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Receipts (order lines received) a supplier needs before its measured lead time replaces the configured one. */
    minLeadTimeSamples: z.number().int().min(1).max(1000).default(5),
  })
  .strict()
  .refine((value) => value.webhookUrl === undefined || value.webhookSecret !== undefined, {
    message: 'webhookUrl needs webhookSecret (orders are signed); for example webhookSecret: "${PURCHASING_WEBHOOK_SECRET}"',
    path: ['webhookSecret'],
  });

export type SupplierConfig = z.infer<typeof supplierConfigSchema>;
export type PurchasingConfig = z.infer<typeof purchasingConfigSchema>;

export const PURCHASING_DEFAULTS = {
  deliveryAttempts: 6,
  deliveryInitialDelayMs: 2_000,
  deliveryMaxDelayMs: 300_000,
  deliveryTimeoutMs: 10_000,
  minLeadTimeSamples: 5,
} as const;

/** Supplier ids are unique. */
export function supplierRules(suppliers: readonly SupplierConfig[]): string[] {
  const seen = new Set<string>();
  return suppliers.flatMap((supplier, index) => {
    if (seen.has(supplier.id)) return [`suppliers[${index}].id: "${supplier.id}" is used by another supplier; ids must be unique`];
    seen.add(supplier.id);
    return [];
  });
}
