import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Shopify's flat price of a mutation field (its selection is not charged on top). */
export const MUTATION_COST = 10;
/** A connection's own price before its nodes. */
export const CONNECTION_BASE_COST = 2;

export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

/**
 * Shopify's calculated query cost (shopify.dev "GraphQL Admin API rate limits"):
 * scalars and enums 0, an object 1, a connection 2 + (first|last) × the cost of one node,
 * an interface or union the most expensive of its possible types, a mutation field 10.
 * Two modelling choices where the docs say nothing explicit:
 * - a LIST of objects sized by a list argument (`nodes(ids:)`, `quantities(names:)`) costs that
 *   argument's length × one item; any other list of objects costs one item;
 * - a connection's `edges`, `node`, `nodes` and `pageInfo` are part of its base price of 2.
 * `requestedCost` prices what the query may return; `actualCost` re-prices it over the data that
 * was returned (the bucket refunds the difference, as Shopify does).
 */
export function requestedCost(input: CostInput): number {
  return new CostWalker(input).operationCost(undefined);
}

export function actualCost(input: CostInput, data: unknown): number {
  return new CostWalker(input).operationCost((data ?? null) as Data);
}

type Data = Record<string, unknown> | null | undefined;

class CostWalker {
  /** Memo of collected fields and of requested costs, per type and selection sets (the walk repeats them per item). */
  private readonly setIds = new WeakMap<SelectionSetNode, number>();
  private readonly collected = new Map<string, Map<string, FieldNode[]>>();
  private readonly requestedCosts = new Map<string, number>();
  private nextSetId = 0;

  constructor(private readonly input: CostInput) {}

  private setsKey(type: GraphQLNamedType, sets: readonly SelectionSetNode[]): string {
    let key = type.name;
    for (const set of sets) {
      let id = this.setIds.get(set);
      if (id === undefined) {
        id = this.nextSetId++;
        this.setIds.set(set, id);
      }
      key += `:${String(id)}`;
    }
    return key;
  }

  operationCost(data: Data | null): number {
    const { schema, operation } = this.input;
    const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
    if (!root) return 0;
    if (operation.operation === 'mutation') {
      const fields = this.collect(root, operation.selectionSet);
      return fields.size * MUTATION_COST;
    }
    return this.selectionCost(root, [operation.selectionSet], data);
  }

  /** Cost of the fields selected on one object of `type` (the object's own 1 is not included). */
  private selectionCost(type: GraphQLCompositeType, sets: readonly SelectionSetNode[], data: Data | null): number {
    if (data !== undefined) return this.selectionCostOf(type, sets, data);
    const key = this.setsKey(type, sets);
    let cost = this.requestedCosts.get(key);
    if (cost === undefined) this.requestedCosts.set(key, (cost = this.selectionCostOf(type, sets, undefined)));
    return cost;
  }

  private selectionCostOf(type: GraphQLCompositeType, sets: readonly SelectionSetNode[], data: Data | null): number {
    const possible = isAbstractType(type) ? this.input.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
    let most = 0;
    for (const objectType of possible) {
      let sum = 0;
      for (const [key, nodes] of this.collectAll(objectType, sets)) {
        const first = nodes[0];
        if (!first) continue;
        const field = objectType.getFields()[first.name.value];
        if (!field) continue;
        const value = data === undefined ? undefined : data === null ? null : data[key];
        sum += this.fieldCost(field, nodes, value);
      }
      most = Math.max(most, sum);
    }
    return most;
  }

  private fieldCost(field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[], value: unknown): number {
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) return 0;
    const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    const requested = value === undefined;
    if (requested === false && value === null) return 0;
    if (isObjectType(named) && named.name.endsWith('Connection')) {
      return this.connectionCost(field, named, nodes, sets, value);
    }
    if (isListType(unwrapNonNull(field.type))) {
      if (!requested) {
        return (value as unknown[]).reduce<number>((sum, item) => sum + (item === null ? 0 : 1 + this.selectionCost(named, sets, item as Data)), 0);
      }
      const size = listArgumentLength(field, nodes[0], this.input.variables) ?? 1;
      return size * (1 + this.selectionCost(named, sets, undefined));
    }
    return 1 + this.selectionCost(named, sets, requested ? undefined : (value as Data));
  }

  private connectionCost(
    field: GraphQLField<unknown, unknown>,
    connection: GraphQLObjectType,
    nodes: readonly FieldNode[],
    sets: readonly SelectionSetNode[],
    value: unknown,
  ): number {
    const nodeType = getNamedType(connection.getFields().nodes?.type ?? connection.getFields().edges?.type) as GraphQLCompositeType;
    const edgeType = getNamedType(connection.getFields().edges?.type) as GraphQLObjectType | undefined;
    const nodeSets: SelectionSetNode[] = [];
    const edgeSets: SelectionSetNode[] = [];
    for (const [key, fieldNodes] of this.collectAll(connection, sets)) {
      const name = fieldNodes[0]?.name.value;
      for (const node of fieldNodes) {
        if (!node.selectionSet) continue;
        if (name === 'nodes') nodeSets.push(node.selectionSet);
        if (name === 'edges') edgeSets.push(node.selectionSet);
      }
      void key;
    }
    if (edgeType) {
      for (const [, fieldNodes] of this.collectAll(edgeType, edgeSets)) {
        for (const node of fieldNodes) if (node.name.value === 'node' && node.selectionSet) nodeSets.push(node.selectionSet);
      }
    }
    const perNode = 1 + this.selectionCost(nodeType, nodeSets, undefined);
    if (value === undefined) {
      const args = getArgumentValues(field, nodes[0] as FieldNode, this.input.variables as Record<string, unknown>);
      const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : 0;
      return CONNECTION_BASE_COST + size * perNode;
    }
    const items = connectionItems(value, nodes, connection);
    return CONNECTION_BASE_COST + items.reduce<number>((sum, item) => sum + 1 + this.selectionCost(nodeType, nodeSets, item), 0);
  }

  private collect(type: GraphQLObjectType, set: SelectionSetNode): Map<string, FieldNode[]> {
    return this.collectAll(type, [set]);
  }

  /** Fields by response key, merged across fragments and repeated selections (as execution does). */
  private collectAll(type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
    const key = this.setsKey(type, sets);
    let fields = this.collected.get(key);
    if (!fields) this.collected.set(key, (fields = this.collectFields(type, sets)));
    return fields;
  }

  private collectFields(type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
    const fields = new Map<string, FieldNode[]>();
    const visit = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          fields.set(key, [...(fields.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (!selection.typeCondition || this.applies(selection.typeCondition.name.value, type)) visit(selection.selectionSet);
        } else {
          const fragment = this.input.fragments[selection.name.value];
          if (fragment && this.applies(fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    return fields;
  }

  private applies(condition: string, type: GraphQLObjectType): boolean {
    if (condition === type.name) return true;
    const conditionType = this.input.schema.getType(condition);
    return conditionType !== undefined && conditionType !== null && isAbstractType(conditionType) && this.input.schema.isSubType(conditionType, type);
  }
}

function unwrapNonNull(type: GraphQLOutputType): GraphQLOutputType {
  return isNonNullType(type) ? type.ofType : type;
}

function listArgumentLength(field: GraphQLField<unknown, unknown>, node: FieldNode | undefined, variables: Readonly<Record<string, unknown>>): number | undefined {
  if (!node) return undefined;
  const args = getArgumentValues(field, node, variables as Record<string, unknown>);
  for (const arg of field.args) {
    const value = args[arg.name];
    if (Array.isArray(value)) return value.length;
  }
  return undefined;
}

/** The node objects a returned connection holds, from `nodes` or `edges[].node` (whichever was selected). */
function connectionItems(value: unknown, nodes: readonly FieldNode[], _connection: GraphQLObjectType): Data[] {
  const record = value as Record<string, unknown>;
  for (const node of nodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) continue;
      const key = selection.alias?.value ?? selection.name.value;
      if (selection.name.value === 'nodes' && Array.isArray(record[key])) return record[key] as Data[];
      if (selection.name.value === 'edges' && Array.isArray(record[key])) {
        const nodeKey = edgeNodeKey(selection);
        return (record[key] as Array<Record<string, unknown>>).map((edge) => (nodeKey ? (edge[nodeKey] as Data) : {}));
      }
    }
  }
  return [];
}

function edgeNodeKey(edges: FieldNode): string | undefined {
  for (const selection of edges.selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value === 'node') return selection.alias?.value ?? 'node';
  }
  return undefined;
}
