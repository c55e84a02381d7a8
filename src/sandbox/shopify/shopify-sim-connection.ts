import { GraphQLError } from 'graphql';

export interface ConnectionArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
  readonly reverse?: boolean | null;
}

export interface Connection<N> {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: N }>;
  readonly nodes: readonly N[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Opaque cursors shaped like Shopify's (base64 of `{"last_id":…,"last_value":"…"}`). */
export function encodeCursor(key: number): string {
  return Buffer.from(JSON.stringify({ last_id: key, last_value: String(key) }), 'utf8').toString('base64');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown };
    if (typeof parsed.last_id === 'number') return parsed.last_id;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort: ${cursor.slice(0, 60)}`, { extensions: { code: 'BAD_REQUEST' } });
}

/**
 * A Relay connection over items already sorted ascending by `keyOf` (Shopify's sortKey ID),
 * with `reverse`, `after`/`before` and `first`/`last` applied as Shopify does.
 */
export function buildConnection<T, N>(items: readonly T[], args: ConnectionArgs, keyOf: (item: T) => number, toNode: (item: T) => N): Connection<N> {
  const ordered = args.reverse ? [...items].reverse() : [...items];
  const forward = (a: number, b: number) => (args.reverse ? a < b : a > b);
  let start = 0;
  let end = ordered.length;
  if (args.after) {
    const after = decodeCursor(args.after);
    const index = ordered.findIndex((item) => forward(keyOf(item), after));
    start = index < 0 ? ordered.length : index;
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    const index = ordered.findIndex((item) => !forward(before, keyOf(item)));
    end = index < 0 ? ordered.length : index;
  }
  let window = ordered.slice(start, Math.max(start, end));
  let hasNextPage = end < ordered.length;
  let hasPreviousPage = start > 0;
  if (typeof args.first === 'number') {
    hasNextPage = window.length > args.first || hasNextPage;
    window = window.slice(0, args.first);
  } else if (typeof args.last === 'number') {
    hasPreviousPage = window.length > args.last || hasPreviousPage;
    window = window.slice(Math.max(0, window.length - args.last));
  }
  const edges = window.map((item) => ({ cursor: encodeCursor(keyOf(item)), node: toNode(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The numeric part of a Shopify GID (`gid://shopify/Type/123?x=y` → 123). */
export function gidNumber(gid: string): number {
  const tail = gid.split('/').pop() ?? '';
  return Number(tail.split('?')[0]);
}

export function gidType(gid: string): string | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/\d+(\?.*)?$/.exec(gid);
  return match?.[1] ?? null;
}
