import { z } from 'zod';
import { secretSchema } from '../../config-fields.ts';
import { taggedUnion } from './tagged-union.ts';

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
