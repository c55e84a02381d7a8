import { mayUseVendor } from '../../auth/vendor-visibility.ts';
import type { RealtimeRequestContext } from '../realtime-request-context.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { badUserInput, GatewayError } from '../../errors/gateway-error.ts';
import type { WebhookRegistration } from './webhook-registration.ts';

/** `registerWebhooks(vendorId, callbackBase)`: the admin's request, checked, handed to the registrar. */
export function registerWebhooks(ctx: RealtimeRequestContext, vendorId: string, callbackBase: string | null): Promise<WebhookRegistration[]> {
  if (!mayUseVendor(ctx, vendorId)) throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
  const base = callbackBase ?? ctx.services.config.realtime.publicUrl;
  if (!base) throw badUserInput('Give "callbackBase" (the gateway\'s public origin) or configure realtime.publicUrl', 'callbackBase');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw badUserInput(`"callbackBase" is not an absolute URL: ${JSON.stringify(base)}`, 'callbackBase');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUserInput('"callbackBase" must be an http(s) URL', 'callbackBase');
  return ctx.services.realtime.registrar.register(vendorId, url.origin + url.pathname.replace(/\/+$/, ''));
}
