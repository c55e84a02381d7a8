import { describe, expect, it } from 'vitest';
import { anyOf, chunkValues, ConditionType, filter, searchCriteriaParams } from './magento-search-criteria.ts';

describe('searchCriteriaParams', () => {
  it('writes ANDed groups of ORed filters, sort orders and paging in bracket syntax', () => {
    const params = searchCriteriaParams({
      filterGroups: [
        [filter('type_id', ConditionType.IN, 'simple,virtual')],
        [filter('name', ConditionType.LIKE, '%tee%'), filter('sku', ConditionType.LIKE, '%tee%')],
      ],
      sortOrders: [{ field: 'entity_id', direction: 'ASC' }],
      pageSize: 300,
      currentPage: 2,
    });
    expect([...params.entries()]).toEqual([
      ['searchCriteria[filter_groups][0][filters][0][field]', 'type_id'],
      ['searchCriteria[filter_groups][0][filters][0][value]', 'simple,virtual'],
      ['searchCriteria[filter_groups][0][filters][0][condition_type]', 'in'],
      ['searchCriteria[filter_groups][1][filters][0][field]', 'name'],
      ['searchCriteria[filter_groups][1][filters][0][value]', '%tee%'],
      ['searchCriteria[filter_groups][1][filters][0][condition_type]', 'like'],
      ['searchCriteria[filter_groups][1][filters][1][field]', 'sku'],
      ['searchCriteria[filter_groups][1][filters][1][value]', '%tee%'],
      ['searchCriteria[filter_groups][1][filters][1][condition_type]', 'like'],
      ['searchCriteria[sortOrders][0][field]', 'entity_id'],
      ['searchCriteria[sortOrders][0][direction]', 'ASC'],
      ['searchCriteria[pageSize]', '300'],
      ['searchCriteria[currentPage]', '2'],
    ]);
  });

  it('renumbers groups around empty ones so indexes stay dense', () => {
    const params = searchCriteriaParams({ filterGroups: [[], [filter('sku', ConditionType.EQ, 'A')]] });
    expect(params.get('searchCriteria[filter_groups][0][filters][0][field]')).toBe('sku');
    expect(params.has('searchCriteria[filter_groups][1][filters][0][field]')).toBe(false);
  });

  it('still sends the required searchCriteria parameter when the search is empty', () => {
    expect(searchCriteriaParams({}).toString()).toBe('searchCriteria=');
  });

  it('percent-encodes brackets and values in the query string', () => {
    const text = searchCriteriaParams({ filterGroups: [[filter('sku', ConditionType.EQ, 'A&B 1')]] }).toString();
    expect(text).toContain('searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=A%26B+1');
  });
});

describe('anyOf', () => {
  it('uses one `in` filter, and separate `eq` filters in the same OR-group for values with commas', () => {
    expect(anyOf('sku', ['A', 'B,2', 'C'])).toEqual([
      { field: 'sku', conditionType: 'in', value: 'A,C' },
      { field: 'sku', conditionType: 'eq', value: 'B,2' },
    ]);
  });
});

describe('chunkValues', () => {
  it('cuts at the value limit', () => {
    const values = Array.from({ length: 7 }, (_, i) => `S${i}`);
    expect(chunkValues(values, { maxValues: 3, maxEncodedChars: 10_000 }).map((c) => c.length)).toEqual([3, 3, 1]);
  });

  it('cuts at the encoded length limit, counting percent-encoding and separators', () => {
    const chunks = chunkValues(['ä'.repeat(4), 'b', 'c'], { maxValues: 100, maxEncodedChars: 30 });
    // "ä" encodes to 6 characters: 24 + 3 = 27, then "b" costs 4 → over 30.
    expect(chunks).toEqual([['ää'.repeat(2)], ['b', 'c']]);
  });

  it('never returns an empty chunk, even for one value longer than the limit', () => {
    expect(chunkValues(['x'.repeat(50)], { maxValues: 10, maxEncodedChars: 10 })).toEqual([['x'.repeat(50)]]);
  });
});
