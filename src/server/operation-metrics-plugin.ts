import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.ts';
import type { GatewayMetrics } from '../observability/gateway-metrics.ts';
import { endSpan } from '../observability/tracing.ts';

/**
 * Counts and times every GraphQL operation. The `operation` label is `<type>:<first root field>`
 * (for example `query:products`): bounded by the schema, unlike client-chosen operation names.
 * It also names and ends the request's trace span.
 */
export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = 'unknown';
      return {
        async didResolveOperation({ operation: definition }) {
          if (!definition) return;
          const first = definition.selectionSet.selections.find((selection) => selection.kind === 'Field');
          operation = `${definition.operation}:${first && first.kind === 'Field' ? first.name.value : 'fragment'}`;
        },
        async willSendResponse({ response, contextValue }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errors = [...(body?.errors ?? [])];
          for (const error of errors) metrics.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
          const hasData = body?.data !== undefined && body?.data !== null;
          const outcome = errors.length === 0 ? 'success' : hasData ? 'partial' : 'error';
          metrics.operations.inc({ operation, outcome });
          metrics.operationDuration.observe({ operation, outcome }, (performance.now() - started) / 1000);
          contextValue.requestSpan?.updateName(`graphql ${operation}`);
          endSpan(contextValue.requestSpan, outcome === 'error' ? new Error(outcome) : undefined, { 'graphql.outcome': outcome });
        },
      };
    },
  };
}
