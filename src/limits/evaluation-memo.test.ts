import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMIT_DEFAULTS } from '../config/limits-config.ts';
import { evaluateOperation } from './evaluate-operation.ts';
import { EvaluationMemo } from './evaluation-memo.ts';

const schema = buildSchema(`
  type Query { products(vendorId: ID, first: Int!): [Product!]! }
  type Product { id: ID! inventoryLevels: [Level!]! }
  type Level { available: Int }
`);
const document = parse('query Page($first: Int!) { products(first: $first) { id inventoryLevels { available } } }');
const [operation] = document.definitions as OperationDefinitionNode[];
if (!operation) throw new Error('no operation');
const limits = { ...DOCUMENT_LIMIT_DEFAULTS, maxCost: 2_000 };
const input = (variables: Record<string, unknown>, vendorCount = 4) => ({ schema, document, operation, variables, scope: { vendorCount } });

describe('EvaluationMemo: the limits measure a repeated operation once', () => {
  it('answers the same operation with the same variables and scope from the first measurement', () => {
    const memo = new EvaluationMemo(limits);
    const first = memo.evaluate(input({ first: 100 }));
    expect(memo.evaluate(input({ first: 100 }))).toBe(first);
    expect(first).toEqual(evaluateOperation(input({ first: 100 }), limits));
  });

  it('measures again when the variables or the caller\'s vendor count differ', () => {
    const memo = new EvaluationMemo(limits);
    const hundred = memo.evaluate(input({ first: 100 }));
    const ten = memo.evaluate(input({ first: 10 }));
    const oneVendor = memo.evaluate(input({ first: 100 }, 1));
    expect(ten).not.toBe(hundred);
    expect(ten.measured.cost).toBeLessThan(hundred.measured.cost);
    expect(oneVendor.measured.cost).toBeLessThan(hundred.measured.cost);
  });

  it('refuses a remembered operation over the limit every time, not only the first', () => {
    const memo = new EvaluationMemo({ ...limits, maxCost: 10 });
    expect(memo.evaluate(input({ first: 100 })).over?.limit).toBeDefined();
    expect(memo.evaluate(input({ first: 100 })).over?.limit).toBeDefined();
  });
});
