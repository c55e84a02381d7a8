import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/** Largest `first`/`last` of a connection, `ids` of `nodes`, and any input array (README §1.5, §5). */
export const MAX_PAGE_SIZE = 250;
export const MAX_INPUT_ARRAY = 250;

/**
 * Shopify's argument limits, checked before execution as Shopify does: a connection needs
 * `first` or `last`, neither above 250; `nodes(ids:)` and input arrays carry at most 250 items.
 * Shopify answers these with a top-level error and no data. The connection messages follow what
 * Shopify is reported to say; treat the exact wording as a stand-in.
 */
export function checkArgumentLimits(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field) return;
        const args = getArgumentValues(field, node, variables);
        const isConnection = getNamedType(field.type).name.endsWith('Connection');
        if (isConnection) {
          const size = args.first ?? args.last;
          if (size === undefined || size === null) {
            errors.push(new GraphQLError('you must provide one of first or last', { nodes: [node] }));
          } else if (typeof size === 'number' && size > MAX_PAGE_SIZE) {
            errors.push(new GraphQLError(`The requested number of records (${String(size)}) exceeds the maximum of ${String(MAX_PAGE_SIZE)} per page.`, { nodes: [node], extensions: { code: 'MAX_PAGE_SIZE_EXCEEDED' } }));
          }
        }
        for (const [name, value] of Object.entries(args)) {
          const arrays = name === 'input' && value && typeof value === 'object' ? Object.entries(value) : [[name, value] as const];
          for (const [key, item] of arrays) {
            if (Array.isArray(item) && item.length > MAX_INPUT_ARRAY) {
              errors.push(new GraphQLError(`The input array size of ${String(item.length)} is greater than the maximum allowed of ${String(MAX_INPUT_ARRAY)}.`, { nodes: [node], extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED', argument: key } }));
            }
          }
        }
      },
    }),
  );
  return errors;
}
