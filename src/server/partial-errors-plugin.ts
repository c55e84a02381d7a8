import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.ts';

/**
 * Adds the errors of vendors that failed without failing their field (RequestContext.partialErrors)
 * to the response, so clients get the other vendors' data plus an error naming the vendor.
 */
export const partialErrorsPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.partialErrors.length === 0 || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const formatted = contextValue.partialErrors.map((error) => error.toJSON());
        result.errors = [...(result.errors ?? []), ...formatted];
      },
    };
  },
};
