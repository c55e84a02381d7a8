import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { z } from 'zod';
import { ConfigError } from '../config/config-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';

/** Apollo's persisted-query manifest (what `generate-persisted-query-manifest` writes). */
const manifestSchema = z
  .object({
    format: z.literal('apollo-persisted-query-manifest'),
    version: z.literal(1),
    operations: z.array(
      z.object({
        id: z.string().regex(/^[0-9a-f]{64}$/, 'id must be the 64 lowercase hex digits of the body’s SHA-256'),
        name: z.string().optional(),
        type: z.enum(['query', 'mutation', 'subscription']).optional(),
        body: z.string().min(1),
      }),
    ),
  })
  .strict();

export interface TrustedDocuments {
  readonly enforce: boolean;
  readonly count: number;
  /** The body listed under a SHA-256 id. */
  body(id: string): string | undefined;
  has(id: string): boolean;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads and checks the manifest once at start-up; a bad one stops start-up naming what is wrong. */
export function loadTrustedDocuments(file: string, enforce: boolean): TrustedDocuments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`security.trustedDocuments.file: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`], file);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `security.trustedDocuments.file ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`), file);
  }
  const bodies = new Map<string, string>();
  for (const [index, operation] of result.data.operations.entries()) {
    if (sha256Hex(operation.body) !== operation.id) {
      throw new ConfigError([`security.trustedDocuments.file ${file}: operations[${index}] (${operation.name ?? 'unnamed'}): id is not the SHA-256 of its body`], file);
    }
    bodies.set(operation.id, operation.body);
  }
  return { enforce, count: bodies.size, body: (id) => bodies.get(id), has: (id) => bodies.has(id) };
}

/**
 * Apollo's persisted-query store, read from the manifest: clients send
 * `extensions.persistedQuery.sha256Hash` and the body comes from here. Registration (APQ's
 * "send the hash and the text once") stores nothing when enforcing, so only listed documents exist.
 */
export function manifestQueryCache(documents: TrustedDocuments) {
  return {
    // Apollo prefixes the keys of a persisted-query cache ("apq:<sha256>"): the id is the tail.
    async get(key: string) {
      const id = /[0-9a-f]{64}$/.exec(key)?.[0];
      return id === undefined ? undefined : documents.body(id);
    },
    async set() {},
    async delete() {},
  };
}

/**
 * When enforcing: a document sent as text runs only if it is listed (by its SHA-256), checked
 * before execution on every way in (HTTP and executeOperation).
 */
export function trustedDocumentsPlugin(documents: TrustedDocuments): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (documents.enforce && !documents.has(queryHash)) throw persistedQueryNotFound();
        },
      };
    },
  };
}

/**
 * At the HTTP edge, before the body reaches Apollo: with enforcement on, a document sent as text
 * (POST body or GET `query`) that is not listed is refused without being parsed. Returns the
 * error to answer with, or null to go on. (The plugin above checks again for executeOperation.)
 */
export function unlistedText(documents: TrustedDocuments | null, body: unknown, query: unknown): GatewayError | null {
  if (!documents?.enforce) return null;
  const text = textOf(body) ?? textOf(query);
  return text !== undefined && !documents.has(sha256Hex(text)) ? persistedQueryNotFound() : null;
}

function textOf(carrier: unknown): string | undefined {
  if (typeof carrier !== 'object' || carrier === null || Array.isArray(carrier)) return undefined;
  const query = (carrier as { query?: unknown }).query;
  return typeof query === 'string' ? query : undefined;
}

export function persistedQueryNotFound(): GatewayError {
  return new GatewayError(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'This gateway runs only its trusted documents: send a listed document by extensions.persistedQuery.sha256Hash', {
    extensions: { http: { status: 400 } },
  });
}
