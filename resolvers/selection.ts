import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * True when the query reads one of `fields` anywhere below the current field (through
 * fragments too). Lets a listing ask a vendor for stock in the same call only when it is read.
 */
export function selectsAnyField(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const wanted = new Set(fields);
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (wanted.has(selection.name.value) || visit(selection.selectionSet)) return true;
      } else if (selection.kind === 'InlineFragment') {
        if (visit(selection.selectionSet)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (visit(info.fragments[selection.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

export const STOCK_FIELDS = ['inventoryLevels', 'totalAvailable'] as const;
