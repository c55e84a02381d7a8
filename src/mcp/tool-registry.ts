import { print } from 'graphql';
import { z } from 'zod';
import type { Caller } from '../model/caller.ts';
import type { FlagEvaluator } from '../flags/flag-evaluator.ts';
import type { AnyMcpTool, ToolLimits } from './mcp-tool.ts';
import { forecastDemandTool } from './tools/forecast-demand-tool.ts';
import { getStockTool } from './tools/get-stock-tool.ts';
import { inventoryChangesTool } from './tools/inventory-changes-tool.ts';
import { adjustInventoryTool, setInventoryTool } from './tools/inventory-write-tools.ts';
import { listVendorsTool } from './tools/list-vendors-tool.ts';
import { reorderSuggestionsTool } from './tools/reorder-suggestions-tool.ts';
import { searchProductsTool } from './tools/search-products-tool.ts';
import { startInventorySyncTool, syncStatusTool } from './tools/sync-job-tools.ts';
import { createPurchaseOrderDraftsTool, receivePurchaseOrderTool, submitPurchaseOrderTool } from './tools/purchase-order-tools.ts';

/** Every MCP tool. Adding one is one entry here (see McpTool for what an entry holds). */
export const MCP_TOOLS: readonly AnyMcpTool[] = [
  listVendorsTool,
  searchProductsTool,
  getStockTool,
  forecastDemandTool,
  reorderSuggestionsTool,
  syncStatusTool,
  setInventoryTool,
  adjustInventoryTool,
  startInventorySyncTool,
  inventoryChangesTool,
  createPurchaseOrderDraftsTool,
  receivePurchaseOrderTool,
  submitPurchaseOrderTool,
];

/** A tool ready to serve: its input schema built from the configured limits, JSON Schemas and query text computed once. */
export interface RegisteredTool {
  readonly tool: AnyMcpTool;
  readonly input: z.ZodType;
  readonly inputJsonSchema: Record<string, unknown>;
  readonly outputJsonSchema: Record<string, unknown>;
  /** The operation as text: Apollo Server caches parsing and validation by it. */
  readonly query: string;
  readonly operationName: string;
}

export class ToolRegistry {
  private readonly byName: ReadonlyMap<string, RegisteredTool>;

  constructor(limits: ToolLimits, tools: readonly AnyMcpTool[] = MCP_TOOLS) {
    this.byName = new Map(tools.map((tool) => [tool.name, register(tool, limits)]));
  }

  get(name: string): RegisteredTool | undefined {
    return this.byName.get(name);
  }

  /** The tools this caller may call now: the role held and the flag (if any) on. */
  allowedFor(caller: Caller, flags: FlagEvaluator): RegisteredTool[] {
    return [...this.byName.values()].filter(({ tool }) => caller.roles.has(tool.requires.role) && (!tool.requires.flag || flags.isOn(tool.requires.flag)));
  }
}

function register(tool: AnyMcpTool, limits: ToolLimits): RegisteredTool {
  const input = tool.input(limits);
  const operation = tool.document.definitions.find((definition) => definition.kind === 'OperationDefinition');
  if (!operation?.name) throw new Error(`MCP tool ${tool.name}: its document has no named operation`);
  return {
    tool,
    input,
    // draft-07, as the SDK's own McpServer emits (clients validate with Ajv's default dialect).
    inputJsonSchema: z.toJSONSchema(input, { target: 'draft-7', io: 'input' }) as Record<string, unknown>,
    outputJsonSchema: z.toJSONSchema(tool.output, { target: 'draft-7', io: 'output' }) as Record<string, unknown>,
    query: print(tool.document),
    operationName: operation.name.value,
  };
}
