import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { DocumentLimits } from '../config/limits-config.ts';
import type { CostScope } from './cost-model.ts';
import { firstLimitExceeded, type LimitExceeded } from './document-limits.ts';
import { measureOperation, type OperationMeasurement } from './operation-measure.ts';

export interface OperationToEvaluate {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** The variables as the client sent them. */
  readonly variables: Record<string, unknown> | undefined;
  readonly scope: CostScope;
}

/** Everything the limits do for one validated operation, before it runs (what bench:limits times). */
export function evaluateOperation(input: OperationToEvaluate, limits: DocumentLimits): { measured: OperationMeasurement; over: LimitExceeded | null } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Invalid variables fail execution with their own message; the cost then uses the defaults.
  const coerced = getVariableValues(input.schema, input.operation.variableDefinitions ?? [], input.variables ?? {});
  const measured = measureOperation({ schema: input.schema, operation: input.operation, fragments, variables: coerced.coerced ?? {}, scope: input.scope });
  return { measured, over: firstLimitExceeded(measured, limits) };
}
