import { buildSubgraphSchema } from '@apollo/subgraph';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { SUBGRAPH_TYPE_DEFS } from './subgraph-type-defs.ts';

/** Answers one entity representation (`{ __typename, ...key fields }`) with the object, or null. */
export type ReferenceResolver = (reference: Record<string, unknown>, context: never, info: GraphQLResolveInfo) => unknown;

/**
 * The schema without resolvers, as an Apollo Federation 2 subgraph: the SDL of schema/ with the
 * entity keys, plus `_service { sdl }`, `_entities(representations:)`, `_Any` and `_Entity`
 * answered by @apollo/subgraph. Resolvers are added afterwards by the caller, as for any schema.
 */
export function buildSubgraphBase(typeDefs: readonly string[]): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: mergeTypeDefs([...typeDefs, SUBGRAPH_TYPE_DEFS]) });
}

/**
 * Gives each entity type its reference resolver where @apollo/subgraph's `_entities` looks for it
 * (the type's `extensions.apollo.subgraph.resolveReference`). Extensions survive the later schema
 * transforms (`@feature`, `@auth`), so an entity's fields stay guarded like any other field.
 */
export function withReferenceResolvers(schema: GraphQLSchema, resolvers: Readonly<Record<string, ReferenceResolver>>): GraphQLSchema {
  for (const typeName of Object.keys(resolvers)) {
    if (!(schema.getType(typeName) instanceof GraphQLObjectType)) throw new Error(`federation: no object type "${typeName}" to resolve references of`);
  }
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const resolveReference = resolvers[type.name];
      if (!resolveReference) return type;
      const config = type.toConfig();
      return new GraphQLObjectType({ ...config, extensions: { ...config.extensions, apollo: { subgraph: { resolveReference } } } });
    },
  });
}
