import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.ts';

/**
 * One log line per GraphQL operation, on the request's logger (so it carries the request id):
 * operation name, outcome, duration and error codes. Never the variables (they may hold stock
 * data or keys) and never the query text at info level.
 */
export const requestLogPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    const started = performance.now();
    return {
      async willSendResponse({ response, operationName, operation }) {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const codes = (body?.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
        contextValue.logger.info(
          {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            callerId: contextValue.caller.id,
            ms: Math.round((performance.now() - started) * 10) / 10,
            errorCodes: codes.length > 0 ? codes : undefined,
          },
          'graphql operation',
        );
      },
    };
  },
};
