import { z } from 'zod';

const DAY_SECONDS = 86_400;

/**
 * A vendor's background sync settings (`vendors[].sync`). With `incrementalEverySeconds` the
 * gateway starts an INCREMENTAL sync job for the vendor that often (a job already running for
 * the vendor account is left alone); without it, jobs run only when started.
 */
export const vendorSyncConfigSchema = z
  .object({
    incrementalEverySeconds: z
      .number({ error: 'must be a number of seconds, e.g. 300' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second')
      .max(DAY_SECONDS, `must be at most ${DAY_SECONDS} seconds (one day)`)
      .optional(),
    /**
     * SKUs a job reads per page (default the vendor's largest page). The job's cursor is stored
     * after every page, so smaller pages lose less work to a restart and cost more store writes.
     */
    pageSize: z
      .number({ error: 'must be a number of SKUs, e.g. 100' })
      .int('must be a whole number of SKUs')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000 (vendors cap their pages lower still)')
      .optional(),
  })
  .strict();

export type VendorSyncConfig = z.infer<typeof vendorSyncConfigSchema>;
