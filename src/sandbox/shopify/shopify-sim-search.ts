/**
 * A small interpreter of Shopify's search syntax (shopify.dev/docs/api/usage/search-syntax) for
 * the simulator: terms separated by whitespace, implicit AND, `OR` between groups, `field:value`
 * with the comparators `:<`, `:<=`, `:>`, `:>=`, quoted values ('…' or "…", `\` escapes),
 * a `-` or `NOT` prefix for negation, and bare words as free text. Parentheses are not modelled.
 */
export interface SearchTerm {
  readonly field: string | null;
  readonly comparator: '=' | '<' | '<=' | '>' | '>=';
  readonly value: string;
  readonly negated: boolean;
}

/** OR of AND-groups. */
export type SearchQuery = readonly (readonly SearchTerm[])[];

export function parseSearchQuery(text: string | null | undefined): SearchQuery {
  const groups: SearchTerm[][] = [[]];
  let negateNext = false;
  for (const token of tokenize(text ?? '')) {
    if (token === 'OR') {
      groups.push([]);
      continue;
    }
    if (token === 'AND') continue;
    if (token === 'NOT') {
      negateNext = true;
      continue;
    }
    const term = parseTerm(token, negateNext);
    negateNext = false;
    groups[groups.length - 1]?.push(term);
  }
  return groups.filter((group) => group.length > 0);
}

/** True when `matches` holds for every term of at least one group (an empty query matches all). */
export function matchesSearch(query: SearchQuery, matches: (term: SearchTerm) => boolean): boolean {
  if (query.length === 0) return true;
  return query.some((group) => group.every((term) => matches(term) !== term.negated));
}

export function compareValues(actual: number, comparator: SearchTerm['comparator'], expected: number): boolean {
  switch (comparator) {
    case '=':
      return actual === expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
  }
}

function parseTerm(token: string, negated: boolean): SearchTerm {
  let text = token;
  let negate = negated;
  if (text.startsWith('-') && text.length > 1) {
    negate = !negate;
    text = text.slice(1);
  }
  const match = /^([a-z_][a-z0-9_]*):(<=|>=|<|>)?(.*)$/i.exec(text);
  if (!match) return { field: null, comparator: '=', value: unquote(text), negated: negate };
  return {
    field: (match[1] ?? '').toLowerCase(),
    comparator: (match[2] as SearchTerm['comparator'] | undefined) ?? '=',
    value: unquote(match[3] ?? ''),
    negated: negate,
  };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote) {
      current += char;
      if (char === '\\' && i + 1 < text.length) current += text[++i] ?? '';
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (/\s/.test(char)) {
      if (current) tokens.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}
