import { context as otelContext, propagation, trace, SpanKind, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const TRACER = 'stockgraph';

export interface Tracing {
  readonly enabled: boolean;
  /** Flushes pending spans (shutdown). */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and entirely off otherwise (the API then hands out
 * non-recording spans, which cost next to nothing). W3C `traceparent` is propagated to vendors.
 */
export function setupTracing(env: NodeJS.ProcessEnv): Tracing {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    return { enabled: false, shutdown: async () => {} };
  }
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${String(env.OTEL_EXPORTER_OTLP_ENDPOINT).replace(/\/$/, '')}/v1/traces`;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'stockgraph' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    enabled: true,
    // The API's registrations are process-wide and refuse a second one: release them on
    // shutdown, so a gateway started again in the same process (tests, embedders) traces too.
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      otelContext.disable();
    },
  };
}

/** Starts the span of one GraphQL request; its context parents every upstream call of the request. */
export function startRequestSpan(requestId: string): { span: Span; context: Context } {
  const span = trace.getTracer(TRACER).startSpan('graphql.request', { kind: SpanKind.SERVER, attributes: { 'stockgraph.request_id': requestId } });
  return { span, context: trace.setSpan(otelContext.active(), span) };
}

/** Starts a client span for one upstream attempt and returns the headers that carry it (traceparent). */
export function startUpstreamSpan(parent: Context | undefined, vendorId: string, operation: string): { span: Span; headers: Record<string, string> } {
  const span = trace.getTracer(TRACER).startSpan(
    `upstream ${vendorId} ${operation}`,
    { kind: SpanKind.CLIENT, attributes: { 'stockgraph.vendor': vendorId, 'stockgraph.operation': operation } },
    parent ?? otelContext.active(),
  );
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent ?? otelContext.active(), span), headers);
  return { span, headers };
}

export function endSpan(span: Span, error?: unknown, attributes: Record<string, string | number> = {}): void {
  span.setAttributes(attributes);
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  span.end();
}
