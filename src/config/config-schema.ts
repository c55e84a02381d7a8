import { z } from 'zod';
import { CACHE_DEFAULTS, cacheConfigSchema } from './cache-config.ts';
import { customVendorConfigSchema } from './vendors/custom/custom-config.ts';
import { magentoVendorConfigSchema } from './vendors/magento-config.ts';
import { shopifyVendorConfigSchema } from './vendors/shopify-config.ts';
import { wooCommerceVendorConfigSchema } from './vendors/woocommerce-config.ts';
import { secretSchema } from './config-fields.ts';
import { documentLimitFields, quotaConfigSchema } from './limits-config.ts';
import { httpConfigSchema, securityConfigSchema } from './security-config.ts';
import { postgresConfigSchema, redisConfigSchema } from './shared-state-config.ts';
import { REALTIME_DEFAULTS, realtimeConfigSchema } from './realtime-config.ts';
import { PURCHASING_DEFAULTS, purchasingConfigSchema, supplierConfigSchema } from './purchasing-config.ts';

export const Environment = { PRODUCTION: 'production', DEVELOPMENT: 'development' } as const;
export type Environment = (typeof Environment)[keyof typeof Environment];

export const vendorConfigSchema = z.discriminatedUnion('platform', [
  shopifyVendorConfigSchema,
  wooCommerceVendorConfigSchema,
  magentoVendorConfigSchema,
  customVendorConfigSchema,
]);

export const flagsConfigSchema = z.union([
  z.object({ file: z.string().min(1) }).strict(),
  z
    .object({
      apiHost: z.url(),
      clientKey: secretSchema,
      refreshSeconds: z.number().int().positive().default(60),
    })
    .strict(),
]);

const ROLE_NAMES = ['viewer', 'inventory:write', 'admin'] as const;
export const roleSchema = z.enum(ROLE_NAMES);

export const apiKeyConfigSchema = z
  .object({
    id: z.string().min(1),
    keyHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 lowercase hex digits (sha256 of the key)'),
    roles: z.array(roleSchema).min(1),
    vendors: z.array(z.string()).optional(),
    /** Requests and cost per minute for this key (default: `limits.defaultQuota`). */
    quota: quotaConfigSchema.optional(),
  })
  .strict();

export const jwtConfigSchema = z
  .object({
    secret: secretSchema.optional(),
    jwksUrl: z.url().optional(),
    issuer: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
    /** Claim holding the roles array. */
    rolesClaim: z.string().default('roles'),
    /** Claim holding the vendor scope array (absent = all vendors). */
    vendorsClaim: z.string().default('vendors'),
  })
  .strict()
  .refine((v) => Boolean(v.secret) !== Boolean(v.jwksUrl), {
    message: 'give either secret (HS256) or jwksUrl, not both or neither',
    path: ['secret'],
  });

export const authConfigSchema = z
  .object({
    apiKeys: z.array(apiKeyConfigSchema).default([]),
    jwt: jwtConfigSchema.optional(),
  })
  .strict();

export const limitsConfigSchema = z
  .object({
    /** Deadline of one GraphQL request, ms; upstream calls get what is left of it. */
    requestTimeoutMs: z.number().int().positive().default(10_000),
    /** Largest `first` a connection accepts. */
    maxPageSize: z.number().int().positive().max(1000).default(250),
    /** Most SKUs one `productsBySku` call accepts. */
    maxSkusPerQuery: z.number().int().positive().default(250),
    /** Mutations with more changes than this need `bulk_operations_enabled`. */
    bulkThreshold: z.number().int().positive().default(50),
    /** Most changes one mutation accepts at all. */
    maxChangesPerMutation: z.number().int().positive().default(250),
    ...documentLimitFields,
  })
  .strict();

export const gatewayConfigSchema = z
  .object({
    environment: z.enum([Environment.PRODUCTION, Environment.DEVELOPMENT]).default(Environment.PRODUCTION),
    vendors: z.array(vendorConfigSchema).min(1, 'list at least one vendor'),
    flags: flagsConfigSchema.optional(),
    auth: authConfigSchema.default({ apiKeys: [] }),
    limits: limitsConfigSchema.prefault({}),
    security: securityConfigSchema.prefault({}),
    http: httpConfigSchema.prefault({}),
    /** Where durable state lives (idempotency records, audit log, sync cursors). */
    store: z
      .object({
        sqlitePath: z.string().min(1).default('.stockgraph/state.db'),
        /** How long an idempotency key is remembered after its last use (at least 24 h). */
        idempotencyTtlHours: z.number().min(24).default(24),
        /** Added to limits.requestTimeoutMs: how long a crashed run's idempotency lease outlives its deadline. */
        idempotencyLeaseMarginMs: z.number().int().min(1_000).default(30_000),
        /** PostgreSQL instead of SQLite, for several instances (README "Running several instances"). */
        postgres: postgresConfigSchema.optional(),
      })
      .strict()
      .default({ sqlitePath: '.stockgraph/state.db', idempotencyTtlHours: 24, idempotencyLeaseMarginMs: 30_000 }),
    /** The shared short-TTL read cache (src/cache). */
    cache: cacheConfigSchema.default({ ...CACHE_DEFAULTS }),
    /** Shared budgets, cache invalidation, locks and events across instances (README "Running several instances"). */
    redis: redisConfigSchema.optional(),
    /** Webhook intake and subscription limits (src/realtime). */
    realtime: realtimeConfigSchema.default({ ...REALTIME_DEFAULTS }),
    /** Whom SKUs are bought from (not sales channels: those are `vendors`); see README "Purchasing". */
    suppliers: z.array(supplierConfigSchema).default([]),
    /** Purchase-order delivery and lead-time measurement (README "Purchasing"). */
    purchasing: purchasingConfigSchema.default({ ...PURCHASING_DEFAULTS }),
  })
  .strict();

export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type VendorConfig = z.infer<typeof vendorConfigSchema>;

/** The validated configuration, plus what start-up learned about where it came from. */
export type GatewayConfig = z.infer<typeof gatewayConfigSchema> & {
  /** True when no configuration was given and the embedded simulators serve the vendors. */
  readonly demo: boolean;
  /** Where the config came from, for /ready and logs. */
  readonly source: string;
};
