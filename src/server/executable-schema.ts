import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addResolversToSchema } from '@graphql-tools/schema';
import { mergeResolvers } from '@graphql-tools/merge';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { entityReferenceResolvers } from '../../resolvers/federation-resolvers.ts';
import { resolvers } from '../../resolvers/index.ts';
import { applyAuthDirective } from '../auth/auth-directive.ts';
import { applyFeatureDirective } from '../flags/feature-directive.ts';
import { buildSubgraphBase, withReferenceResolvers, type ReferenceResolver } from '../federation/subgraph-schema.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** The SDL of every schema/*.graphql file, one per domain. */
export function readSchemaSources(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(`${SCHEMA_DIR}${name}`, 'utf8'));
}

/** Extra SDL and resolvers merged into the schema (tests add test-only fields this way). */
export interface SchemaExtension {
  readonly typeDefs: string;
  readonly resolvers: IResolvers;
}

/**
 * The executable schema: SDL from schema/ as a Federation 2 subgraph (src/federation: entity keys,
 * `_service`, `_entities`), resolvers from resolvers/, then the directives. `@feature` wraps
 * first and `@auth` around it, so a caller's role is checked before a flag's state is revealed,
 * and both before any resolver runs; entity fetches go through the same guarded fields.
 */
export function buildExecutableSchema(extension?: SchemaExtension): GraphQLSchema {
  const base = buildSubgraphBase(extension ? [...readSchemaSources(), extension.typeDefs] : readSchemaSources());
  const schema = addResolversToSchema({
    schema: base,
    resolvers: extension ? mergeResolvers([resolvers as IResolvers, extension.resolvers]) : (resolvers as IResolvers),
  });
  const entities = withReferenceResolvers(schema, entityReferenceResolvers as unknown as Record<string, ReferenceResolver>);
  return applyAuthDirective(applyFeatureDirective(entities));
}
