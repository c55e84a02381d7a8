import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.ts';
import { UpstreamTimings } from '../flags/debug-mode.ts';

/**
 * debug_mode: for callers with the flag on, the response carries `extensions.debug` with the
 * request id and every upstream call's timing. Only timings the request context collected
 * (build-request-context.ts creates the sink only when the flag is on for this caller).
 */
export const debugModePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const timings = contextValue.timings;
        if (!(timings instanceof UpstreamTimings) || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = {
          ...result.extensions,
          debug: {
            requestId: contextValue.requestId,
            upstream: timings.entries,
            upstreamMs: Math.round(timings.entries.reduce((sum, entry) => sum + entry.ms, 0) * 10) / 10,
          },
        };
      },
    };
  },
};
