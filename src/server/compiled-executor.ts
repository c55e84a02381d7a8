import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, GraphQLError, Kind, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { firstErrorPerNulledPosition } from './propagated-errors.ts';

type GatewayInterface = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type GatewayRequestContext = Parameters<GatewayExecutor>[0];

/** How many documents (by query hash and operation name, compiled or seen once) are kept; the least recently used go first. */
export const COMPILED_DOCUMENTS_KEPT = 1000;

/** What the cache holds per document: its compiled form, or null where graphql-jit declined it (graphql-js runs it). */
type Compiled = { readonly query: CompiledQuery | null };
/** A document seen once: not compiled (yet), graphql-js runs it. */
const SEEN_ONCE: Compiled = { query: null };

/**
 * Queries, and mutations of one root field. graphql-js stops a mutation at the first root field
 * that fails non-null; graphql-jit would still run the fields after it (and their writes).
 */
function compilable(operation: OperationDefinitionNode): boolean {
  if (operation.operation === 'query') return true;
  return operation.operation === 'mutation' && operation.selectionSet.selections.length === 1 && operation.selectionSet.selections[0]!.kind === Kind.FIELD;
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error had none (a plain Error
 * from a bug), where Apollo's formatting expects graphql-js's `{}` and otherwise answers a bare
 * "Internal server error" without path or locations. The same error as graphql-js builds it.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

export interface CompiledExecutor {
  /** Hand to `new ApolloServer({ gateway })` in place of `schema`. */
  readonly gateway: GatewayInterface;
  /** Documents compiled so far: on their second request, once (later requests reuse the compiled form). */
  compilations(): number;
}

/**
 * Queries and mutations through graphql-jit: a document (Apollo's query hash plus operation name)
 * seen a second time is compiled to a function once, and the function runs every later request for it. Apollo
 * Server 5 takes an executor only from a gateway, so this is a gateway over one local schema:
 * parsing, validation, plugins (didResolveOperation, willSendResponse...) and formatError stay
 * Apollo's, only `execute` is replaced. Subscriptions do not pass through here.
 *
 * Where graphql-jit would answer otherwise than graphql-js it is not used: a document it cannot
 * compile, and a mutation of several root fields, run on graphql-js; a request it refuses before
 * executing (variables that do not coerce: errors and no `data`) is run again by graphql-js, which
 * also refuses before any resolver runs, so the client gets graphql-js's messages and Apollo's
 * BAD_USER_INPUT/400 for them; of several errors nulling the same position only the first is
 * kept (propagated-errors.ts), as graphql-js reports them.
 */
export function compiledExecutor(schema: GraphQLSchema): CompiledExecutor {
  const cache = new LRUCache<string, Compiled>({ max: COMPILED_DOCUMENTS_KEPT });
  let compilations = 0;

  const compiledFor = (document: DocumentNode, queryHash: string, operationName: string | undefined): Compiled => {
    const key = `${queryHash}:${operationName ?? ''}`;
    const cached = cache.get(key);
    if (cached && cached !== SEEN_ONCE) return cached;
    // A document's first request runs on graphql-js: compiling costs more than one execution, and
    // a caller sending ever-new documents must not make the gateway compile each of them.
    if (!cached) {
      cache.set(key, SEEN_ONCE);
      return SEEN_ONCE;
    }
    compilations += 1;
    const result = compileQuery(schema, document, operationName, { customJSONSerializer: false, disableLeafSerialization: false });
    const compiled = { query: isCompiledQuery(result) ? result : null };
    cache.set(key, compiled);
    return compiled;
  };

  const executor: GatewayExecutor = async (requestContext: GatewayRequestContext) => {
    const { document, operation, request, context, queryHash } = requestContext;
    const graphqlJs = (): Promise<ExecutionResult> | ExecutionResult =>
      execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
    if (!operation || !compilable(operation)) return graphqlJs();
    const { query } = compiledFor(document, queryHash, request.operationName);
    if (!query) return graphqlJs();
    const result = await query.query(undefined, context, request.variables);
    if (!result.errors?.length) return result;
    if (result.data === undefined) return graphqlJs();
    // graphql-js's key order ({ errors, data }), its one error per nulled position, its error objects.
    return { errors: firstErrorPerNulledPosition(schema, document, operation, result.errors).map(asGraphQLJsError), data: result.data };
  };

  const gateway: GatewayInterface = {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {
      cache.clear();
    },
  };
  return { gateway, compilations: () => compilations };
}
