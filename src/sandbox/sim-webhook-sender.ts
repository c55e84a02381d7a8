import { createHmac, randomUUID } from 'node:crypto';

/** Where a simulated vendor delivers one topic, as registered by the gateway (or set by a test). */
export interface SimWebhookTarget {
  readonly id: string;
  readonly topic: string;
  readonly url: string;
  readonly secret: string;
}

export interface SimDelivery {
  readonly targetId: string;
  readonly topic: string;
  readonly url: string;
  readonly attempt: number;
  /** HTTP status, or null when the connection failed. */
  readonly status: number | null;
}

/** Headers one vendor puts on a delivery (its signature header among them). */
export type SimWebhookHeaders = (delivery: { readonly topic: string; readonly body: string; readonly signature: string; readonly target: SimWebhookTarget; readonly attempt: number; readonly webhookId: string; readonly eventId: string }) => Record<string, string>;

const RETRY_DELAYS_MS = [250, 1_000];

/**
 * Sends a simulated vendor's webhooks as the real one does: a JSON POST signed with base64
 * HMAC-SHA256 of the exact body, retried (with the same body) when the receiver fails or cannot be
 * reached, never awaited by the change that triggered it. `idle()` lets tests wait for delivery.
 */
export class SimWebhookSender {
  readonly targets: SimWebhookTarget[] = [];
  readonly deliveries: SimDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly headers: SimWebhookHeaders;

  constructor(headers: SimWebhookHeaders) {
    this.headers = headers;
  }

  addTarget(target: Omit<SimWebhookTarget, 'id'> & { readonly id?: string }): SimWebhookTarget {
    const added = { ...target, id: target.id ?? randomUUID() };
    this.targets.push(added);
    return added;
  }

  /** Queues `payload` for every target of `topic`. */
  emit(topic: string, payload: unknown): void {
    const body = JSON.stringify(payload);
    const eventId = randomUUID();
    for (const target of this.targets.filter((t) => t.topic === topic)) {
      const run = this.deliver(target, topic, body, randomUUID(), eventId);
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(target: SimWebhookTarget, topic: string, body: string, webhookId: string, eventId: string): Promise<void> {
    const signature = createHmac('sha256', target.secret).update(body).digest('base64');
    for (let attempt = 1; ; attempt++) {
      let status: number | null = null;
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...this.headers({ topic, body, signature, target, attempt, webhookId, eventId }) },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = null;
      }
      this.deliveries.push({ targetId: target.id, topic, url: target.url, attempt, status });
      const retryable = status === null || status >= 500 || status === 429;
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (!retryable || delay === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
