import type { IncomingHttpHeaders } from 'node:http';
import { context as otelContext, propagation, type Context } from '@opentelemetry/api';
import type { Caller } from '../model/caller.ts';
import { buildRequestContext } from '../context/build-request-context.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { FlagEvaluator } from '../flags/flag-evaluator.ts';

/** The gateway's long-lived parts, as every request context carries them (no import of src/server). */
type GatewayServices = RequestContext['services'];

/**
 * Who is talking to the MCP server, authenticated once when the session opens (an HTTP request,
 * or the stdio process with STOCKGRAPH_API_KEY). Every tool call builds its own RequestContext
 * with the same builder and the same credentials as a /graphql request, so authentication, roles,
 * vendor scope, flags, deadline, loaders and logging are exactly what GraphQL callers get.
 */
export interface McpSession<C extends RequestContext = RequestContext> {
  readonly caller: Caller;
  /** Flags for this caller, evaluated now (a long stdio session sees definition changes). */
  flags(): FlagEvaluator;
  /** The RequestContext of one tool call; `signal` aborts when the client cancels or goes away. */
  context(signal: AbortSignal): Promise<C>;
  /** The trace context a client propagated (`traceparent`), parent of the tool spans. */
  readonly traceParent: Context;
}

/** Authenticates the credentials in `headers` (throws the UNAUTHENTICATED GatewayError when they fail). */
export async function openSession<S extends GatewayServices>(services: S, headers: IncomingHttpHeaders): Promise<McpSession<RequestContext & { readonly services: S }>> {
  const caller = await services.authenticator.authenticate(headers);
  return {
    caller,
    flags: () => services.flags.forCaller(caller),
    context: (signal) => buildRequestContext(services, { headers, signal }),
    traceParent: propagation.extract(otelContext.active(), headers),
  };
}
