import type { GatewayServices } from '../context/gateway-services.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { RealtimeServices } from './realtime-services.ts';

/** A request context whose services include the realtime parts (the server's GraphContext is one). */
export interface RealtimeRequestContext extends RequestContext {
  readonly services: GatewayServices & { readonly realtime: RealtimeServices };
}
