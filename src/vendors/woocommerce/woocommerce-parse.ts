import type { z } from 'zod';
import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';

/** Validates a WooCommerce body; a body of the wrong shape is a classified upstream failure. */
export function parseWoo<S extends z.ZodType>(schema: S, body: unknown, operation: string, vendorId: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
  throw new UpstreamError(`${vendorId} answered ${operation} with an unexpected payload (${where})`, {
    vendorId,
    errorClass: UpstreamErrorClass.VALIDATION,
    cause: parsed.error,
  });
}
