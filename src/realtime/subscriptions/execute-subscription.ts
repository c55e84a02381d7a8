import { createSourceEventStream, execute, getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { eventContext } from '../../context/event-context.ts';
import type { RequestContext } from '../../context/request-context.ts';
import type { SubscriptionTransportDeps } from './subscription-transport-deps.ts';

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-js's `subscribe`, except that each event is executed with its own context
 * (eventContext: fresh loaders and deadline; the subscription's caller and flags), and errors are
 * masked exactly as HTTP responses are. Vendors that failed without failing a field (partial
 * errors) are reported with the event, as over HTTP.
 */
export async function executeSubscription(args: ExecutionArgs, formatError: FormatError): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const subscription = args.contextValue as RequestContext;
  const stream = await createSourceEventStream(args);
  if (!isAsyncIterable(stream)) return formatted(stream, formatError);
  return mapEvents(stream, async (payload) => {
    const ctx = eventContext(subscription);
    const result = await execute({ ...args, rootValue: payload, contextValue: ctx });
    const errors = [...(result.errors ?? []), ...ctx.partialErrors];
    return formatted(errors.length > 0 ? { ...result, errors } : result, formatError);
  });
}

export type Admit = SubscriptionTransportDeps['admit'];

/**
 * The limits and quotas before anything runs: null when the operation may run, else its refusal,
 * masked as over HTTP. An unknown operation name is left to execution (it fails before any resolver).
 */
export async function refusal(args: ExecutionArgs, admit: Admit, formatError: FormatError): Promise<ExecutionResult | null> {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return null;
  try {
    await admit({ schema: args.schema, document: args.document, operation, variables: args.variableValues ?? undefined, context: args.contextValue as RequestContext });
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return formatted({ errors: [error] }, formatError);
  }
}

/** A query or mutation sent over a subscription transport: executed and masked as over HTTP. */
export async function executeOperation(args: ExecutionArgs, formatError: FormatError): Promise<ExecutionResult> {
  const ctx = args.contextValue as RequestContext;
  const result = await execute(args);
  const errors = [...(result.errors ?? []), ...ctx.partialErrors];
  return formatted(errors.length > 0 ? { ...result, errors } : result, formatError);
}

function formatted(result: ExecutionResult, formatError: FormatError): ExecutionResult {
  if (!result.errors) return result;
  // Transports serialize errors with toJSON; a GraphQLError rebuilt from the masked shape keeps it.
  const errors = result.errors.map((error) => {
    const shape = formatError(error.toJSON(), error);
    return new GraphQLError(shape.message, { path: shape.path, extensions: shape.extensions });
  });
  return { ...result, errors };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Maps a source stream without an async generator: a generator waiting on the source's next()
 * would run a consumer's return() only after the next event, so an idle subscription whose
 * client left would stay on the bus. Here return() reaches the source at once.
 */
function mapEvents(stream: AsyncIterable<unknown>, map: (payload: unknown) => Promise<ExecutionResult>): AsyncGenerator<ExecutionResult> {
  const source = stream[Symbol.asyncIterator]();
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });
  const mapped: AsyncGenerator<ExecutionResult> = {
    async next() {
      const step = await source.next();
      return step.done ? done() : { value: await map(step.value), done: false };
    },
    async return() {
      await source.return?.();
      return done();
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
