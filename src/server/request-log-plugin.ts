import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.ts';

/**
 * One log line per GraphQL operation, on the request's logger (so it carries the request id):
 * operation name, outcome, duration, error codes and, for vendor errors, their class (so a
 * vendor refusing our input, `invalid_input`, reads apart from refused credentials,
 * `authentication` / `authorization`, though all three are VENDOR_REJECTED). Never the variables (they may hold stock
 * data or keys) and never the query text at info level.
 */
export const requestLogPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    const started = performance.now();
    return {
      async willSendResponse({ response, operationName, operation }) {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const codes = (body?.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
        const classes = (body?.errors ?? []).flatMap((error) => (typeof error.extensions?.errorClass === 'string' ? [error.extensions.errorClass] : []));
        contextValue.logger.info(
          {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            callerId: contextValue.caller.id,
            ms: Math.round((performance.now() - started) * 10) / 10,
            errorCodes: codes.length > 0 ? codes : undefined,
            errorClasses: classes.length > 0 ? classes : undefined,
          },
          'graphql operation',
        );
      },
    };
  },
};
