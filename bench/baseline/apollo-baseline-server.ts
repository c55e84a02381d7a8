import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Agent, request } from 'undici';

/**
 * The hand-written baseline of the headline scenario (issue #18): what a user would write instead
 * of the gateway for one WooCommerce catalog page. Apollo Server 5 (graphql 16), its standalone
 * HTTP server, a hand-written schema over the raw WooCommerce fields, and ONE resolver that asks
 * the simulator for the page with undici and hands the JSON back as it came: no validation, no
 * mapping, no batching, no auth, flags or limits. The gateway must beat it while doing all that.
 */
export const BASELINE_TYPE_DEFS = `#graphql
  type WooProduct {
    id: ID!
    sku: String
    name: String
    type: String
    status: String
    price: String
    regular_price: String
    stock_quantity: Int
    stock_status: String
  }
  type Query {
    products(first: Int!): [WooProduct!]!
  }
`;

/** The one GraphQL document the bench sends to the baseline (the same fields the gateway's page carries). */
export const BASELINE_CATALOG_QUERY = `query BaselineCatalogPage($first: Int!) {
  products(first: $first) { id sku name type status price regular_price stock_quantity stock_status }
}`;

export interface BaselineUpstream {
  /** The WooCommerce simulator's base URL. */
  readonly baseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

export interface BaselineServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startApolloBaseline(upstream: BaselineUpstream): Promise<BaselineServer> {
  const authorization = `Basic ${Buffer.from(`${upstream.consumerKey}:${upstream.consumerSecret}`).toString('base64')}`;
  const base = upstream.baseUrl.replace(/\/+$/, '');
  // Keep-alive pool without a connection cap, as undici's default global dispatcher.
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const server = new ApolloServer({
    typeDefs: BASELINE_TYPE_DEFS,
    resolvers: {
      Query: {
        products: async (_parent: unknown, args: { first: number }) => {
          const url = `${base}/wp-json/wc/v3/products?per_page=${String(args.first)}&orderby=id&order=asc`;
          const response = await request(url, { headers: { authorization }, dispatcher });
          if (response.statusCode !== 200) {
            await response.body.dump();
            throw new Error(`WooCommerce answered ${String(response.statusCode)}`);
          }
          return response.body.json();
        },
      },
    },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url: url.replace(/\/+$/, ''),
    close: async () => {
      await server.stop();
      await dispatcher.close();
    },
  };
}
