import type { IncomingHttpHeaders } from 'node:http';

const CREDENTIAL_KEYS = ['x-api-key', 'authorization'] as const;

/**
 * The headers a subscription authenticates with: the upgrade (or SSE) request's own headers, with
 * credentials from the connection's init payload (`{ "x-api-key": ... }` or
 * `{ "authorization": "Bearer ..." }`, any case) taking their place when given. Browsers cannot
 * set headers on a WebSocket, so the init payload is how GraphiQL and web clients authenticate.
 */
export function connectionHeaders(request: IncomingHttpHeaders, initPayload: Readonly<Record<string, unknown>> | undefined | null): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...request };
  if (!initPayload) return headers;
  for (const [key, value] of Object.entries(initPayload)) {
    const name = key.toLowerCase();
    if ((CREDENTIAL_KEYS as readonly string[]).includes(name) && typeof value === 'string') headers[name] = value;
  }
  return headers;
}
