import { z } from 'zod';

/**
 * Requests and cost a caller may spend per minute. Cost is the document cost the limits measure
 * (see document-cost.ts), so a caller's cost quota bounds the upstream load it can cause.
 */
export const quotaConfigSchema = z
  .object({
    requestsPerMinute: z.number().int().positive('requestsPerMinute must be a positive whole number'),
    costPerMinute: z.number().int().positive('costPerMinute must be a positive whole number'),
  })
  .strict();
export type QuotaConfig = z.infer<typeof quotaConfigSchema>;

/**
 * Defaults start from graphql-armor's (depth 6, aliases 15, directives 50, tokens 1000, cost 5000)
 * and are raised where the documented queries need room: connections add two levels
 * (`products { nodes { … } }`), and cost here counts upstream work, not fields (document-cost.ts).
 * Every README example, the GraphiQL docs explorer's introspection query and the bench's queries
 * pass with a margin (test/integration/limits/documented-queries.test.ts).
 */
export const DOCUMENT_LIMIT_DEFAULTS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 5000,
  /** The same response key selected more than this many times in one selection set (field duplication). */
  maxFieldRepeats: 10,
  maxBodyBytes: 256 * 1024,
} as const;

/** About ten requests a second, or 200 catalog pages of 100 products a minute (cost ~500 each). */
export const DEFAULT_QUOTA: QuotaConfig = { requestsPerMinute: 600, costPerMinute: 100_000 };

const positiveInt = (name: string) => z.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`).positive(`${name} must be at least 1`);

/** The keys of `limits` this folder owns; config-schema.ts spreads them into `limits`. */
export const documentLimitFields = {
  /** Deepest field nesting of an operation (introspection's `ofType` chains do not count). */
  maxDepth: positiveInt('maxDepth').default(DOCUMENT_LIMIT_DEFAULTS.maxDepth),
  /** Aliases in an operation, fragments expanded. */
  maxAliases: z.number().int().min(0, 'maxAliases must be 0 or more').default(DOCUMENT_LIMIT_DEFAULTS.maxAliases),
  /** Directives in an operation, fragments expanded. */
  maxDirectives: z.number().int().min(0, 'maxDirectives must be 0 or more').default(DOCUMENT_LIMIT_DEFAULTS.maxDirectives),
  /** Lexical tokens in a document; the parser stops at this count. */
  maxTokens: positiveInt('maxTokens').default(DOCUMENT_LIMIT_DEFAULTS.maxTokens),
  /** Estimated upstream cost of an operation (document-cost.ts). */
  maxCost: positiveInt('maxCost').default(DOCUMENT_LIMIT_DEFAULTS.maxCost),
  maxFieldRepeats: positiveInt('maxFieldRepeats').default(DOCUMENT_LIMIT_DEFAULTS.maxFieldRepeats),
  /** Largest request body, bytes. */
  maxBodyBytes: positiveInt('maxBodyBytes').default(DOCUMENT_LIMIT_DEFAULTS.maxBodyBytes),
  /** Quota of an authenticated caller that has none of its own (JWT callers, keys without `quota`). */
  defaultQuota: quotaConfigSchema.default(DEFAULT_QUOTA),
};

/** The limits the document checks read (a slice of the validated `limits`). */
export interface DocumentLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  readonly maxFieldRepeats: number;
}
