import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ErpDelivery {
  readonly signatureValid: boolean;
  readonly deliveryId: string | undefined;
  readonly event: string | undefined;
  readonly body: { purchaseOrder: { id: string; status: string; lines: Array<{ sku: string; quantity: number }> } };
  readonly answered: number;
}

/**
 * A stand-in ERP: a real HTTP server that checks `X-Stockgraph-Signature` the way a receiver
 * would (HMAC-SHA256 of the raw body with the shared secret, compared in constant time) and
 * answers from a script of statuses (then 200), so a test can take it "down" and bring it back.
 */
export async function startErpServer(secret: string): Promise<{ url: string; deliveries: ErpDelivery[]; answerNext(...statuses: number[]): void; close(): Promise<void> }> {
  const deliveries: ErpDelivery[] = [];
  const script: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(request.headers['x-stockgraph-signature'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const answered = signatureValid ? (script.shift() ?? 200) : 401;
      deliveries.push({
        signatureValid,
        deliveryId: request.headers['x-stockgraph-delivery'] as string | undefined,
        event: request.headers['x-stockgraph-event'] as string | undefined,
        body: JSON.parse(raw.toString('utf8')) as ErpDelivery['body'],
        answered,
      });
      response.writeHead(answered, { 'content-type': 'application/json' }).end('{"internal":"erp detail that must not leak"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/purchase-orders`,
    deliveries,
    answerNext: (...statuses) => script.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
