export interface GraphQLAnswer<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ readonly message: string; readonly extensions?: Record<string, unknown> }>;
}

/** One GraphQL-over-HTTP POST (the bench's own calls: discovery and checks, not the load). */
export async function postGraphQL<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLAnswer<T>['errors'] };
  return { status: response.status, ...body };
}

/** The data of an answer that must not carry errors (the bench's set-up queries). */
export async function queryData<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await postGraphQL<T>(url, query, variables);
  if (answer.errors?.length || !answer.data) {
    throw new Error(`bench query failed (${String(answer.status)}): ${answer.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
  }
  return answer.data;
}
