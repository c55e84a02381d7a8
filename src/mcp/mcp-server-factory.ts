import type { ApolloServer } from '@apollo/server';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { CallToolRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLSchema } from 'graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { RequestContext } from '../context/request-context.ts';

/** The gateway's long-lived parts, as every request context carries them (no import of src/server). */
type GatewayServices = RequestContext['services'];
import { McpMetrics } from './mcp-metrics.ts';
import { assertMcpEnabled } from './mcp-refusal.ts';
import { RESOURCES, readResource } from './mcp-resources.ts';
import type { McpSession } from './mcp-session.ts';
import { ToolRegistry, type RegisteredTool } from './tool-registry.ts';
import { runTool, type ToolRunnerDeps } from './tool-runner.ts';
import { vendorHostsOf } from './vendor-hosts.ts';

const INSTRUCTIONS =
  'stockgraph: one inventory graph over the merchant\'s commerce channels (Shopify, WooCommerce, Magento, custom APIs). ' +
  'Stock is in units; the same SKU can be sold by several vendors (channels). Start with list_vendors or get_stock; ' +
  'reorder_suggestions answers what to reorder across all channels in one call. Writes need an idempotencyKey and are exactly once.';

/**
 * Builds the MCP server of one session (an HTTP request in stateless mode, or the stdio process)
 * from parts made once per gateway: the tool registry (input schemas from the configured limits),
 * the metrics, the schema's SDL. The low-level SDK Server is used rather than McpServer because
 * what a caller sees depends on the caller: tools/list shows only the tools its roles and flags
 * allow, while tools/call of a hidden tool answers FORBIDDEN / FEATURE_DISABLED, not "unknown".
 */
export class McpServerFactory<C extends RequestContext = RequestContext> {
  readonly registry: ToolRegistry;
  readonly metrics: McpMetrics;
  private readonly runner: ToolRunnerDeps<C>;
  private readonly sdl: string;
  private readonly version: string;
  /**
   * One for all sessions: the SDK's Server builds an Ajv instance per construction unless given
   * one (it validates elicitation answers, which this server never requests), and a server is
   * built per request: that alone cost ~2 ms a call (CPU profile of the MCP bench).
   */
  private readonly jsonSchemaValidator = new AjvJsonSchemaValidator();

  constructor(
    private readonly apollo: ApolloServer<C>,
    services: GatewayServices,
    schema: GraphQLSchema,
  ) {
    this.registry = new ToolRegistry(services.config.limits);
    this.metrics = new McpMetrics(services.metrics.registry);
    this.runner = { apollo, metrics: this.metrics, vendorHosts: vendorHostsOf(services.config), logger: services.logger.child({ component: 'mcp' }) };
    this.sdl = printSchemaWithDirectives(schema);
    this.version = '0.1.0';
  }

  create(session: McpSession<C>): Server {
    const server = new Server({ name: 'stockgraph', version: this.version }, { capabilities: { tools: { listChanged: false }, resources: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator: this.jsonSchemaValidator });
    server.setRequestHandler(ListToolsRequestSchema, () => {
      assertMcpEnabled(session);
      return { tools: this.registry.allowedFor(session.caller, session.flags()).map(describeTool) };
    });
    server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
      assertMcpEnabled(session);
      const { name, arguments: args } = request.params;
      return runTool(this.runner, name, this.registry.get(name), args, session, extra.signal);
    });
    server.setRequestHandler(ListResourcesRequestSchema, () => {
      assertMcpEnabled(session);
      return { resources: RESOURCES };
    });
    server.setRequestHandler(ReadResourceRequestSchema, (request, extra) => {
      assertMcpEnabled(session);
      return readResource(request.params.uri, session, { apollo: this.apollo, sdl: this.sdl }, extra.signal);
    });
    return server;
  }
}

function describeTool({ tool, inputJsonSchema, outputJsonSchema }: RegisteredTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputJsonSchema as Tool['inputSchema'],
    outputSchema: outputJsonSchema as Tool['outputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  };
}
