import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { HttpConfig } from '../config/security-config.ts';

/**
 * Fastify/Node listener options against slow or greedy clients: a client that trickles its headers
 * (slowloris) is cut off after `headersTimeoutMs`, a whole request must arrive within
 * `receiveTimeoutMs`, idle keep-alive sockets close, and each socket carries a bounded number of
 * requests. Node checks the header and request timeouts on a timer; it runs at a fraction of the
 * shortest timeout so a configured timeout is kept to within that fraction.
 */
export function listenerOptions(http: HttpConfig, bodyLimit: number): FastifyHttpOptions<Server> {
  const checkEveryMs = Math.max(10, Math.min(1000, Math.floor(Math.min(http.headersTimeoutMs, http.receiveTimeoutMs) / 4)));
  return {
    bodyLimit,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    requestTimeout: http.receiveTimeoutMs,
    maxRequestsPerSocket: http.maxRequestsPerSocket,
    http: { headersTimeout: http.headersTimeoutMs, requestTimeout: http.receiveTimeoutMs, connectionsCheckingInterval: checkEveryMs },
  };
}
