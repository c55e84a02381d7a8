import type { ApolloServer } from '@apollo/server';
import { SpanKind, SpanStatusCode, context as otelContext, trace } from '@opentelemetry/api';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../context/request-context.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { McpMetrics } from './mcp-metrics.ts';
import type { McpSession } from './mcp-session.ts';
import type { RegisteredTool } from './tool-registry.ts';
import { ToolFailure, publicMessage, vendorErrorOf, type ToolVendorError } from './tool-errors.ts';

export interface ToolRunnerDeps<C extends RequestContext = RequestContext> {
  /** The gateway's Apollo Server: the one executor of /graphql and of every tool. */
  readonly apollo: ApolloServer<C>;
  readonly metrics: McpMetrics;
  /** Configured vendor hosts, blanked from any text a tool returns. */
  readonly vendorHosts: readonly string[];
  readonly logger: Logger;
}

/**
 * Runs one tool call: who may call it, then its arguments, then its one GraphQL operation through
 * Apollo Server with a RequestContext built like any /graphql request's. In that order, so a
 * refused call never builds a context, never executes and never reaches a vendor. Errors that
 * failed the operation become `isError` results with the gateway's code; errors of vendors that
 * failed beside the data go into the structured content. One span and one set of metrics per call.
 */
export async function runTool<C extends RequestContext>(deps: ToolRunnerDeps<C>, name: string, registered: RegisteredTool | undefined, rawArgs: unknown, session: McpSession<C>, signal: AbortSignal): Promise<CallToolResult> {
  const started = performance.now();
  const label = registered ? name : 'unknown';
  const span = trace.getTracer('stockgraph').startSpan(`mcp.tool ${label}`, { kind: SpanKind.SERVER, attributes: { 'mcp.tool.name': label } }, session.traceParent);
  let outcome: 'success' | 'partial' | 'error' = 'error';
  try {
    if (!registered) throw new ToolFailure(ErrorCode.BAD_USER_INPUT, `Unknown tool "${name}"; tools/list names the tools this caller may use`);
    assertAllowed(registered, session);
    const args = parseArguments(registered, rawArgs);
    const ctx = await otelContext.with(trace.setSpan(session.traceParent, span), () => session.context(signal));
    const response = await deps.apollo.executeOperation(
      { query: registered.query, operationName: registered.operationName, variables: registered.tool.variables(args) as Record<string, unknown> },
      { contextValue: ctx },
    );
    if (response.body.kind !== 'single') throw new Error('an MCP operation answered incrementally');
    const { data, errors = [] } = response.body.singleResult;
    const failure = errors.find((error) => failedOperation(error, data));
    if (failure || !data) throw failureOf(failure ?? errors[0], deps.vendorHosts);
    const vendorErrors = errors.map((error) => vendorErrorOf(error, deps.vendorHosts));
    for (const error of vendorErrors) deps.metrics.toolErrors.inc({ tool: label, code: error.code });
    const answer = registered.tool.answer(data, vendorErrors, args);
    outcome = vendorErrors.length > 0 ? 'partial' : 'success';
    return {
      // The summary only: the data is in structuredContent (a copy as JSON text would double the
      // answer's size and its serialization cost; the bench's get_stock pays for every byte).
      content: [{ type: 'text', text: answer.summary }],
      structuredContent: answer.structured as Record<string, unknown>,
    };
  } catch (error) {
    const failure = asToolFailure(error, deps);
    deps.metrics.toolErrors.inc({ tool: label, code: failure.code });
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.code });
    return errorResult(failure);
  } finally {
    deps.metrics.toolCalls.inc({ tool: label, outcome });
    deps.metrics.toolDuration.observe({ tool: label }, (performance.now() - started) / 1000);
    span.setAttribute('mcp.tool.outcome', outcome);
    span.end();
  }
}

function assertAllowed({ tool }: RegisteredTool, session: McpSession): void {
  const { role, flag } = tool.requires;
  if (!session.caller.roles.has(role)) throw new ToolFailure(ErrorCode.FORBIDDEN, `Forbidden: ${tool.name} needs the "${role}" role`);
  if (flag && !session.flags().isOn(flag)) throw new ToolFailure(ErrorCode.FEATURE_DISABLED, `${tool.name} is disabled for this caller: feature flag "${flag}" is off`);
}

function parseArguments(registered: RegisteredTool, rawArgs: unknown): unknown {
  const parsed = registered.input.safeParse(rawArgs ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`);
  throw new ToolFailure(ErrorCode.BAD_USER_INPUT, `Invalid arguments for ${registered.tool.name}: ${problems.join('; ')}`);
}

/**
 * An error failed the operation when it has no path (request errors: validation, limits) or when
 * the root field it sits under is null; errors deeper in data that is there are partial failures.
 */
function failedOperation(error: GraphQLFormattedError, data: Record<string, unknown> | null | undefined): boolean {
  const root = error.path?.[0];
  if (root === undefined || !data) return true;
  return error.path?.length === 1 && data[root] === null;
}

function failureOf(error: GraphQLFormattedError | undefined, vendorHosts: readonly string[]): ToolFailure {
  if (!error) return new ToolFailure(ErrorCode.INTERNAL_SERVER_ERROR, 'The operation answered no data');
  const view: ToolVendorError = vendorErrorOf(error, vendorHosts);
  return new ToolFailure(view.code, view.message, view.retryable);
}

function asToolFailure(error: unknown, deps: Pick<ToolRunnerDeps, 'vendorHosts' | 'logger'>): ToolFailure {
  if (error instanceof ToolFailure) return error;
  if (error instanceof GatewayError) return new ToolFailure(error.code, publicMessage(error.message, deps.vendorHosts), error.retryable);
  deps.logger.error({ err: error }, 'MCP tool call failed unexpectedly');
  return new ToolFailure(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}

/** `isError` results carry the code in text and in `_meta`; no structuredContent (it would not match the output schema). */
export function errorResult(failure: ToolFailure): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${failure.code}: ${failure.message}` }],
    _meta: { 'io.stockgraph/error': { code: failure.code, retryable: failure.retryable } },
  };
}
