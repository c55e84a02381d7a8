import { z } from 'zod';

/**
 * Where a job continues, stored with the job after every page (the store keeps it as opaque
 * text): the vendor's page cursor, the `updatedSince` filter the job started with (a resumed
 * incremental job keeps its filter, so its pages stay the same), the newest `updatedAt` seen so
 * far (the next incremental pass starts there once the job succeeds), and running counts.
 */
const syncJobCursorSchema = z.object({
  after: z.string().nullable(),
  since: z.string().nullable(),
  maxUpdatedAt: z.string().nullable(),
  pages: z.number().int().min(0),
  levelsSeen: z.number().int().min(0),
  changed: z.number().int().min(0),
});

export type SyncJobCursor = z.infer<typeof syncJobCursorSchema>;

export function initialCursor(since: string | null): SyncJobCursor {
  return { after: null, since, maxUpdatedAt: since, pages: 0, levelsSeen: 0, changed: 0 };
}

export function encodeJobCursor(cursor: SyncJobCursor): string {
  return JSON.stringify(cursor);
}

/** The stored cursor, or null when there is none yet (or it is not one this version wrote). */
export function decodeJobCursor(text: string | null): SyncJobCursor | null {
  if (text === null) return null;
  try {
    const parsed = syncJobCursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The later of two ISO instants (null counts as earliest). */
export function laterInstant(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
