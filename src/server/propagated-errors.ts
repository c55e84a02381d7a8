import {
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/**
 * graphql-js reports one error per position nulled by propagation: when several non-null fields
 * under the same nullable field fail (items of a `[Widget!]` list), the first error nulls the
 * nearest nullable ancestor and the others are dropped. graphql-jit reports every one of them. This
 * keeps graphql-js's answer: of the errors that propagated to the same nullable position, the
 * first. An error at a nullable position itself is always kept, as graphql-js keeps it. Where the
 * position cannot be told from the document (a field under an interface or union, whose runtime
 * type decides its nullability), the error is kept.
 */
export function firstErrorPerNulledPosition(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  errors: readonly GraphQLError[],
): readonly GraphQLError[] {
  if (errors.length < 2) return errors;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const context: Walk = { schema, fragments };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return errors;
  const nulled = new Set<string>();
  return errors.filter((error) => {
    const path = error.path;
    if (!path) return true;
    const at = nullablePrefixLength(root, operation.selectionSet, context, path);
    if (at === null || at === path.length) return true;
    const position = JSON.stringify(path.slice(0, at));
    if (nulled.has(position)) return false;
    nulled.add(position);
    return true;
  });
}

/** Length of the longest prefix of `path` that ends at a nullable field or list item (0: `data` itself); null if unknown. */
function nullablePrefixLength(root: GraphQLObjectType, rootSelections: SelectionSetNode, context: Walk, path: ReadonlyArray<string | number>): number | null {
  let type: GraphQLOutputType = root;
  let selections: SelectionSetNode[] = [rootSelections];
  let nullable = 0;
  for (let index = 0; index < path.length; index += 1) {
    const segment = path[index]!;
    if (typeof segment === 'number') {
      if (!isListType(type)) return null;
      const item: GraphQLOutputType = type.ofType;
      if (isNonNullType(item)) type = item.ofType;
      else {
        type = item;
        nullable = index + 1;
      }
      continue;
    }
    if (!isObjectType(type)) return null;
    const nodes = selections.flatMap((set) => fieldsNamed(set, segment, type as GraphQLObjectType, context));
    const definition: GraphQLField<unknown, unknown> | undefined = nodes[0] ? type.getFields()[nodes[0].name.value] : undefined;
    if (!definition) return null;
    if (isNonNullType(definition.type)) type = definition.type.ofType;
    else {
      type = definition.type;
      nullable = index + 1;
    }
    selections = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  }
  return nullable;
}

/** The field nodes answering to `responseKey` on `parent`, through inline fragments and fragment spreads that apply to it. */
function fieldsNamed(set: SelectionSetNode, responseKey: string, parent: GraphQLObjectType, context: Walk): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias ?? selection.name).value === responseKey) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!selection.typeCondition || appliesTo(context.schema, selection.typeCondition.name.value, parent)) {
        found.push(...fieldsNamed(selection.selectionSet, responseKey, parent, context));
      }
    } else {
      const fragment = context.fragments.get(selection.name.value);
      if (fragment && appliesTo(context.schema, fragment.typeCondition.name.value, parent)) {
        found.push(...fieldsNamed(fragment.selectionSet, responseKey, parent, context));
      }
    }
  }
  return found;
}

/** Whether a fragment on `typeName` applies to an object of type `parent`. */
function appliesTo(schema: GraphQLSchema, typeName: string, parent: GraphQLObjectType): boolean {
  const type = schema.getType(typeName);
  if (!type || !isAbstractType(type)) return typeName === parent.name;
  return schema.isSubType(type, parent);
}
