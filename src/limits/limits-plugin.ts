import type { ApolloServerPlugin } from '@apollo/server';
import { Lexer, Source, TokenKind, type DocumentNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { visibleVendorIds, type VisibilityContext } from '../auth/vendor-visibility.ts';
import type { CallerQuotas } from './caller-quotas.ts';
import { evaluateOperation } from './evaluate-operation.ts';
import { EvaluationMemo } from './evaluation-memo.ts';
import type { DocumentLimits } from '../config/limits-config.ts';
import { LimitName, queryTooComplex } from './query-too-complex.ts';

/** What the plugin reads of a request context (the gateway's RequestContext has it): who calls, and which vendors they reach. */
export type LimitedContext = VisibilityContext;

export interface LimitsPluginOptions {
  readonly limits: DocumentLimits;
  readonly quotas: CallerQuotas;
}

/**
 * The document limits and caller quotas, inside Apollo's request pipeline so that every way in
 * (HTTP, and `executeOperation` for the MCP tools) gets the same checks. They run after
 * validation and before execution (`didResolveOperation`): a refused operation runs no resolver,
 * so nothing reaches a vendor. The token limit is the parser's own (`parseOptions.maxTokens`,
 * set beside this plugin); its syntax error is turned into QUERY_TOO_COMPLEX here.
 */
export function limitsPlugin(options: LimitsPluginOptions): ApolloServerPlugin<LimitedContext> {
  const memo = new EvaluationMemo(options.limits);
  return {
    async requestDidStart() {
      // The request is counted as soon as its document is known, so documents that fail parsing
      // or validation spend the caller's requests too; the refusal is raised before execution.
      let overRequestQuota: GraphQLError | null = null;
      return {
        async didResolveSource({ contextValue }) {
          overRequestQuota = await options.quotas.spendRequest(contextValue.caller);
        },

        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (overRequestQuota) throw overRequestQuota;
          if (!operation) return; // an unknown operation name fails in execution, before any resolver
          await admitCost(options, { schema, document, operation, variables: request.variables, context: contextValue }, memo);
        },

        async didEncounterErrors({ errors, source }) {
          // Apollo formats the very array it hands to this hook, so the parser's token-limit
          // error can be replaced in place by the gateway's own refusal (same 400 status).
          const index = errors.findIndex(isTokenLimitError);
          if (index < 0 || source === undefined) return;
          (errors as GraphQLError[])[index] = queryTooComplex(LimitName.TOKENS, countTokens(source), options.limits.maxTokens);
        },
      };
    },
  };
}

export interface OperationToAdmit {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Record<string, unknown> | undefined;
  readonly context: LimitedContext;
}

/** The document limits and the cost quota for one resolved operation: throws the refusal, or spends the cost. */
async function admitCost(options: LimitsPluginOptions, input: OperationToAdmit, memo?: EvaluationMemo): Promise<void> {
  const scope = { vendorCount: visibleVendorIds(input.context).length };
  const toEvaluate = { schema: input.schema, document: input.document, operation: input.operation, variables: input.variables, scope };
  const { measured, over } = memo ? memo.evaluate(toEvaluate) : evaluateOperation(toEvaluate, options.limits);
  if (over) throw queryTooComplex(over.limit, over.value, over.max);
  await options.quotas.spendCost(input.context.caller, measured.cost);
}

/**
 * The same checks for an operation that does not pass through Apollo (a subscription over
 * graphql-ws or SSE, which graphql-js executes directly): the request quota, the document
 * limits and the cost quota, in that order. Throws the refusal (a GatewayError).
 */
export async function admitOperation(options: LimitsPluginOptions, input: OperationToAdmit): Promise<void> {
  const overRequestQuota = await options.quotas.spendRequest(input.context.caller);
  if (overRequestQuota) throw overRequestQuota;
  await admitCost(options, input);
}

const TOKEN_LIMIT_MESSAGE = /Document contains more th\w+ \d+ tokens/;

function isTokenLimitError(error: GraphQLError): boolean {
  return error.extensions.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(error.message);
}

/** Lexical tokens of a document as graphql's parser counts them (comments excluded). */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) count += 1;
  } catch {
    // A lexing error past the limit: the count so far is already over it.
  }
  return count;
}
