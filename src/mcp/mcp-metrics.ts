import { Counter, Histogram, type Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

/**
 * MCP metrics on the gateway's registry. Labels are bounded: tool names come from the registry
 * (an unknown name is counted as "unknown"), codes from the ErrorCode list.
 */
export class McpMetrics {
  readonly toolCalls: Counter<'tool' | 'outcome'>;
  readonly toolErrors: Counter<'tool' | 'code'>;
  readonly toolDuration: Histogram<'tool'>;
  readonly refusedRequests: Counter<'code'>;

  constructor(registry: Registry) {
    this.toolCalls = new Counter({
      name: 'stockgraph_mcp_tool_calls_total',
      help: 'MCP tool calls by tool and outcome (success, partial: some vendor failed, error).',
      labelNames: ['tool', 'outcome'] as const,
      registers: [registry],
    });
    this.toolErrors = new Counter({
      name: 'stockgraph_mcp_tool_errors_total',
      help: 'Errors in MCP tool results by tool and gateway error code (failed calls and vendors failing beside partial data).',
      labelNames: ['tool', 'code'] as const,
      registers: [registry],
    });
    this.toolDuration = new Histogram({
      name: 'stockgraph_mcp_tool_duration_seconds',
      help: 'MCP tool call latency, from arguments received to result built.',
      labelNames: ['tool'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.refusedRequests = new Counter({
      name: 'stockgraph_mcp_refused_requests_total',
      help: 'MCP requests refused before any message ran, by code (UNAUTHENTICATED, FEATURE_DISABLED, FORBIDDEN).',
      labelNames: ['code'] as const,
      registers: [registry],
    });
  }
}
