import type { IncomingHttpHeaders } from 'node:http';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { RequestContext } from '../../context/request-context.ts';
import type { FormatError } from './execute-subscription.ts';

/** What the server hands both subscription transports: the HTTP schema, context builder and error mask. */
export interface SubscriptionTransportDeps {
  readonly schema: GraphQLSchema;
  readonly authenticator: Authenticator;
  /** The one request-context builder (authentication, flags, loaders), as for HTTP. */
  readonly buildContext: (headers: IncomingHttpHeaders, signal: AbortSignal) => Promise<RequestContext>;
  readonly formatError: FormatError;
  /**
   * The query limits and caller quotas of every other way in (the server wires the limits in):
   * throws the refusal (QUERY_TOO_COMPLEX, RATE_LIMITED) before anything runs.
   */
  readonly admit: (input: {
    readonly schema: GraphQLSchema;
    readonly document: DocumentNode;
    readonly operation: OperationDefinitionNode;
    readonly variables: Record<string, unknown> | undefined;
    readonly context: RequestContext;
  }) => Promise<void>;
  /** Largest message a client may send, bytes. */
  readonly maxMessageBytes: number;
}
