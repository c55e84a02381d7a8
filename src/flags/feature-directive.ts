import { MapperKind, getDirective, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { FlagEvaluator } from './flag-evaluator.ts';
import { ALL_FLAGS, isFeatureFlag, type FeatureFlag } from './flag-names.ts';

/** The slice of a request context the directive reads (a RequestContext satisfies it). */
interface FeatureDirectiveContext {
  readonly flags: FlagEvaluator;
}

/**
 * Applies `@feature(flag: "...")`: a field (or every field of an object type) whose flag is off
 * for the caller answers FEATURE_DISABLED and its resolver never runs, so no vendor is called
 * and no stale data is served. Flag names are checked here, at start-up: a typo fails the build
 * of the schema instead of silently disabling a field.
 */
export function applyFeatureDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const type = schema.getType(typeName);
      const flags = [
        ...(type ? flagsOf(schema, type, typeName) : []),
        ...flagsOf(schema, fieldConfig, `${typeName}.${fieldName}`),
      ];
      if (flags.length === 0) return fieldConfig;
      return gateField(fieldConfig, `${typeName}.${fieldName}`, flags);
    },
  });
}

function flagsOf(schema: GraphQLSchema, node: Parameters<typeof getDirective>[1], where: string): FeatureFlag[] {
  return (getDirective(schema, node, 'feature') ?? []).map((args) => {
    const name = String(args.flag);
    if (!isFeatureFlag(name)) {
      throw new Error(`schema: @feature(flag: "${name}") on ${where} names no known feature flag; use one of ${ALL_FLAGS.join(', ')}`);
    }
    return name;
  });
}

function gateField(
  fieldConfig: GraphQLFieldConfig<unknown, FeatureDirectiveContext>,
  coordinate: string,
  flags: readonly FeatureFlag[],
): GraphQLFieldConfig<unknown, FeatureDirectiveContext> {
  const assertEnabled = (ctx: FeatureDirectiveContext) => {
    const off = flags.find((flag) => !ctx.flags.isOn(flag));
    if (off) {
      throw new GatewayError(ErrorCode.FEATURE_DISABLED, `${coordinate} is not enabled for this caller (feature flag "${off}")`, {
        extensions: { flag: off },
      });
    }
  };
  const resolve = fieldConfig.resolve ?? defaultFieldResolver;
  const gated: GraphQLFieldConfig<unknown, FeatureDirectiveContext> = {
    ...fieldConfig,
    resolve(source, args, ctx, info) {
      assertEnabled(ctx);
      return resolve(source, args, ctx, info);
    },
  };
  const subscribe = fieldConfig.subscribe;
  if (subscribe) {
    gated.subscribe = (source, args, ctx, info) => {
      assertEnabled(ctx);
      return subscribe(source, args, ctx, info);
    };
  }
  return gated;
}
