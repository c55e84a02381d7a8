import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMIT_DEFAULTS } from '../../../src/config/limits-config.ts';
import { countTokens } from '../../../src/limits/limits-plugin.ts';
import { measureOperation } from '../../../src/limits/operation-measure.ts';
import { buildExecutableSchema } from '../../../src/server/executable-schema.ts';
import { DOCUMENTED_OPERATIONS } from '../../fixtures/limits/documented-operations.ts';

const schema = buildExecutableSchema();

describe('the default limits let every documented operation through with at least a 25% margin (demo: four vendors)', () => {
  it.each(DOCUMENTED_OPERATIONS.map((operation) => [operation.name, operation] as const))('%s', (_name, documented) => {
    const document = parse(documented.query);
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    if (!operation) throw new Error('no operation');
    const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], documented.variables ?? {});
    expect(variables.errors).toBeUndefined();
    const measured = measureOperation({ schema, operation, fragments, variables: variables.coerced ?? {}, scope: { vendorCount: 4 } });
    const margin = 0.75;
    expect(measured.depth).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxDepth * margin);
    expect(measured.aliases).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxAliases * margin);
    expect(measured.directives).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxDirectives * margin);
    expect(measured.fieldRepeats).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxFieldRepeats * margin);
    expect(measured.cost).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxCost * margin);
    expect(countTokens(documented.query)).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxTokens * margin);
    expect(Buffer.byteLength(JSON.stringify({ query: documented.query, variables: documented.variables }))).toBeLessThanOrEqual(DOCUMENT_LIMIT_DEFAULTS.maxBodyBytes * margin);
  });
});

describe('the cost model predicts upstream load', () => {
  const costOf = (query: string, vendorCount: number, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables).coerced ?? {};
    return measureOperation({ schema, operation, fragments: new Map(), variables: coerced, scope: { vendorCount } }).cost;
  };

  it('a field that fans out to every vendor costs per vendor in the caller’s scope', () => {
    const listing = '{ products(first: 10) { nodes { id } } }';
    expect(costOf(listing, 4) - costOf(listing, 1)).toBe(3 * 50);
    expect(costOf('{ products(vendorId: "demo-woo", first: 10) { nodes { id } } }', 4)).toBe(costOf(listing, 1));
  });

  it('list sizes come from `first`, `skus` and mutation `changes`, literal or variable', () => {
    // 180 more products, one `price` object each.
    expect(costOf('query($n: Int!) { products(first: $n) { nodes { price { amount } } } }', 1, { n: 200 })).toBe(costOf('{ products(first: 20) { nodes { price { amount } } } }', 1) + 180);
    expect(costOf('{ productsBySku(skus: ["a", "b", "c", "d"]) { price { amount } } }', 2)).toBeGreaterThan(costOf('{ productsBySku(skus: ["a"]) { price { amount } } }', 2));
    const write = (count: number) => `mutation { setInventoryQuantities(input: { idempotencyKey: "k", reason: "r", changes: [${Array.from({ length: count }, () => '{ productId: "p", locationId: "l", quantity: 1 }').join(',')}] }) { results { status } } }`;
    expect(costOf(write(50), 4)).toBeGreaterThan(costOf(write(5), 4));
  });

  it('a vendor call under every product of a page costs per product (the N+1 the issue saw)', () => {
    const nested = '{ products(first: 3) { nodes { vendor { products(first: 3) { nodes { id } } } } } }';
    expect(costOf(nested, 4)).toBeGreaterThanOrEqual(4 * 50 + 3 * 50);
  });
});
