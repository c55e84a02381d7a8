import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface OpenSubscribers {
  close(): Promise<void>;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across threads. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * `count` WebSocket connections, one `inventoryChanged` subscription each; `onEvent(after, at)`
 * is told the event's `after` and when it arrived. Resolves once every subscription is acknowledged
 * by its first ping-pong round (graphql-ws has no "subscribed" message; the caller waits on the bus).
 */
export function openSubscribers(url: string, count: number, vendorId: string, onEvent: (after: number, at: number) => void): OpenSubscribers {
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) {
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    client.subscribe(
      { query: `subscription { inventoryChanged(vendorId: "${vendorId}") { after occurredAt source } }` },
      {
        next: (result) => onEvent((result.data as { inventoryChanged: { after: number } }).inventoryChanged.after, preciseNow()),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    clients.push(client);
  }
  return { close: async () => void (await Promise.all(clients.map((client) => client.dispose()))) };
}
