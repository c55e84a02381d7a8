import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * stockgraph beside a partner's subgraph that extends our entities: composed with
 * @apollo/composition, then queried end to end through @apollo/gateway on ephemeral ports.
 */
const REVIEWS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type StandardizedProduct @key(fields: "vendorId sku") {
    vendorId: ID!
    sku: String
    reviews: [Review!]!
  }

  type Vendor @key(fields: "id") {
    id: ID!
    rating: Float!
  }

  type Location @key(fields: "id") {
    id: ID!
    openingHours: String!
  }

  type Review {
    stars: Int!
    product: StandardizedProduct!
  }

  type Query {
    topReviews: [Review!]!
    pickupPoints: [Location!]!
  }
`;

let demo: DemoGateway;
let reviews: ApolloServer;
let gateway: ApolloServer;
let gatewayUrl: string;
let reviewed: Array<{ vendorId: string; sku: string }>;
let pickupPoints: string[];

async function stockgraphSdl(): Promise<string> {
  const response = await postGraphQL<{ _service: { sdl: string } }>(demo.url, '{ _service { sdl } }');
  return response.data!._service.sdl;
}

beforeAll(async () => {
  demo = await startDemoGateway();
  const listing = await postGraphQL<{ products: { nodes: Array<{ vendorId: string; sku: string }> } }>(demo.url, '{ products(first: 3, vendorId: "demo-woo") { nodes { vendorId sku } } }');
  reviewed = listing.data!.products.nodes;
  const locations = await postGraphQL<{ vendor: { locations: Array<{ id: string }> } }>(demo.url, '{ vendor(id: "dropship") { locations { id } } }');
  pickupPoints = locations.data!.vendor.locations.map((location) => location.id);
  reviews = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(REVIEWS_SDL),
      resolvers: {
        Location: { openingHours: () => '9-17' },
        Query: { pickupPoints: () => pickupPoints.map((id) => ({ __typename: 'Location', id })), topReviews: () => reviewed.map((product, index) => ({ stars: 5 - index, product: { __typename: 'StandardizedProduct', ...product } })) },
        StandardizedProduct: { reviews: (product: { sku: string }) => [{ stars: 4, product }] },
        Vendor: { rating: () => 4.5 },
      },
    }),
  });
  const reviewsUrl = (await startStandaloneServer(reviews, { listen: { port: 0, host: '127.0.0.1' } })).url;
  const composed = composeServices([
    { name: 'stockgraph', typeDefs: parse(await stockgraphSdl()), url: `${demo.url}/graphql` },
    { name: 'reviews', typeDefs: parse(REVIEWS_SDL), url: reviewsUrl },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
  gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } })).url.replace(/\/$/, '');
});

afterAll(async () => {
  await gateway?.stop();
  await reviews?.stop();
  await demo?.close();
});

describe('stockgraph in a supergraph', () => {
  it('composes with a subgraph that extends StandardizedProduct and Vendor', async () => {
    const composed = composeServices([
      { name: 'stockgraph', typeDefs: parse(await stockgraphSdl()) },
      { name: 'reviews', typeDefs: parse(REVIEWS_SDL) },
    ]);
    expect(composed.errors).toBeUndefined();
    const supergraph = composed.supergraphSdl!;
    expect(supergraph).toContain('@join__type(graph: STOCKGRAPH, key: "id")');
    expect(supergraph).toContain('@join__type(graph: STOCKGRAPH, key: "vendorId sku")');
    expect(supergraph).toContain('@join__type(graph: REVIEWS, key: "vendorId sku")');
    expect(supergraph).toMatch(/type Location\s+@join__type\(graph: REVIEWS, key: "id"\)\s+@join__type\(graph: STOCKGRAPH, key: "id"\)/);
  });

  it('answers a query that crosses both subgraphs through @apollo/gateway', async () => {
    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ topReviews { stars product { sku name totalAvailable vendor { id platform rating } reviews { stars } } } }' }),
    });
    const body = (await response.json()) as { data?: { topReviews: Array<{ stars: number; product: Record<string, unknown> }> }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data!.topReviews).toHaveLength(reviewed.length);
    body.data!.topReviews.forEach((review, index) => {
      expect(review.product).toMatchObject({ sku: reviewed[index]!.sku, name: expect.any(String) });
      expect(review.product).toHaveProperty('totalAvailable');
      expect(review.product.vendor).toEqual({ id: 'demo-woo', platform: 'WOOCOMMERCE', rating: 4.5 });
      expect(review.product.reviews).toEqual([{ stars: 4 }]);
    });
    // The three references reached the vendor as one batch: what one productsBySku of the three costs.
    const throughGateway = demo.counts()['demo-woo'];
    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    await postGraphQL(demo.url, 'query ($skus: [String!]!) { productsBySku(skus: $skus) { sku name totalAvailable } }', { skus: reviewed.map((product) => product.sku) });
    expect(throughGateway).toBe(demo.counts()['demo-woo']);
  });

  it('resolves Location references from the other subgraph through @apollo/gateway, one locations read', async () => {
    await demo.gateway.services.cache.deleteByPrefix('');
    demo.resetCounts();
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ pickupPoints { id name nativeId active openingHours } }' }),
    });
    const body = (await response.json()) as { data?: { pickupPoints: Array<Record<string, unknown>> }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data!.pickupPoints.map((location) => [location.nativeId, location.name, location.openingHours])).toEqual([
      ['rtm', 'Rotterdam', '9-17'],
      ['lyn', 'Lyon', '9-17'],
      ['lod', 'Łódź Hub', '9-17'],
    ]);
    expect(demo.sandbox.servers.dropship!.requestLog.map((entry) => entry.operation)).toEqual(['GET /warehouses']);
  });
});
