import type { OperationDefinitionNode } from 'graphql';
import type { DocumentLimits } from '../config/limits-config.ts';
import { evaluateOperation, type OperationToEvaluate } from './evaluate-operation.ts';

type Evaluation = ReturnType<typeof evaluateOperation>;

/** Evaluations kept per operation (distinct variables and scopes); past it the oldest goes. */
const PER_OPERATION = 16;

/**
 * evaluateOperation, remembered per operation: the measurement is a pure function of the parsed
 * operation (Apollo hands the same node for the same document text, from its document cache), the
 * variables and the caller's scope, so a repeated request (the same catalog page again and again)
 * walks its document once instead of on every request. Held weakly by the operation node, so a
 * document Apollo evicts takes its entries with it. One memo per schema and limits.
 */
export class EvaluationMemo {
  private readonly byOperation = new WeakMap<OperationDefinitionNode, Map<string, Evaluation>>();
  private readonly limits: DocumentLimits;

  constructor(limits: DocumentLimits) {
    this.limits = limits;
  }

  evaluate(input: OperationToEvaluate): Evaluation {
    const key = `${String(input.scope.vendorCount)}|${JSON.stringify(input.variables ?? {})}`;
    let known = this.byOperation.get(input.operation);
    const remembered = known?.get(key);
    if (remembered) return remembered;
    const evaluation = evaluateOperation(input, this.limits);
    if (!known) this.byOperation.set(input.operation, (known = new Map()));
    if (known.size >= PER_OPERATION) known.delete(known.keys().next().value as string);
    known.set(key, evaluation);
    return evaluation;
  }
}
