/** Minimal GraphQL-over-HTTP client for integration tests (real HTTP, no shortcuts). */
export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly contentType: string | null;
  readonly data?: T | null;
  readonly errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLResponse['errors'] };
  return { status: response.status, contentType: response.headers.get('content-type'), ...body };
}
