/**
 * The dot paths a custom vendor's mapping uses to point into its JSON: field names separated by
 * dots, each optionally followed by array indexes (`pricing.amount`, `stock[0].qty`), or `$` for
 * the whole document. Deliberately small: no wildcards, filters or quoting, so a path in config
 * reads the same to the person writing it as to this reader.
 */
export type JsonPathSegment = string | number;

/** The document itself (a body that is a bare array, an item that is the whole body). */
export const ROOT_PATH = '$';

const NAME = '[A-Za-z0-9_-]+';
const INDEX = '\\[\\d+\\]';
const PATH_PATTERN = new RegExp(`^${NAME}(?:${INDEX})*(?:\\.${NAME}(?:${INDEX})*)*$`);
const cache = new Map<string, readonly JsonPathSegment[]>();

export function isJsonPath(text: string): boolean {
  return text === ROOT_PATH || PATH_PATTERN.test(text);
}

/** Splits a path into names and indexes; throws on text that is not a dot path (config validation catches it first). */
export function parseJsonPath(text: string): readonly JsonPathSegment[] {
  const cached = cache.get(text);
  if (cached) return cached;
  if (!isJsonPath(text)) throw new Error(`"${text}" is not a dot path`);
  const segments: JsonPathSegment[] = [];
  if (text !== ROOT_PATH) {
    for (const part of text.split('.')) {
      const bracket = part.indexOf('[');
      segments.push(bracket < 0 ? part : part.slice(0, bracket));
      if (bracket >= 0) {
        for (const match of part.slice(bracket).matchAll(/\[(\d+)\]/g)) segments.push(Number(match[1]));
      }
    }
  }
  cache.set(text, segments);
  return segments;
}

/**
 * The value at `path` in `document`, or undefined when any step is missing or of the wrong kind
 * (a name on an array, an index on an object). Never throws on data: a vendor payload that lacks a
 * field is the mapper's business to report.
 */
export function readJsonPath(document: unknown, path: string): unknown {
  let node: unknown = document;
  for (const segment of parseJsonPath(path)) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[segment];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return node;
}
