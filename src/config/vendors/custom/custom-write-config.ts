import { z } from 'zod';
import { apiPathSchema, checkPlaceholders, placeholdersIn, required } from './custom-config-fields.ts';

/** Values a write template may use. `{quantity}` / `{delta}` alone in a body string become numbers. */
export const WRITE_PLACEHOLDERS = ['id', 'sku', 'locationId', 'quantity', 'delta', 'reason', 'idempotencyKey'] as const;
export type WritePlaceholder = (typeof WRITE_PLACEHOLDERS)[number];

export const WRITE_MODES = ['absolute', 'delta'] as const;

/**
 * How to change stock. `absolute` endpoints take the new quantity ({quantity}); `delta` endpoints
 * take a signed change ({delta}). Either way the gateway reads the level first and computes the
 * value from that fresh read, and never re-sends a write whose outcome it does not know.
 */
export const customWriteSchema = z
  .object({
    method: z.enum(['PUT', 'POST'], { error: 'use PUT or POST' }).default('PUT'),
    path: required(apiPathSchema, 'a path template, e.g. "/products/{id}/stock/{locationId}"'),
    body: required(
      z.record(z.string(), z.unknown()),
      'a JSON body template, e.g. { quantity: "{quantity}" }',
    ),
    mode: z.enum(WRITE_MODES, { error: 'use absolute or delta' }).default('absolute'),
  })
  .strict()
  .superRefine((write, ctx) => {
    checkPlaceholders(write.path, WRITE_PLACEHOLDERS, ctx, ['path']);
    const used = new Set(placeholdersIn(write.path));
    visitStrings(write.body, ['body'], (text, path) => {
      checkPlaceholders(text, WRITE_PLACEHOLDERS, ctx, path);
      for (const name of placeholdersIn(text)) used.add(name);
    });
    const needed = write.mode === 'absolute' ? 'quantity' : 'delta';
    const other = write.mode === 'absolute' ? 'delta' : 'quantity';
    if (!used.has(needed)) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `${write.mode === 'absolute' ? 'an absolute' : 'a delta'} write must send {${needed}}; put it in the body, e.g. { ${needed}: "{${needed}}" }` });
    }
    if (used.has(other)) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: `the template uses {${other}}; set mode: ${other === 'delta' ? 'delta' : 'absolute'} or send {${needed}} instead` });
    }
  });

export type CustomWriteConfig = z.infer<typeof customWriteSchema>;

/** Calls `visit` for every string in a JSON template with its config path. */
export function visitStrings(node: unknown, path: PropertyKey[], visit: (text: string, path: PropertyKey[]) => void): void {
  if (typeof node === 'string') visit(node, path);
  else if (Array.isArray(node)) node.forEach((item, index) => visitStrings(item, [...path, index], visit));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) visitStrings(value, [...path, key], visit);
  }
}
