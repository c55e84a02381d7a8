import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestedCost } from '../../../src/sandbox/shopify/shopify-sim-query-cost.ts';
import { SHOPIFY_SIM_SDL } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import { buildSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { ORDER_LINES_PAGE, ORDER_MORE_LINES, ORDERS_PER_PAGE, ORDER_NODE_COST, LINES_PER_ORDER } from '../../../src/vendors/shopify/shopify-orders.ts';
import { loadAdminSchema2026_07 } from '../shopify/admin-schema-2026-07.ts';

describe('the Shopify orders documents', () => {
  const real = loadAdminSchema2026_07();

  it.each([['OrderLinesPage', ORDER_LINES_PAGE], ['OrderMoreLines', ORDER_MORE_LINES]])('%s is valid against the real Admin schema', (_name, document) => {
    expect(validate(real, parse(document)).map((error) => error.message)).toEqual([]);
  });

  it('asks for a page whose requested cost, as the simulator prices it, is what the client budgets and within 1,000', () => {
    const schema = buildSchema(SHOPIFY_SIM_SDL);
    const document = parse(ORDER_LINES_PAGE);
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const cost = requestedCost({ schema, operation, fragments: {}, variables: { first: ORDERS_PER_PAGE, query: '', linesFirst: LINES_PER_ORDER } });
    expect(cost).toBe(2 + ORDERS_PER_PAGE * ORDER_NODE_COST);
    expect(cost).toBeLessThanOrEqual(1000);
  });
});
