import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { FIELD_COST_RULES, DEFAULT_LIST_SIZE, type CostScope } from './cost-model.ts';

/** What the limits measure of one operation (fragments expanded, as it would execute). */
export interface OperationMeasurement {
  depth: number;
  aliases: number;
  directives: number;
  /** Most times one response key is selected in one selection set. */
  fieldRepeats: number;
  cost: number;
}

export interface MeasureInput {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Coerced variable values (graphql's getVariableValues), for list sizes given by variables. */
  readonly variables: Record<string, unknown>;
  readonly scope: CostScope;
}

type Args = Record<string, unknown>;
const NO_ARGS: Args = Object.freeze({});

/**
 * One walk over the operation that the request will execute. Fragment cycles and fragment
 * "bombs" never reach here: validation (NoFragmentCycles, Apollo's maxRecursiveSelections) has
 * refused them, so expanding each spread where it is used is bounded.
 *
 * Depth counts field levels; introspection's `ofType` chains do not add depth, since every
 * introspection client unrolls wrapping types that way and they are bounded by the schema.
 * Cost: each object resolved costs 1, each field listed in FIELD_COST_RULES adds its vendor calls,
 * and everything below a list is multiplied by the list's length. Introspection costs nothing
 * upstream and is left out of the cost.
 */
export function measureOperation(input: MeasureInput): OperationMeasurement {
  const measured: OperationMeasurement = { depth: 0, aliases: 0, directives: input.operation.directives?.length ?? 0, fieldRepeats: 0, cost: 0 };
  const rootType = input.schema.getRootType(input.operation.operation);
  if (!rootType) return measured;

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, depth: number, multiplier: number, parentArgs: Args, inIntrospection: boolean): void => {
    const keyCounts = new Map<string, number>();
    const visit = (set: SelectionSetNode, type: GraphQLCompositeType): void => {
      for (const selection of set.selections) {
        measured.directives += selection.directives?.length ?? 0;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const count = (keyCounts.get(key) ?? 0) + 1;
          keyCounts.set(key, count);
          if (count > measured.fieldRepeats) measured.fieldRepeats = count;
          visitField(selection, type, depth, multiplier, parentArgs, inIntrospection);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet, conditionType(input.schema, selection.typeCondition?.name.value) ?? type);
        } else {
          const fragment = input.fragments.get(selection.name.value);
          if (!fragment) continue;
          measured.directives += fragment.directives?.length ?? 0;
          visit(fragment.selectionSet, conditionType(input.schema, fragment.typeCondition.name.value) ?? type);
        }
      }
    };
    visit(selectionSet, parentType);
  };

  const visitField = (node: FieldNode, parentType: GraphQLCompositeType, parentDepth: number, multiplier: number, parentArgs: Args, inIntrospection: boolean): void => {
    if (node.alias) measured.aliases += 1;
    const name = node.name.value;
    const introspection = inIntrospection || name.startsWith('__');
    const depth = introspection && name === 'ofType' ? parentDepth : parentDepth + 1;
    if (depth > measured.depth) measured.depth = depth;
    const field = fieldOf(parentType, name);
    if (!field) return;
    const childType = getNamedType(field.type);
    if (introspection) {
      if (node.selectionSet && isCompositeType(childType)) walkIntrospection(node.selectionSet, childType, depth);
      return;
    }
    const rule = FIELD_COST_RULES[`${parentType.name}.${name}`];
    const args = rule || field.args.some((arg) => arg.name === 'first') ? argumentsOf(field, node, input.variables) : NO_ARGS;
    const calls = rule?.vendors ? rule.vendors(args, input.scope) * (rule.weight ?? 1) : 0;
    if (!node.selectionSet || !isCompositeType(childType)) {
      measured.cost += multiplier * calls; // a leaf resolves nothing of its own, but may still call a vendor
      return;
    }
    measured.cost += multiplier * (1 + calls);
    const listSize = isListType(getNullableType(field.type)) ? (rule?.listSize?.(args, input.scope, parentArgs) ?? pageSize(args) ?? connectionPageSize(parentType, parentArgs) ?? DEFAULT_LIST_SIZE) : 1;
    // A connection's `first` sizes the lists inside it (`nodes`, `edges`): its args go down as their parent args.
    walk(node.selectionSet, childType, depth, multiplier * listSize, args, false);
  };

  // Introspection: depth and counts only (no upstream cost).
  const walkIntrospection = (set: SelectionSetNode, type: GraphQLCompositeType, depth: number) => walk(set, type, depth, 0, NO_ARGS, true);

  walk(input.operation.selectionSet, rootType, 0, 1, NO_ARGS, false);
  measured.cost = Math.ceil(measured.cost);
  return measured;
}

/** `first` of a connection or list field, as the list length its children multiply by. */
function pageSize(args: Args): number | undefined {
  return typeof args.first === 'number' ? Math.max(0, args.first) : undefined;
}

/** `nodes` and `edges` of a connection are as long as the `first` the connection was asked with. */
function connectionPageSize(parentType: GraphQLCompositeType, parentArgs: Args): number | undefined {
  return parentType.name.endsWith('Connection') ? pageSize(parentArgs) : undefined;
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}

function conditionType(schema: GraphQLSchema, name: string | undefined): GraphQLCompositeType | undefined {
  if (!name) return undefined;
  const type = schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Args {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // An invalid argument fails execution with its own message; cost it at the defaults.
    return NO_ARGS;
  }
}
