/**
 * What makes the graph an Apollo Federation 2 subgraph, kept apart from schema/ (which codegen
 * reads): the link to the federation spec and the entity keys. A supergraph fetches a
 * StandardizedProduct by its `id` or by `vendorId` and `sku`, a Vendor and a Location by `id`.
 */
export const FEDERATION_VERSION_URL = 'https://specs.apollo.dev/federation/v2.7';

export const SUBGRAPH_TYPE_DEFS = /* GraphQL */ `
  extend schema @link(url: "${FEDERATION_VERSION_URL}", import: ["@key"])

  extend type StandardizedProduct @key(fields: "id") @key(fields: "vendorId sku")
  extend type Vendor @key(fields: "id")
  extend type Location @key(fields: "id")
`;
