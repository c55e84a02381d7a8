import { createHash } from 'node:crypto';

/** The stored form of an API key: "sha256:" + hex of SHA-256 over the key's UTF-8 bytes. */
export function hashApiKey(key: string): string {
  return `sha256:${sha256Hex(key)}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
