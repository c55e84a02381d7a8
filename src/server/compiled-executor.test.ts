import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledExecutor, type CompiledExecutor } from './compiled-executor.ts';

const schema = makeExecutableSchema({
  typeDefs: `type Query { greeting(name: String!): String!  count: Int  widgets: [Widget!]  widget: Widget }
type Widget { name: String!  broken: Int!  flaky: Int }
type Mutation { bump(by: Int!): Int!  fail: Int! }`,
  resolvers: {
    Query: {
      greeting: (_: unknown, args: { name: string }) => `hello ${args.name}`,
      count: () => counter,
      widgets: () => [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      widget: () => ({ name: 'd' }),
    },
    Widget: {
      broken: async (widget: { name: string }) => {
        throw new Error(`${widget.name} is broken`);
      },
      flaky: async (widget: { name: string }) => {
        throw new Error(`${widget.name} is flaky`);
      },
    },
    Mutation: {
      bump: (_: unknown, args: { by: number }) => {
        counter += args.by;
        return counter;
      },
      fail: () => {
        throw new Error('refused');
      },
    },
  },
});
let counter = 0;

let server: ApolloServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(): Promise<{ executor: CompiledExecutor; run: (query: string, variables?: Record<string, unknown>, operationName?: string) => Promise<unknown> }> {
  const executor = compiledExecutor(schema);
  server = new ApolloServer({ gateway: executor.gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  const apollo = server;
  return {
    executor,
    async run(query, variables = {}, operationName) {
      const response = await apollo.executeOperation({ query, variables, operationName });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    },
  };
}

describe('compiledExecutor', () => {
  it('compiles a document on its second request, once, and runs the compiled form for every later request of it', async () => {
    const { executor, run } = await start();
    const query = 'query Greet($name: String!) { greeting(name: $name) }';
    expect(await run(query, { name: 'a' })).toEqual({ data: { greeting: 'hello a' } });
    expect(executor.compilations()).toBe(0);
    expect(await run(query, { name: 'b' })).toEqual({ data: { greeting: 'hello b' } });
    expect(executor.compilations()).toBe(1);
    expect(await run(query, { name: 'c' })).toEqual({ data: { greeting: 'hello c' } });
    expect(await run(query, { name: 'd' })).toEqual({ data: { greeting: 'hello d' } });
    expect(executor.compilations()).toBe(1);
    counter = 0;
    expect(await run('{ count }')).toEqual({ data: { count: 0 } });
    expect(await run('{ count }')).toEqual({ data: { count: 0 } });
    expect(executor.compilations()).toBe(2);
  });

  it('never compiles a document sent only once (ever-new documents cost no compilation)', async () => {
    const { executor, run } = await start();
    for (const name of ['a', 'b', 'c']) expect(await run(`{ greeting(name: "${name}") }`)).toEqual({ data: { greeting: `hello ${name}` } });
    expect(executor.compilations()).toBe(0);
  });

  it('compiles each operation of a document on its own', async () => {
    const { executor, run } = await start();
    const document = 'query Read { count } mutation Bump($by: Int!) { bump(by: $by) }';
    counter = 0;
    for (let round = 1; round <= 2; round += 1) {
      expect(await run(document, { by: 2 }, 'Bump')).toEqual({ data: { bump: 4 * round - 2 } });
      expect(await run(document, {}, 'Read')).toEqual({ data: { count: 4 * round - 2 } });
      expect(await run(document, { by: 2 }, 'Bump')).toEqual({ data: { bump: 4 * round } });
    }
    expect(executor.compilations()).toBe(2);
  });

  it('answers variables that do not coerce as graphql-js does, before any resolver runs', async () => {
    const { executor, run } = await start();
    counter = 0;
    const bump = 'mutation Bump($by: Int!) { bump(by: $by) }';
    expect(await run(bump, { by: 'x' })).toEqual(await run(bump, { by: 'x' }));
    expect(executor.compilations()).toBe(1);
    const refused = (await run(bump, { by: 'x' })) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([
      expect.objectContaining({ message: 'Variable "$by" got invalid value "x"; Int cannot represent non-integer value: "x"', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    expect(counter).toBe(0);
  });

  it('reports one error per position nulled by propagation, and every error at a nullable field, as graphql-js does', async () => {
    const { run } = await start();
    const query = 'fragment W on Widget { broken } { widgets { name ...W } widget { w: flaky } }';
    await run(query);
    const result = (await run(query)) as { data: unknown; errors: Array<{ message: string; path: unknown[] }> };
    expect(result.data).toEqual({ widgets: null, widget: { w: null } });
    expect(result.errors.map((error) => error.path)).toEqual(expect.arrayContaining([['widget', 'w'], ['widgets', 0, 'broken']]));
    expect(JSON.stringify(result)).toBe(JSON.stringify(await graphqlJs(query)));
  });

  it('stops a mutation at the first root field that fails non-null: the fields after it never run', async () => {
    const { run } = await start();
    counter = 0;
    for (let round = 0; round < 3; round += 1) {
      const result = (await run('mutation { fail bump(by: 1) }')) as { data: unknown; errors: Array<{ message: string }> };
      expect(result.data).toBeNull();
      expect(result.errors.map((error) => error.message)).toEqual(['refused']);
    }
    expect(counter).toBe(0);
  });
});

/** graphql-js's answer, as Apollo would put it: errors serialised, then data. */
async function graphqlJs(query: string): Promise<unknown> {
  const result = await execute({ schema, document: parse(query) });
  return { errors: result.errors?.map((error) => ({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } })), data: result.data };
}
