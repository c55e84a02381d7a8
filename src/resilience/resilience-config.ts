import { z } from 'zod';

/**
 * Per-vendor resilience settings. Every field has a default tuned for the platform in
 * src/resilience/platform-defaults.ts; config only overrides.
 */
export const resilienceConfigSchema = z
  .object({
    /** Upper bound of one upstream attempt, in ms (the client's deadline may cut it shorter). */
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

export type ResilienceConfig = z.infer<typeof resilienceConfigSchema>;
