import { MapperKind, getDirective, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import { forbidden, unauthenticatedField } from './auth-errors.ts';
import { CallerRole, type Caller } from '../model/caller.ts';

/** The slice of a request context the directive reads (a RequestContext satisfies it). */
interface AuthDirectiveContext {
  readonly caller: Caller;
}

/** The GraphQL `Role` enum (schema/common.graphql) to configured role names. */
const ROLE_OF_ENUM: Record<string, CallerRole> = {
  VIEWER: CallerRole.VIEWER,
  INVENTORY_WRITE: CallerRole.INVENTORY_WRITE,
  ADMIN: CallerRole.ADMIN,
};

/**
 * The one place authorization is enforced. A field requires the role of its own `@auth`, else of
 * its object type's `@auth`, else the root default: every Query (and Subscription) field needs
 * `viewer`, every Mutation field `inventory:write`. The check runs before the field's resolver,
 * so a caller without the role causes no vendor call: FORBIDDEN, or UNAUTHENTICATED for an
 * anonymous caller.
 */
export function applyAuthDirective(schema: GraphQLSchema): GraphQLSchema {
  const rootDefaults = new Map<string, CallerRole>();
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) rootDefaults.set(query.name, CallerRole.VIEWER);
  if (mutation) rootDefaults.set(mutation.name, CallerRole.INVENTORY_WRITE);
  if (subscription) rootDefaults.set(subscription.name, CallerRole.VIEWER);

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      const type = schema.getType(typeName);
      const role =
        requiredRole(schema, fieldConfig, coordinate) ?? (type ? requiredRole(schema, type, typeName) : null) ?? rootDefaults.get(typeName) ?? null;
      return role ? guardField(fieldConfig, coordinate, role) : fieldConfig;
    },
  });
}

function requiredRole(schema: GraphQLSchema, node: Parameters<typeof getDirective>[1], where: string): CallerRole | null {
  const [args] = getDirective(schema, node, 'auth') ?? [];
  if (!args) return null;
  const role = ROLE_OF_ENUM[String(args.requires)];
  if (!role) throw new Error(`schema: @auth(requires: ${String(args.requires)}) on ${where} names no known role`);
  return role;
}

function guardField(
  fieldConfig: GraphQLFieldConfig<unknown, AuthDirectiveContext>,
  coordinate: string,
  role: CallerRole,
): GraphQLFieldConfig<unknown, AuthDirectiveContext> {
  const assertRole = (ctx: AuthDirectiveContext) => {
    if (ctx.caller.roles.has(role)) return;
    throw ctx.caller.kind === 'anonymous' ? unauthenticatedField(coordinate) : forbidden(coordinate, role);
  };
  const resolve = fieldConfig.resolve ?? defaultFieldResolver;
  const guarded: GraphQLFieldConfig<unknown, AuthDirectiveContext> = {
    ...fieldConfig,
    resolve(source, args, ctx, info) {
      assertRole(ctx);
      return resolve(source, args, ctx, info);
    },
  };
  const subscribe = fieldConfig.subscribe;
  if (subscribe) {
    guarded.subscribe = (source, args, ctx, info) => {
      assertRole(ctx);
      return subscribe(source, args, ctx, info);
    };
  }
  return guarded;
}
