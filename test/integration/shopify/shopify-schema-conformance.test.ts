import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { requestedCost } from '../../../src/sandbox/shopify/shopify-sim-query-cost.ts';
import { SHOPIFY_SIM_SDL } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import {
  COUNT_COST,
  ITEM_VARIANT_NODE_COST,
  LOCATIONS_PAGE_SIZE,
  locationsPageCost,
  MUTATION_COST,
  SHOP_FACTS_COST,
  levelsConnectionCost,
  variantPageCost,
  VARIANT_NODE_COST,
} from '../../../src/vendors/shopify/shopify-cost-plan.ts';
import * as documents from '../../../src/vendors/shopify/shopify-documents.ts';
import { ALL_DOCUMENTS } from '../../../src/vendors/shopify/shopify-documents.ts';
import { loadAdminSchema2026_07 } from './admin-schema-2026-07.ts';

let real: GraphQLSchema;
beforeAll(() => {
  real = loadAdminSchema2026_07();
});

describe('GraphQL documents the Shopify client sends', () => {
  it.each(Object.entries(ALL_DOCUMENTS))('%s is valid against the real Admin schema at 2026-07', (_name, document) => {
    expect(validate(real, parse(document)).map((error) => error.message)).toEqual([]);
  });

  it('would be refused if it still used the pre-2026 compareQuantity field', () => {
    const old = 'mutation M($i: ID!) { inventorySetQuantities(input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: $i, locationId: $i, quantity: 1, compareQuantity: 0 }] }) { userErrors { code } } }';
    expect(validate(real, parse(old)).map((error) => error.message).join()).toMatch(/compareQuantity/);
  });
});

describe('the simulator schema (2026-07 subset)', () => {
  it('declares only types, fields and arguments the real schema has, with the same types', () => {
    const sim = buildSchema(SHOPIFY_SIM_SDL);
    const problems: string[] = [];
    for (const type of Object.values(sim.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const twin = real.getType(type.name);
      if (!twin) {
        problems.push(`type ${type.name} is not in the real schema`);
        continue;
      }
      if (type.constructor !== twin.constructor) problems.push(`${type.name} is another kind of type`);
      if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(twin) || isInterfaceType(twin))) {
        const realInterfaces = new Set(twin.getInterfaces().map((iface) => iface.name));
        for (const iface of type.getInterfaces()) if (!realInterfaces.has(iface.name)) problems.push(`${type.name} does not implement ${iface.name}`);
        const realFields = twin.getFields();
        for (const field of Object.values(type.getFields())) {
          const realField = realFields[field.name];
          if (!realField) {
            problems.push(`${type.name}.${field.name} is missing`);
            continue;
          }
          if (String(field.type) !== String(realField.type)) problems.push(`${type.name}.${field.name}: ${String(field.type)} vs ${String(realField.type)}`);
          for (const arg of field.args) {
            const realArg = realField.args.find((candidate) => candidate.name === arg.name);
            if (!realArg) problems.push(`${type.name}.${field.name}(${arg.name}) is missing`);
            else if (String(arg.type) !== String(realArg.type)) problems.push(`${type.name}.${field.name}(${arg.name}): ${String(arg.type)} vs ${String(realArg.type)}`);
          }
        }
      }
      if (isInputObjectType(type) && isInputObjectType(twin)) {
        const realFields = twin.getFields();
        for (const field of Object.values(type.getFields())) {
          const realField = realFields[field.name];
          if (!realField) problems.push(`${type.name}.${field.name} is missing`);
          else if (String(field.type) !== String(realField.type)) problems.push(`${type.name}.${field.name}: ${String(field.type)} vs ${String(realField.type)}`);
        }
      }
      if (isEnumType(type) && isEnumType(twin)) {
        const values = new Set(twin.getValues().map((value) => value.name));
        for (const value of type.getValues()) if (!values.has(value.name)) problems.push(`${type.name}.${value.name} is missing`);
      }
      if (isScalarType(type) && !isScalarType(twin)) problems.push(`${type.name} is not a scalar`);
    }
    for (const directive of sim.getDirectives()) {
      const twin = real.getDirective(directive.name);
      if (!twin) problems.push(`@${directive.name} is missing`);
      else for (const arg of directive.args) {
        if (String(arg.type) !== String(twin.args.find((candidate) => candidate.name === arg.name)?.type)) problems.push(`@${directive.name}(${arg.name})`);
      }
    }
    expect(problems).toEqual([]);
    expect(getNamedType(sim.getQueryType()?.getFields().productVariants?.type ?? sim.getQueryType()!)?.name).toBe('ProductVariantConnection');
  });

  it('is the one the documents were written for (every document is valid there too)', () => {
    const sim = buildSchema(SHOPIFY_SIM_SDL);
    for (const document of Object.values(ALL_DOCUMENTS)) expect(validate(sim, parse(document))).toEqual([]);
  });
});

describe('cost planning agrees with the simulator\'s independent pricing', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `gid://shopify/Node/${String(i)}`);
  const cases: Array<[string, string, Record<string, unknown>, number]> = [
    ['ShopFacts', documents.SHOP_FACTS, {}, SHOP_FACTS_COST],
    ['ProductVariantsPage', documents.PRODUCT_VARIANTS_PAGE, { first: 249 }, variantPageCost(249, null)],
    ['ProductVariantsPageWithLevels', documents.PRODUCT_VARIANTS_PAGE_WITH_LEVELS, { first: 55, levelsFirst: 3 }, variantPageCost(55, 3)],
    ['ProductVariantsByIds', documents.PRODUCT_VARIANTS_BY_IDS, { ids: ids(250) }, 250 * VARIANT_NODE_COST],
    ['ProductVariantsCount', documents.PRODUCT_VARIANTS_COUNT, {}, COUNT_COST],
    ['VariantsByInventoryItemIds', documents.VARIANTS_BY_INVENTORY_ITEM_IDS, { ids: ids(200) }, 200 * ITEM_VARIANT_NODE_COST],
    ['LocationsPage', documents.LOCATIONS_PAGE, { first: LOCATIONS_PAGE_SIZE }, locationsPageCost(LOCATIONS_PAGE_SIZE)],
    ['InventoryLevelsByItemIds', documents.INVENTORY_LEVELS_BY_ITEM_IDS, { ids: ids(66), levelsFirst: 3 }, 66 * (1 + levelsConnectionCost(3))],
    ['InventoryItemLevelsPage', documents.INVENTORY_ITEM_LEVELS_PAGE, { id: 'gid://shopify/InventoryItem/1', first: 249 }, 1 + levelsConnectionCost(249)],
    ['InventorySetQuantities', documents.INVENTORY_SET_QUANTITIES, {}, MUTATION_COST],
    ['InventoryAdjustQuantities', documents.INVENTORY_ADJUST_QUANTITIES, {}, MUTATION_COST],
  ];
  it.each(cases)('%s', (_name, text, variables, planned) => {
    const document = parse(text);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const cost = requestedCost({ schema: buildSchema(SHOPIFY_SIM_SDL), operation, fragments, variables });
    expect(cost).toBe(planned);
    expect(cost).toBeLessThanOrEqual(1000);
  });
});
