import type { GraphQLFormattedError } from 'graphql';
import { z } from 'zod';
import { ErrorCode } from '../errors/error-code.ts';

/** A vendor (or field) that failed beside the data a tool returns: the tool still answers. */
export interface ToolVendorError {
  readonly code: string;
  readonly message: string;
  readonly vendorId: string | null;
  readonly retryable: boolean;
}

export const toolVendorErrorSchema = z.object({
  code: z.string().describe('Gateway error code, e.g. VENDOR_UNAVAILABLE, VENDOR_TIMEOUT, VENDOR_RATE_LIMITED.'),
  message: z.string(),
  vendorId: z.string().nullable().describe('The vendor that failed, when one did.'),
  retryable: z.boolean().describe('True when calling again later may succeed.'),
});

/** A failure of the whole tool call: answered as `isError: true` with this code. */
export class ToolFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'ToolFailure';
  }
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'()<>]+/gi;
const IPV4_PATTERN = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;

/**
 * Error text for a tool result. Messages were already masked for GraphQL clients; a tool result
 * goes into a model's context and maybe a transcript, so URLs, IP addresses and the configured
 * vendor hosts are blanked as well (defence in depth: no vendor host ever reaches a model).
 */
export function publicMessage(message: string, vendorHosts: readonly string[]): string {
  let text = message.replace(URL_PATTERN, '[url]').replace(IPV4_PATTERN, '[host]');
  for (const host of vendorHosts) if (host) text = text.split(host).join('[host]');
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

export function vendorErrorOf(error: GraphQLFormattedError, vendorHosts: readonly string[]): ToolVendorError {
  const extensions = error.extensions ?? {};
  return {
    code: typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR,
    message: publicMessage(error.message, vendorHosts),
    vendorId: typeof extensions.vendorId === 'string' ? extensions.vendorId : null,
    retryable: extensions.retryable === true,
  };
}
