import type { Caller } from '../../../src/model/caller.ts';
import { CallerRole } from '../../../src/model/caller.ts';
import type { Authenticator } from '../../../src/auth/authenticator.ts';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client.ts';

const RESULT_FIELDS = `
  results { productId locationId status before after level { id productId locationId available } error { code message } }
  userErrors { field code message }`;

export const SET = `mutation Set($input: SetInventoryQuantitiesInput!) { setInventoryQuantities(input: $input) { ${RESULT_FIELDS} } }`;
export const ADJUST = `mutation Adjust($input: AdjustInventoryQuantitiesInput!) { adjustInventoryQuantities(input: $input) { ${RESULT_FIELDS} } }`;
export const AUDIT = `query Audit($filter: InventoryChangeFilter, $first: Int, $after: String) {
  inventoryChanges(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id at callerId requestId vendorId productId locationId mutation before after delta reason idempotencyKey } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
export const SYNC = `mutation Sync($vendorId: ID, $full: Boolean) {
  syncInventory(vendorId: $vendorId, full: $full) { vendorId mode productsSeen levelsSeen changed durationMs errors { code message } cursor }
}`;

export interface ChangeResult {
  productId: string;
  locationId: string;
  status: 'APPLIED' | 'CONFLICT' | 'FAILED';
  before: number | null;
  after: number | null;
  level: { id: string; productId: string; locationId: string; available: number } | null;
  error: { code: string; message: string } | null;
}
export interface ChangesPayload {
  results: ChangeResult[];
  userErrors: Array<{ field: string[]; code: string; message: string }>;
}
export interface AuditNode {
  id: string;
  at: string;
  callerId: string;
  requestId: string;
  vendorId: string;
  productId: string;
  locationId: string;
  mutation: 'SET' | 'ADJUST';
  before: number | null;
  after: number | null;
  delta: number | null;
  reason: string;
  idempotencyKey: string;
}
export interface AuditData {
  inventoryChanges: {
    edges: Array<{ cursor: string; node: AuditNode }>;
    nodes: Array<{ id: string }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

export interface ChangeSpec {
  productId?: string;
  locationId?: string;
  vendorId?: string;
  nativeProductId?: string;
  sku?: string;
  nativeLocationId?: string;
  quantity?: number;
  delta?: number;
  compareQuantity?: number | null;
}

export async function setQuantities(url: string, input: { idempotencyKey: string; reason: string; changes: ChangeSpec[] }, headers: Record<string, string> = {}) {
  const response: GraphQLResponse<{ setInventoryQuantities: ChangesPayload }> = await postGraphQL(url, SET, { input }, headers);
  return { response, payload: response.data?.setInventoryQuantities ?? null };
}

export async function adjustQuantities(url: string, input: { idempotencyKey: string; reason: string; changes: ChangeSpec[] }, headers: Record<string, string> = {}) {
  const response: GraphQLResponse<{ adjustInventoryQuantities: ChangesPayload }> = await postGraphQL(url, ADJUST, { input }, headers);
  return { response, payload: response.data?.adjustInventoryQuantities ?? null };
}

export async function readAudit(url: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<AuditNode[]> {
  const nodes: AuditNode[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<AuditData> = await postGraphQL<AuditData>(url, AUDIT, { first: 250, ...variables, after }, headers);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    const page: AuditData['inventoryChanges'] = response.data!.inventoryChanges;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/** Callers picked by the `x-test-caller` header (the real authenticator is another issue's work). */
export function testAuthenticator(callers: Record<string, { vendors?: string[] }>): Authenticator {
  const known = new Map<string, Caller>(
    Object.entries(callers).map(([id, spec]) => [
      id,
      { id, kind: 'api-key', roles: new Set([CallerRole.VIEWER, CallerRole.INVENTORY_WRITE, CallerRole.ADMIN]), vendorScope: spec.vendors ? new Set(spec.vendors) : null },
    ]),
  );
  return {
    async authenticate(headers) {
      const id = headers['x-test-caller'];
      const caller = typeof id === 'string' ? known.get(id) : undefined;
      if (!caller) throw new Error(`test caller ${String(id)} is not configured`);
      return caller;
    },
  };
}
