import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLSchema } from 'graphql';
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
  /** Largest message a client may send, bytes. */
  readonly maxMessageBytes: number;
}
