import { z } from 'zod';
import { secretSchema } from '../../config/config-fields.ts';
import { assertNever } from '../../model/platform.ts';
import { taggedUnion } from '../../config/vendors/custom/tagged-union.ts';

const AUTH_TYPES = ['none', 'bearer', 'header', 'basic', 'query'] as const;

/** How a custom vendor authenticates. Secret fields (token, value, password) must be `${ENV_VAR}` references in production. */
export const customAuthSchema = taggedUnion(
  'type',
  AUTH_TYPES,
  [
    z.object({ type: z.literal('none') }).strict(),
    z.object({ type: z.literal('bearer'), token: secretSchema }).strict(),
    z
      .object({
        type: z.literal('header'),
        name: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name such as "X-Api-Key"'),
        value: secretSchema,
      })
      .strict(),
    z.object({ type: z.literal('basic'), username: z.string().min(1), password: secretSchema }).strict(),
    z.object({ type: z.literal('query'), param: z.string().min(1), value: secretSchema }).strict(),
  ],
  'auth type',
);

export type CustomAuth = z.infer<typeof customAuthSchema>;

/** Headers that carry the credentials (none for query auth). */
export function authHeaders(auth: CustomAuth): Record<string, string> {
  switch (auth.type) {
    case 'none':
    case 'query':
      return {};
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'header':
      return { [auth.name.toLowerCase()]: auth.value };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
    default:
      return assertNever(auth, 'auth type');
  }
}

/** The query parameter that carries the credential, for `query` auth; stripped from anything we echo (link cursors). */
export function authQueryParam(auth: CustomAuth): { readonly param: string; readonly value: string } | null {
  return auth.type === 'query' ? { param: auth.param, value: auth.value } : null;
}
