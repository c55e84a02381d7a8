import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureEncoding = 'base64' | 'hex';

/**
 * Checks a webhook signature: HMAC-SHA256 of the raw body with the shared secret, encoded as the
 * vendor sends it. Compared in constant time on the decoded bytes (a length mismatch answers
 * false without comparing), so the time taken says nothing about how much of a guess was right.
 */
export function verifyHmacSha256(rawBody: Buffer, secret: string, presented: string | undefined, encoding: SignatureEncoding, prefix = ''): boolean {
  if (!presented || !presented.startsWith(prefix)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(presented.slice(prefix.length).trim(), encoding);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The signature a vendor would send for `rawBody` (the simulators sign with it). */
export function signHmacSha256(rawBody: Buffer | string, secret: string, encoding: SignatureEncoding = 'base64'): string {
  return createHmac('sha256', secret).update(rawBody).digest(encoding);
}
