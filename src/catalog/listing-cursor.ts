import { badUserInput } from '../errors/gateway-error.ts';

/**
 * Where a cross-vendor listing resumes: at vendor `v`, from that vendor's own cursor `c`
 * (null = the vendor's first page), skipping `k` SKUs of that page. Edges in the middle of a
 * vendor page resume from the page's start cursor with a skip; the last edge of a page resumes
 * from the vendor's end cursor. Opaque to clients (base64url JSON).
 */
export interface ListingPosition {
  readonly vendorId: string;
  readonly vendorCursor: string | null;
  readonly skip: number;
}

export function encodeListingCursor(position: ListingPosition): string {
  return Buffer.from(JSON.stringify({ v: position.vendorId, c: position.vendorCursor, k: position.skip }), 'utf8').toString('base64url');
}

export function decodeListingCursor(cursor: string): ListingPosition {
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; c?: unknown; k?: unknown };
    if (typeof raw.v === 'string' && (raw.c === null || typeof raw.c === 'string') && Number.isInteger(raw.k) && (raw.k as number) >= 0) {
      return { vendorId: raw.v, vendorCursor: raw.c, skip: raw.k as number };
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`"after" is not a cursor this listing produced: ${JSON.stringify(cursor)}`, 'after');
}
