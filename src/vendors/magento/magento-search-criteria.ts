/**
 * Magento's `searchCriteria` query syntax (developer.adobe.com/commerce/webapi/rest/use-rest/performing-searches):
 * `searchCriteria[filter_groups][i][filters][j][field|value|condition_type]`, groups are ANDed,
 * filters inside a group are ORed; `searchCriteria[sortOrders][k][field|direction]`,
 * `searchCriteria[pageSize]`, `searchCriteria[currentPage]` (1-based).
 * Pure: builds query parameters only.
 */
export const ConditionType = {
  EQ: 'eq',
  NEQ: 'neq',
  IN: 'in',
  NIN: 'nin',
  LIKE: 'like',
  GT: 'gt',
  GTEQ: 'gteq',
  LT: 'lt',
  LTEQ: 'lteq',
} as const;
export type ConditionType = (typeof ConditionType)[keyof typeof ConditionType];

export interface SearchFilter {
  readonly field: string;
  readonly value: string;
  readonly conditionType: ConditionType;
}

/** One OR-group of filters. */
export type FilterGroup = readonly SearchFilter[];

export interface SortOrder {
  readonly field: string;
  readonly direction: 'ASC' | 'DESC';
}

export interface SearchCriteria {
  /** ANDed groups; an empty group is dropped. */
  readonly filterGroups?: readonly FilterGroup[];
  readonly sortOrders?: readonly SortOrder[];
  readonly pageSize?: number;
  readonly currentPage?: number;
}

/**
 * The bracketed query parameters for a search. A search with nothing in it still sends
 * `searchCriteria=`: the parameter is required on /V1/products (Magento answers 400
 * `"%fieldName" is required` without it).
 */
export function searchCriteriaParams(criteria: SearchCriteria): URLSearchParams {
  const params = new URLSearchParams();
  const groups = (criteria.filterGroups ?? []).filter((group) => group.length > 0);
  groups.forEach((group, i) => {
    group.forEach((filter, j) => {
      const prefix = `searchCriteria[filter_groups][${i}][filters][${j}]`;
      params.append(`${prefix}[field]`, filter.field);
      params.append(`${prefix}[value]`, filter.value);
      params.append(`${prefix}[condition_type]`, filter.conditionType);
    });
  });
  (criteria.sortOrders ?? []).forEach((order, k) => {
    params.append(`searchCriteria[sortOrders][${k}][field]`, order.field);
    params.append(`searchCriteria[sortOrders][${k}][direction]`, order.direction);
  });
  if (criteria.pageSize !== undefined) params.append('searchCriteria[pageSize]', String(criteria.pageSize));
  if (criteria.currentPage !== undefined) params.append('searchCriteria[currentPage]', String(criteria.currentPage));
  if (params.size === 0) params.append('searchCriteria', '');
  return params;
}

export function filter(field: string, conditionType: ConditionType, value: string | number): SearchFilter {
  return { field, conditionType, value: String(value) };
}

/**
 * An OR-group matching any of `values` on `field`. Magento splits an `in` value on commas, so
 * values that contain a comma go in as separate `eq` filters of the same group.
 */
export function anyOf(field: string, values: readonly string[]): FilterGroup {
  const plain = values.filter((value) => !value.includes(','));
  const withComma = values.filter((value) => value.includes(','));
  const group: SearchFilter[] = [];
  if (plain.length > 0) group.push(filter(field, ConditionType.IN, plain.join(',')));
  for (const value of withComma) group.push(filter(field, ConditionType.EQ, value));
  return group;
}

export interface ChunkLimits {
  /** Most values per chunk (the page size the request will ask for). */
  readonly maxValues: number;
  /** Most URL-encoded characters of joined values per chunk (keeps the request line short). */
  readonly maxEncodedChars: number;
}

/**
 * Splits values for `in` lookups so that one request's page holds every match of its chunk
 * and its URL stays well under common proxy limits (8 KiB request lines).
 */
export function chunkValues(values: readonly string[], limits: ChunkLimits): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const value of values) {
    const cost = encodeURIComponent(value).length + 3; // `%2C` separator
    if (current.length > 0 && (current.length >= limits.maxValues || chars + cost > limits.maxEncodedChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(value);
    chars += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
