import type { GraphQLEnumValue, GraphQLField, GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildExecutableSchema } from '../../../src/server/executable-schema.ts';

const TYPES = [
  'InventoryChangeStatus', 'SetInventoryQuantityInput', 'SetInventoryQuantitiesInput', 'AdjustInventoryQuantityInput',
  'AdjustInventoryQuantitiesInput', 'InventoryChangeError', 'InventoryChangeResult', 'InventoryUserErrorCode', 'InventoryUserError',
  'InventoryChangesPayload', 'InventorySyncMode', 'InventorySyncError', 'InventorySyncResult', 'InventoryMutationKind',
  'InventoryAuditEntry', 'InventoryAuditEdge', 'InventoryAuditConnection', 'InventoryChangeFilter',
];

function requiredRole(schema: GraphQLSchema, typeName: 'Query' | 'Mutation', field: string): string | undefined {
  const node = (schema.getType(typeName) as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[field]?.astNode;
  const auth = node?.directives?.find((directive) => directive.name.value === 'auth');
  const argument = auth?.arguments?.find((arg) => arg.name.value === 'requires')?.value;
  return argument?.kind === 'EnumValue' ? argument.value : undefined;
}

describe('inventory schema', () => {
  const schema = buildExecutableSchema();

  it('describes every inventory type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const name of TYPES) {
      const type = schema.getType(name);
      if (!type) throw new Error(`${name} is not in the schema`);
      if (!type.description) missing.push(name);
      // Duck-typed: graphql's is*Type checks trip over its ESM/CJS dual package under vitest.
      if ('getValues' in type) (type.getValues() as GraphQLEnumValue[]).forEach((value) => !value.description && missing.push(`${name}.${value.name}`));
      if ('getFields' in type) {
        Object.values(type.getFields() as Record<string, { name: string; description?: string | null }>).forEach((field) => !field.description && missing.push(`${name}.${field.name}`));
      }
    }
    const mutation = schema.getMutationType()!;
    for (const field of ['setInventoryQuantities', 'adjustInventoryQuantities', 'syncInventory']) {
      if (!mutation.getFields()[field]?.description) missing.push(`Mutation.${field}`);
    }
    const audit = schema.getQueryType()!.getFields().inventoryChanges!;
    if (!audit.description) missing.push('Query.inventoryChanges');
    [...audit.args, ...mutation.getFields().syncInventory!.args].forEach((arg) => !arg.description && missing.push(`arg ${arg.name}`));
    expect(missing).toEqual([]);
  });

  it('declares the roles beside the fields: INVENTORY_WRITE for writes and sync, ADMIN for the audit log', () => {
    expect(requiredRole(schema, 'Mutation', 'setInventoryQuantities')).toBe('INVENTORY_WRITE');
    expect(requiredRole(schema, 'Mutation', 'adjustInventoryQuantities')).toBe('INVENTORY_WRITE');
    expect(requiredRole(schema, 'Mutation', 'syncInventory')).toBe('INVENTORY_WRITE');
    expect(requiredRole(schema, 'Query', 'inventoryChanges')).toBe('ADMIN');
  });
});
