import type { Span } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import type { Caller } from '../model/caller.ts';
import type { FlagEvaluator } from '../flags/flag-evaluator.ts';
import type { GatewayServices } from './gateway-services.ts';
import type { UpstreamCallContext } from '../vendors/vendor-source.ts';
import type { RequestLoaders } from './request-loaders.ts';

/**
 * Everything one GraphQL request carries, built in one place (build-request-context.ts) and
 * passed first to every service. Nothing here is shared between requests except `services`.
 */
export interface RequestContext extends UpstreamCallContext {
  readonly caller: Caller;
  readonly flags: FlagEvaluator;
  /** Per-request DataLoaders, per vendor; never shared across callers. */
  readonly loaders: RequestLoaders;
  /** Built once at start-up: config, vendors, health, cache, store. */
  readonly services: GatewayServices;
  /**
   * Errors of one vendor that did not fail the whole field (partial results). They are added to
   * the response's `errors` by the partial-errors plugin.
   */
  readonly partialErrors: GraphQLError[];
  /** The request's trace span (ended by the operation metrics plugin with the operation's name). */
  readonly requestSpan: Span;
}
