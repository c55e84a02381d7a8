import { ALL_FLAGS } from '../src/flags/flag-names.ts';
import type { QueryResolvers } from '../src/generated/resolvers-types.ts';

export const flagQueryResolvers: Pick<QueryResolvers, 'featureFlags'> = {
  featureFlags: (_root, _args, ctx) =>
    ALL_FLAGS.map((flag) => {
      const evaluation = ctx.flags.explain(flag);
      return {
        name: flag,
        enabled: evaluation.on,
        value: evaluation.value === null || evaluation.value === undefined ? null : JSON.stringify(evaluation.value),
        source: evaluation.source,
        reason: evaluation.reason,
      };
    }),
};
