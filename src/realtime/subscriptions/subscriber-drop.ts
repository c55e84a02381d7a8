import type { RequestContext } from '../../context/request-context.ts';

/** The close code of a subscriber dropped for reading too slowly (graphql-ws keeps 44xx for itself). */
export const SLOW_SUBSCRIBER_CLOSE_CODE = 4008;
export const SLOW_SUBSCRIBER_REASON = 'Subscriber too slow';

/**
 * How each transport drops a connection whose subscriber fell behind (the WebSocket closes with
 * SLOW_SUBSCRIBER_CLOSE_CODE; an SSE stream ends). Keyed by the subscription's context, which the
 * transport builds, so the stream can reach its connection without the context type knowing it.
 */
const drops = new WeakMap<RequestContext, () => void>();

export function onSlowSubscriber(ctx: RequestContext, drop: () => void): void {
  drops.set(ctx, drop);
}

export function dropSlowSubscriber(ctx: RequestContext): void {
  drops.get(ctx)?.();
}
