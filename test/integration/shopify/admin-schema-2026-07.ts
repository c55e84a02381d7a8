import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  extendSchema,
  Kind,
  parse,
  visit,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
} from 'graphql';

/**
 * Shopify's real Admin schema (the 2025-07 SDL fixture) patched in memory with the documented
 * 2026-07 differences (vendor-reference README §5), so documents are validated against what
 * production accepts at the pinned version:
 * - `directive @idempotent(key: String!) on FIELD`;
 * - `changeFromQuantity: Int` on InventoryQuantityInput and InventoryChangeInput;
 * - `compareQuantity` (InventoryQuantityInput) and `ignoreCompareQuantity`
 *   (InventorySetQuantitiesInput) removed (2026-04, breaking);
 * - user error codes CHANGE_FROM_QUANTITY_STALE (documented) and CHANGE_FROM_QUANTITY_REQUIRED
 *   (our assumption, after 2025-07's COMPARE_QUANTITY_REQUIRED) on both mutations' enums;
 * - `uri` on WebhookSubscriptionInput and WebhookSubscription, which replaced `callbackUrl`
 *   (shopify.dev/changelog/consolidate-webhook-graphql-surfaces; 2026-07 WebhookSubscription
 *   lists `uri: String!`).
 */
export function loadAdminSchema2026_07(): GraphQLSchema {
  const sdl = readFileSync(new URL('../../fixtures/shopify/admin-2025-07.schema.graphql', import.meta.url), 'utf8');
  const schema = buildASTSchema(patchTo2026_07(parse(sdl, { noLocation: true })), { assumeValidSDL: true });
  return extendSchema(schema, parse('extend input WebhookSubscriptionInput { uri: String } extend type WebhookSubscription { uri: String! }'), { assumeValidSDL: true });
}

const CHANGE_FROM = (parse('input X { changeFromQuantity: Int }').definitions[0] as unknown as { fields: InputValueDefinitionNode[] }).fields[0] as InputValueDefinitionNode;
const NEW_CODES = (parse('enum X { CHANGE_FROM_QUANTITY_STALE CHANGE_FROM_QUANTITY_REQUIRED }').definitions[0] as unknown as { values: EnumValueDefinitionNode[] }).values;
const IDEMPOTENT = parse('directive @idempotent(key: String!) on FIELD').definitions[0];

export function patchTo2026_07(document: DocumentNode): DocumentNode {
  const patched = visit(document, {
    InputObjectTypeDefinition(node) {
      const name = node.name.value;
      if (name !== 'InventoryQuantityInput' && name !== 'InventoryChangeInput' && name !== 'InventorySetQuantitiesInput') return undefined;
      const fields = (node.fields ?? []).filter((field) => field.name.value !== 'compareQuantity' && field.name.value !== 'ignoreCompareQuantity');
      return { ...node, fields: name === 'InventorySetQuantitiesInput' ? fields : [...fields, CHANGE_FROM] };
    },
    EnumTypeDefinition(node) {
      if (node.name.value !== 'InventorySetQuantitiesUserErrorCode' && node.name.value !== 'InventoryAdjustQuantitiesUserErrorCode') return undefined;
      return { ...node, values: [...(node.values ?? []), ...NEW_CODES] };
    },
  });
  return { ...patched, definitions: [...patched.definitions, IDEMPOTENT].filter((definition) => definition !== undefined && definition.kind !== Kind.SCHEMA_EXTENSION) };
}
