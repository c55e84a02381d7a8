import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client.ts';

export const ORDER_FIELDS = `id status vendorIds supplier { id name } lines { sku quantity received unitCost { amount currencyCode } }
  createdAt submittedAt expectedAt receivedAt deliveries { attempt status httpStatus error } csv`;

export interface OrderView {
  id: string;
  status: string;
  vendorIds: string[];
  supplier: { id: string; name: string };
  lines: Array<{ sku: string; quantity: number; received: number; unitCost: { amount: string; currencyCode: string } | null }>;
  submittedAt: string | null;
  expectedAt: string | null;
  receivedAt: string | null;
  deliveries: Array<{ attempt: number; status: string; httpStatus: number | null; error: string | null }>;
  csv: string;
}

export interface DraftsView {
  purchaseOrders: OrderView[];
  unassigned: Array<{ sku: string; quantity: number; vendorIds: string[] }>;
  notNeeded: string[];
  replayed: boolean;
}

export interface ReceiveView {
  purchaseOrder: OrderView;
  results: Array<{ productId: string; locationId: string; status: string; before: number | null; after: number | null }>;
  userErrors: Array<{ field: string[]; code: string; message: string }>;
}

type Headers = Record<string, string>;

export const createDrafts = (url: string, input: Record<string, unknown>, headers: Headers = {}): Promise<GraphQLResponse<{ createPurchaseOrderDrafts: DraftsView }>> =>
  postGraphQL(url, `mutation($input: CreatePurchaseOrderDraftsInput!) { createPurchaseOrderDrafts(input: $input) { purchaseOrders { ${ORDER_FIELDS} } unassigned { sku quantity vendorIds } notNeeded replayed } }`, { input }, headers);

export const submitOrder = (url: string, id: string, headers: Headers = {}): Promise<GraphQLResponse<{ submitPurchaseOrder: OrderView }>> =>
  postGraphQL(url, `mutation($id: ID!) { submitPurchaseOrder(id: $id) { ${ORDER_FIELDS} } }`, { id }, headers);

export const cancelOrder = (url: string, id: string, headers: Headers = {}): Promise<GraphQLResponse<{ cancelPurchaseOrder: OrderView }>> =>
  postGraphQL(url, `mutation($id: ID!) { cancelPurchaseOrder(id: $id) { ${ORDER_FIELDS} } }`, { id }, headers);

export const receiveOrder = (url: string, input: Record<string, unknown>, headers: Headers = {}): Promise<GraphQLResponse<{ receivePurchaseOrder: ReceiveView }>> =>
  postGraphQL(url, `mutation($input: ReceivePurchaseOrderInput!) { receivePurchaseOrder(input: $input) { purchaseOrder { ${ORDER_FIELDS} } results { productId locationId status before after } userErrors { field code message } } }`, { input }, headers);

export const readOrder = async (url: string, id: string): Promise<OrderView | null> =>
  (await postGraphQL<{ purchaseOrder: OrderView | null }>(url, `query($id: ID!) { purchaseOrder(id: $id) { ${ORDER_FIELDS} } }`, { id })).data?.purchaseOrder ?? null;

export const errorCode = (response: GraphQLResponse): unknown => response.errors?.[0]?.extensions?.code;
