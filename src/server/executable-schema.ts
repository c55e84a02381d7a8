import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../../resolvers/index.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** The SDL of every schema/*.graphql file, one per domain. */
export function readSchemaSources(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(`${SCHEMA_DIR}${name}`, 'utf8'));
}

/** The executable schema: SDL from schema/, resolvers from resolvers/. */
export function buildExecutableSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: readSchemaSources(), resolvers: resolvers as never });
}
