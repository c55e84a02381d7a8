import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultKind, FaultPlan, type FaultSettings } from './fault-injection.ts';

export interface SimRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialized as JSON unless it is already a string. */
  readonly body?: unknown;
}

/** What a vendor simulator plugs into the shared server. */
export interface SimulatorHandler {
  handle(request: SimRequest): SimResponse | Promise<SimResponse>;
  /** The vendor's own answer for an injected server error or throttle. */
  faultResponse(kind: typeof FaultKind.ERROR | typeof FaultKind.THROTTLE, request: SimRequest): SimResponse;
  /** A bounded operation label for the request log (e.g. the GraphQL operation name or "GET /products"). */
  describe(request: SimRequest): string;
}

export interface RequestLogEntry {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly operation: string;
  readonly status: number | null;
  readonly fault: FaultKind;
  /** Parsed request body (for assertions on what the gateway sent). */
  readonly body: unknown;
  /** performance.now() when the request arrived and when its answer was written (or it was dropped). */
  readonly receivedAt: number;
  readonly answeredAt: number;
}

/**
 * The HTTP server every vendor simulator runs on: a real node:http server on an ephemeral
 * loopback port, a request log tests can count, and fault injection decided per request.
 * Sandbox control routes live under /__sandbox/ (not logged, no auth): GET requests, POST faults.
 */
export class SimulatorServer {
  readonly requestLog: RequestLogEntry[] = [];
  private readonly handler: SimulatorHandler;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private faults: FaultPlan;
  private seq = 0;
  /** Replay mode's recorded GET answers (serialized), by path, query and credentials; null when off. */
  private replayed: Map<string, { status: number; headers: Record<string, string>; payload: string }> | null = null;

  constructor(handler: SimulatorHandler, faults: FaultSettings = {}) {
    this.handler = handler;
    this.faults = new FaultPlan(faults);
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return this.url;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo | null;
    if (!address) throw new Error('simulator is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  setFaults(settings: FaultSettings): void {
    this.faults = new FaultPlan(settings);
  }

  /**
   * Replay mode (bench only): a GET answered once is answered again from its recorded bytes,
   * after the same simulated latency, logged as usual; any other method clears the recording.
   * The bench compares clients of one page (the gateway, a hand-written server, the bare REST
   * call), so the simulator's own work to build a page must not be the bottleneck.
   */
  setReplay(on: boolean): void {
    this.replayed = on ? new Map() : null;
  }

  clearLog(): void {
    this.requestLog.length = 0;
  }

  /** Number of logged requests, optionally only those matching a predicate. */
  count(predicate: (entry: RequestLogEntry) => boolean = () => true): number {
    return this.requestLog.filter(predicate).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const rawBody = await readBody(req);
    if (url.pathname.startsWith('/__sandbox/')) return this.control(url.pathname, req.method ?? 'GET', rawBody, res);
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = { __unparseable: rawBody.slice(0, 200) };
    }
    const request: SimRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
    const fault = this.faults.decide(url.pathname);
    const entry = { seq: ++this.seq, method: request.method, path: request.path, query: url.search, operation: this.handler.describe(request), fault, body: redactSecrets(body) };
    const log = (status: number | null): void => {
      this.requestLog.push({ ...entry, status, receivedAt, answeredAt: performance.now() });
    };

    const latency = this.faults.latency();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    switch (fault) {
      case FaultKind.RESET:
        log(null);
        req.socket.destroy();
        return;
      case FaultKind.TIMEOUT:
        log(null);
        return; // never answer; the socket is destroyed on close()
      case FaultKind.ERROR:
      case FaultKind.THROTTLE: {
        const response = this.handler.faultResponse(fault, request);
        send(res, response);
        return log(response.status);
      }
      case FaultKind.MALFORMED:
        log(200);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": {"items": [ {"id": 1, "na');
        return;
      case FaultKind.TIMEOUT_AFTER_APPLY:
      case FaultKind.NONE: {
        const replayKey = this.replayed && request.method === 'GET' ? `${url.pathname}${url.search}|${String(req.headers.authorization)}` : null;
        const recorded = replayKey ? this.replayed?.get(replayKey) : undefined;
        if (recorded) {
          res.writeHead(recorded.status, recorded.headers);
          res.end(recorded.payload);
          return log(recorded.status);
        }
        if (this.replayed && request.method !== 'GET') this.replayed.clear();
        let response: SimResponse;
        try {
          response = await this.handler.handle(request);
        } catch (error) {
          response = { status: 500, body: { message: `simulator bug: ${(error as Error).message}` } };
        }
        if (fault === FaultKind.TIMEOUT_AFTER_APPLY) return log(null); // applied, never answered
        const payload = send(res, response);
        if (replayKey && response.status === 200) this.replayed?.set(replayKey, { status: response.status, headers: { ...JSON_HEADERS, ...response.headers }, payload });
        return log(response.status);
      }
    }
  }

  private control(path: string, method: string, rawBody: string, res: ServerResponse): void {
    if (path === '/__sandbox/faults' && method === 'POST') {
      try {
        this.setFaults(rawBody ? (JSON.parse(rawBody) as FaultSettings) : {});
        send(res, { status: 200, body: this.faults.config });
      } catch (error) {
        send(res, { status: 400, body: { message: (error as Error).message } });
      }
      return;
    }
    if (path === '/__sandbox/requests' && method === 'GET') {
      send(res, { status: 200, body: { count: this.requestLog.length, requests: this.requestLog.slice(-500) } });
      return;
    }
    send(res, { status: 404, body: { message: 'unknown sandbox route' } });
  }
}

const SECRET_KEYS = /^(password|consumer_secret|access_token|token|secret|client_secret|refresh_token)$/i;

/** The request log is visible at /__sandbox/requests: credentials in bodies are blanked there. */
function redactSecrets(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(redactSecrets);
  if (body === null || typeof body !== 'object') return body;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, SECRET_KEYS.test(key) ? '[REDACTED]' : redactSecrets(value)]));
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Writes the answer; returns the payload sent. */
function send(res: ServerResponse, response: SimResponse): string {
  const payload = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, { ...JSON_HEADERS, ...response.headers });
  res.end(payload);
  return payload;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
