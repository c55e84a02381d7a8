import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { Environment, type GatewayConfig } from '../config/config-schema.ts';
import { CallerQuotas } from '../limits/caller-quotas.ts';
import { admitOperation, limitsPlugin, type LimitedContext, type OperationToAdmit } from '../limits/limits-plugin.ts';
import { memoryQuotaLimiter, type QuotaLimiter } from '../limits/quota-limiter.ts';
import { loadTrustedDocuments, manifestQueryCache, trustedDocumentsPlugin, type TrustedDocuments } from './trusted-documents.ts';

/**
 * Fragment expansions validation follows before refusing a document (Apollo's
 * maxRecursiveSelections): fragment "bombs" stop here, before the limits walk them. The GraphiQL
 * introspection query expands to a few hundred.
 */
export const MAX_RECURSIVE_SELECTIONS = 10_000;

type ApolloSecurityOptions = Pick<
  ApolloServerOptions<LimitedContext>,
  'introspection' | 'hideSchemaDetailsFromClientErrors' | 'parseOptions' | 'maxRecursiveSelections' | 'allowBatchedHttpRequests' | 'persistedQueries'
>;

export interface SecurityOptions {
  readonly apollo: ApolloSecurityOptions;
  readonly plugins: ReadonlyArray<ApolloServerPlugin<LimitedContext>>;
  /** The same limits and quotas for operations executed outside Apollo (subscriptions); throws the refusal. */
  readonly admit: (input: OperationToAdmit) => Promise<void>;
  /** The trusted documents, when configured (the HTTP edge refuses unlisted text with them). */
  readonly trusted: TrustedDocuments | null;
}

/**
 * Everything the Apollo instance needs to face the public, built once from config: introspection
 * and "Did you mean" suggestions (off in production unless configured on), the parser's token
 * limit, no array batching, trusted documents, and the limits-and-quotas plugin. Because these
 * live in the Apollo instance, `executeOperation` callers (the MCP tools) get them too.
 */
export function securityOptions(config: GatewayConfig, logger: Logger, limiter: QuotaLimiter = memoryQuotaLimiter()): SecurityOptions {
  const production = config.environment === Environment.PRODUCTION;
  const { security, limits } = config;
  const trusted = security.trustedDocuments ? loadTrustedDocuments(security.trustedDocuments.file, security.trustedDocuments.enforce) : null;
  if (trusted) logger.info({ documents: trusted.count, enforce: trusted.enforce }, 'trusted documents loaded');
  const quotas = new CallerQuotas({ apiKeys: config.auth.apiKeys, defaultQuota: limits.defaultQuota }, limiter);
  return {
    apollo: {
      introspection: security.introspection ?? !production,
      hideSchemaDetailsFromClientErrors: !(security.fieldSuggestions ?? !production),
      parseOptions: { maxTokens: limits.maxTokens },
      maxRecursiveSelections: MAX_RECURSIVE_SELECTIONS,
      // An array of operations would multiply one request's cost past the limits: refused (400).
      allowBatchedHttpRequests: false,
      ...(trusted ? { persistedQueries: { cache: manifestQueryCache(trusted) } } : {}),
    },
    plugins: [...(trusted ? [trustedDocumentsPlugin(trusted)] : []), limitsPlugin({ limits, quotas })],
    admit: (input) => admitOperation({ limits, quotas }, input),
    trusted,
  };
}
