import { z } from 'zod';
import { isJsonPath } from './json-path.ts';

/** Building blocks of the custom mapping schema; each message names the fix, not only the fault. */

const MISSING = Symbol('missing');

/**
 * A required field whose "missing" message says what to put there. (A plain required field is
 * reported by the loader as a bare "is required", which names the path but not the fix.)
 */
export function required<T extends z.ZodType>(schema: T, hint: string) {
  return z.preprocess(
    (input) => (input === undefined ? MISSING : input),
    z
      .unknown()
      .refine((input) => input !== MISSING, { message: `is required: ${hint}`, abort: true })
      .pipe(schema),
  );
}

/** A dot path into the vendor's JSON (see json-path.ts). */
export const jsonPathSchema = z.string().refine(isJsonPath, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a dot path; write field names separated by dots with optional [index], ` +
    'e.g. "pricing.amount" or "stock[0].qty" ("$" for the whole document)',
});

/** A request path below `baseUrl`; fixed query parameters go in `query`, not in the path. */
export const apiPathSchema = z
  .string()
  .regex(/^\/[^?#\s]*$/, 'must be a path starting with "/" and without a query string, e.g. "/products" (fixed parameters go in `query`)');

export const paramNameSchema = z.string().regex(/^[A-Za-z0-9_.[\]-]+$/, 'must be a query parameter name such as "per_page"');

/** `{name}` placeholders in a template string. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
}

/** Adds one issue per placeholder of `template` that is not in `known`. */
export function checkPlaceholders(
  template: string,
  known: readonly string[],
  ctx: z.RefinementCtx,
  path: PropertyKey[],
): void {
  for (const name of placeholdersIn(template)) {
    if (!known.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `unknown placeholder {${name}}; use one of ${known.map((k) => `{${k}}`).join(', ')}`,
      });
    }
  }
}
