import { fail, MagentoMessages } from './magento-sim-errors.ts';

/**
 * The simulator's searchCriteria engine, as strict as Magento's REST input processing:
 * bracketed parameters in snake_case or camelCase (Magento accepts both), filter groups ANDed,
 * filters in a group ORed, condition types eq/neq/in/nin/like/nlike/gt/gteq/lt/lteq/null/notnull,
 * sort orders, and paging with the optional "Web API input limits".
 */
export interface SimFilter {
  readonly field: string;
  readonly value: string;
  readonly conditionType: string;
}

export interface SimCriteria {
  readonly filterGroups: SimFilter[][];
  readonly sortOrders: Array<{ field: string; direction: 'ASC' | 'DESC' }>;
  readonly pageSize: number | undefined;
  readonly currentPage: number | undefined;
  /** Whether any `searchCriteria` parameter was sent (required on most search routes). */
  readonly present: boolean;
}

export interface InputLimits {
  /** Stores > Configuration > Services > Web API Input Limits > Enable Input Limits. */
  readonly enabled: boolean;
  readonly maxPageSize: number;
  readonly defaultPageSize: number;
  /** Entities per array in a synchronous request body. */
  readonly inputListLimit: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { enabled: true, maxPageSize: 300, defaultPageSize: 20, inputListLimit: 20 };

/**
 * What a page past the end answers. Magento before 2.4 clamped to the last page (magento/magento2#8099);
 * 2.4.x answers no items (magento/magento2#26986, "Fixed in 2.4.x"). Default: the 2.4 behaviour.
 */
export type OutOfRangePages = 'empty' | 'last';

export type FieldReader<T> = (record: T, field: string) => unknown;

export function parseSearchCriteria(query: URLSearchParams): SimCriteria {
  const groups = new Map<number, Map<number, Partial<Record<'field' | 'value' | 'condition_type', string>>>>();
  const sorts = new Map<number, { field?: string; direction?: string }>();
  let pageSize: number | undefined;
  let currentPage: number | undefined;
  let present = false;
  for (const [key, value] of query) {
    if (key !== 'searchCriteria' && !key.startsWith('searchCriteria[')) continue;
    present = true;
    const path = [...key.matchAll(/\[([^\]]*)\]/g)].map((m) => snake(m[1] ?? ''));
    if (path[0] === 'filter_groups' && path[2] === 'filters' && path.length === 5) {
      const group = groups.get(Number(path[1])) ?? new Map();
      groups.set(Number(path[1]), group);
      const filter = group.get(Number(path[3])) ?? {};
      group.set(Number(path[3]), filter);
      const part = path[4];
      if (part === 'field' || part === 'value' || part === 'condition_type') filter[part] = value;
    } else if (path[0] === 'sort_orders' && path.length === 3) {
      const order = sorts.get(Number(path[1])) ?? {};
      sorts.set(Number(path[1]), order);
      if (path[2] === 'field') order.field = value;
      if (path[2] === 'direction') order.direction = value;
    } else if (path[0] === 'page_size' && path.length === 1) {
      pageSize = integer(value);
    } else if (path[0] === 'current_page' && path.length === 1) {
      currentPage = integer(value);
    }
  }
  const filterGroups = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, filters]) =>
      [...filters.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, f]) => {
          if (f.field === undefined) return fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'field' });
          if (f.value === undefined) return fail(400, MagentoMessages.REQUIRED_FIELD, { fieldName: 'value' });
          return { field: f.field, value: f.value, conditionType: (f.condition_type ?? 'eq').toLowerCase() };
        }),
    );
  const sortOrders = [...sorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, o]) => ({ field: o.field ?? 'entity_id', direction: (o.direction ?? 'ASC').toUpperCase() === 'DESC' ? ('DESC' as const) : ('ASC' as const) }));
  return { filterGroups, sortOrders, pageSize, currentPage, present };
}

export interface SearchPage<T> {
  readonly items: T[];
  readonly totalCount: number;
  /** The `search_criteria` echo of the response. */
  readonly echo: Record<string, unknown>;
}

export function runSearch<T>(
  records: readonly T[],
  criteria: SimCriteria,
  read: FieldReader<T>,
  limits: InputLimits,
  outOfRange: OutOfRangePages,
): SearchPage<T> {
  let pageSize = criteria.pageSize;
  if (limits.enabled) {
    if (pageSize === undefined) pageSize = limits.defaultPageSize;
    else if (pageSize > limits.maxPageSize) fail(400, MagentoMessages.MAX_PAGE_SIZE, { max: limits.maxPageSize });
  }
  for (const group of criteria.filterGroups) for (const f of group) if (!CONDITIONS.has(f.conditionType)) fail(400, 'Invalid condition type: %1', [f.conditionType]);
  const matches = records.filter((record) => criteria.filterGroups.every((group) => group.length === 0 || group.some((f) => matchFilter(read(record, f.field), f))));
  const sorted = [...matches].sort((a, b) => {
    for (const order of criteria.sortOrders) {
      const result = compare(read(a, order.field), read(b, order.field));
      if (result !== 0) return order.direction === 'DESC' ? -result : result;
    }
    return compare(read(a, 'entity_id'), read(b, 'entity_id'));
  });
  let items = sorted;
  let currentPage = criteria.currentPage;
  if (pageSize !== undefined && pageSize > 0) {
    const lastPage = Math.max(1, Math.ceil(sorted.length / pageSize));
    let page = Math.max(1, currentPage ?? 1);
    if (page > lastPage && outOfRange === 'last') page = lastPage;
    items = sorted.slice((page - 1) * pageSize, page * pageSize);
    currentPage = currentPage === undefined ? undefined : page;
  }
  const echo: Record<string, unknown> = {
    filter_groups: criteria.filterGroups.map((group) => ({ filters: group.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })) })),
  };
  if (criteria.sortOrders.length > 0) echo.sort_orders = criteria.sortOrders;
  if (pageSize !== undefined) echo.page_size = pageSize;
  if (currentPage !== undefined) echo.current_page = currentPage;
  return { items, totalCount: sorted.length, echo };
}

const CONDITIONS = new Set(['eq', 'neq', 'in', 'nin', 'like', 'nlike', 'gt', 'gteq', 'lt', 'lteq', 'moreq', 'null', 'notnull']);

function matchFilter(actual: unknown, f: SimFilter): boolean {
  switch (f.conditionType) {
    case 'eq':
      return compare(actual, f.value) === 0;
    case 'neq':
      return actual !== undefined && actual !== null && compare(actual, f.value) !== 0;
    case 'in':
      return f.value.split(',').some((v) => compare(actual, v.trim()) === 0);
    case 'nin':
      return actual !== undefined && actual !== null && !f.value.split(',').some((v) => compare(actual, v.trim()) === 0);
    case 'like':
      return likePattern(f.value).test(String(actual ?? ''));
    case 'nlike':
      return !likePattern(f.value).test(String(actual ?? ''));
    case 'gt':
      return compare(actual, f.value) > 0;
    case 'gteq':
    case 'moreq':
      return compare(actual, f.value) >= 0;
    case 'lt':
      return compare(actual, f.value) < 0;
    case 'lteq':
      return compare(actual, f.value) <= 0;
    case 'null':
      return actual === undefined || actual === null;
    case 'notnull':
      return actual !== undefined && actual !== null;
    default:
      return false;
  }
}

/** Numbers compare numerically, text case-insensitively (MySQL's default collation), datetimes as text. */
function compare(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y ? 0 : x < y ? -1 : 1;
  }
  const x = normalizeText(String(a));
  const y = normalizeText(String(b));
  return x === y ? 0 : x < y ? -1 : 1;
}

function normalizeText(text: string): string {
  // MySQL casts ISO-8601 input for datetime columns; accept "2026-01-01T10:00:00Z" like "2026-01-01 10:00:00".
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?$/.exec(text);
  return (iso ? `${iso[1]} ${iso[2]}` : text).toLowerCase();
}

function likePattern(pattern: string): RegExp {
  const source = [...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'is');
}

function snake(segment: string): string {
  return segment.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}

function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) return fail(400, MagentoMessages.INVALID_TYPE, { value, type: 'int' });
  return Number(value);
}
