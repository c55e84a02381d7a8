import { z } from 'zod';

/**
 * A discriminated union whose unknown or missing tag is reported as "unknown <what> "x"; use one
 * of a, b" at the tag's own path. zod's discriminatedUnion reports an unknown tag as a bare
 * invalid_union, which the config loader reads as an unknown vendor platform; checking the tag
 * first keeps that message for `platform` only.
 */
export function taggedUnion<
  const Options extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(tag: string, values: readonly string[], options: Options, what: string) {
  const list = values.join(', ');
  return z.preprocess((input, ctx) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const value = (input as Record<string, unknown>)[tag];
    if (typeof value === 'string' && values.includes(value)) return input;
    ctx.issues.push({
      code: 'custom',
      path: [tag],
      input: value,
      message: value === undefined ? `is required; use one of ${list}` : `unknown ${what} ${JSON.stringify(value)}; use one of ${list}`,
    });
    return input;
  }, z.discriminatedUnion(tag, options));
}
