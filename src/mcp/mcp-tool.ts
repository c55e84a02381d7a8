import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { z } from 'zod';
import type { CallerRole } from '../model/caller.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { FeatureFlag } from '../flags/flag-names.ts';
import type { ToolVendorError } from './tool-errors.ts';

/** The limits a tool's input schema mirrors (the same ones GraphQL enforces). */
export type ToolLimits = GatewayConfig['limits'];

/** MCP tool annotations (hints for clients; the gateway enforces the real rules). */
export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  /** Every tool reaches the merchant's commerce platforms, an open world that changes on its own. */
  readonly openWorldHint: boolean;
}

/** What a tool answers: `structured` matches its output schema; `summary` is one paragraph for a model. */
export interface ToolAnswer<TOutput> {
  readonly structured: TOutput;
  readonly summary: string;
}

/**
 * One MCP tool = one GraphQL operation (a document in src/mcp/operations, typed by codegen) plus
 * what a model needs to call it well. Adding a tool is adding one of these to tool-registry.ts:
 *
 * - `requires`: the role (and flag) the caller needs; without them the tool is not listed and a
 *   call answers FORBIDDEN / FEATURE_DISABLED before anything runs. GraphQL's own @auth and
 *   @feature still apply when it runs.
 * - `input`: a zod object built from the configured limits, so bad arguments (oversize lists,
 *   out-of-range numbers, unknown fields) are refused before any context is built.
 * - `variables`: arguments to the operation's variables (pure).
 * - `answer`: the operation's data (and the errors of vendors that failed beside it) to the
 *   structured content and summary. It never sees an error that failed the operation: those
 *   become `isError` results in one place (tool-runner.ts).
 */
export interface McpTool<TArgs, TVariables, TData, TOutput> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly requires: { readonly role: CallerRole; readonly flag?: FeatureFlag };
  readonly annotations: ToolAnnotations;
  readonly document: TypedDocumentNode<TData, TVariables>;
  input(limits: ToolLimits): z.ZodType<TArgs>;
  readonly output: z.ZodType<TOutput>;
  variables(args: TArgs): TVariables;
  answer(data: TData, vendorErrors: readonly ToolVendorError[], args: TArgs): ToolAnswer<TOutput>;
}

/** A tool of any shape, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMcpTool = McpTool<any, any, any, any>;

/** Identity with inference: `defineTool({...})` checks the parts of one tool against each other. */
export function defineTool<TArgs, TVariables, TData, TOutput>(tool: McpTool<TArgs, TVariables, TData, TOutput>): McpTool<TArgs, TVariables, TData, TOutput> {
  return tool;
}

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
