import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config-error.ts';
import { loadConfigFile, validateConfig } from '../../load-config.ts';
import { demoCustomVendorConfig } from '../../../sandbox/custom/custom-sim-demo-config.ts';

const EXAMPLE = fileURLToPath(new URL('../../../../test/fixtures/custom/dropship.config.yaml', import.meta.url));
const ENV = { DROPSHIP_API_KEY: 'k-123', DROPSHIP_WEBHOOK_SECRET: 'whsec-123' };

type Doc = ReturnType<typeof demoCustomVendorConfig>;
type Loose = Record<string, unknown>;

/** The issues the loader reports for the demo vendor document after `edit`. */
function issuesAfter(edit: (doc: Doc & Loose) => void, environment = 'development'): readonly string[] {
  const doc = structuredClone(demoCustomVendorConfig('http://127.0.0.1:5005', 'DROPSHIP_API_KEY')) as Doc & Loose;
  edit(doc);
  try {
    validateConfig({ environment, vendors: [doc] }, ENV, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

const mapping = (doc: Doc) => doc.mapping as unknown as Record<string, Loose>;

describe('custom vendor config', () => {
  it('accepts the README example file, interpolating the key', () => {
    const config = loadConfigFile(EXAMPLE, ENV);
    const vendor = config.vendors[0];
    expect(vendor?.platform).toBe('custom');
    if (vendor?.platform !== 'custom') return;
    expect(vendor.auth).toEqual({ type: 'header', name: 'X-Api-Key', value: 'k-123' });
    expect(vendor.mapping.list.pagination).toEqual({ style: 'cursor', cursorParam: 'cursor', nextCursorPath: 'data.next_cursor' });
    expect(vendor.mapping.fields.amountFormat).toBe('decimal');
    expect(vendor.mapping.webhook?.signature).toEqual({ header: 'X-Dropship-Signature', scheme: 'hmac-sha256', encoding: 'hex', prefix: 'sha256=' });
    expect(vendor.webhookSecret).toBe('whsec-123');
  });

  it('accepts the demo mapping as is', () => {
    expect(issuesAfter(() => {})).toEqual([]);
  });

  it('checks the optional locations endpoint, naming the missing field and its fix', () => {
    expect(issuesAfter((doc) => (mapping(doc).locations = { path: '/warehouses', itemsPath: 'data', fields: { name: 'name' } }))).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.locations\.fields\.id: is required: the dot path of a location's id/),
    ]);
    expect(issuesAfter((doc) => (mapping(doc).locations = { path: 'warehouses', itemsPath: 'data', fields: { id: 'code', name: 'name' } }))).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.locations\.path: must be a path starting with "\/"/),
    ]);
  });

  it('names an unknown pagination style and the styles there are', () => {
    expect(issuesAfter((doc) => (mapping(doc).list!.pagination = { style: 'pages' }))).toEqual([
      'vendors[0].mapping.list.pagination.style: unknown pagination style "pages"; use one of page, offset, cursor, link',
    ]);
  });

  it('names a field path that is not a dot path', () => {
    expect(issuesAfter((doc) => (mapping(doc).fields!.price = 'pricing..amount'))).toEqual([
      'vendors[0].mapping.fields.price: "pricing..amount" is not a dot path; write field names separated by dots with optional [index], e.g. "pricing.amount" or "stock[0].qty" ("$" for the whole document)',
    ]);
    expect(issuesAfter((doc) => (mapping(doc).fields!.inventory = { ...(mapping(doc).fields!.inventory as Loose), available: 'qty[*]' }))).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.fields\.inventory\.available: "qty\[\*\]" is not a dot path/),
    ]);
  });

  it('says what a missing items path should be', () => {
    expect(issuesAfter((doc) => delete mapping(doc).list!.itemsPath)).toEqual([
      'vendors[0].mapping.list.itemsPath: is required: the dot path of the item array in the list body, e.g. "data.items" ("$" when the body is the array)',
    ]);
  });

  it('names a write template placeholder that does not exist', () => {
    expect(issuesAfter((doc) => (mapping(doc).write!.body = { quantity: '{quantity}', note: 'by {user}' }))).toEqual([
      'vendors[0].mapping.write.body.note: unknown placeholder {user}; use one of {id}, {sku}, {locationId}, {quantity}, {delta}, {reason}, {idempotencyKey}',
    ]);
    expect(issuesAfter((doc) => (mapping(doc).write!.path = '/products/{productId}/stock/{locationId}'))).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.write\.path: unknown placeholder \{productId\}; use one of/),
    ]);
  });

  it('requires an absolute write to send {quantity} and a delta write to send {delta}', () => {
    expect(issuesAfter((doc) => (mapping(doc).write!.body = { qty: 5 }))).toEqual([
      'vendors[0].mapping.write.body: an absolute write must send {quantity}; put it in the body, e.g. { quantity: "{quantity}" }',
    ]);
    expect(issuesAfter((doc) => (mapping(doc).write!.body = { change: '{delta}' }))).toEqual([
      'vendors[0].mapping.write.body: an absolute write must send {quantity}; put it in the body, e.g. { quantity: "{quantity}" }',
      'vendors[0].mapping.write.mode: the template uses {delta}; set mode: delta or send {quantity} instead',
    ]);
  });

  it('refuses a write when the mapping cannot read stock', () => {
    expect(issuesAfter((doc) => delete mapping(doc).fields!.inventory)).toEqual([
      'vendors[0].mapping.write: a write needs fields.inventory, so the level can be read before and after the change; add it or remove write',
    ]);
  });

  it('names an unknown auth type, and an inline secret in production', () => {
    expect(issuesAfter((doc) => ((doc as Loose).auth = { type: 'apikey', key: 'x' }))).toEqual([
      'vendors[0].auth.type: unknown auth type "apikey"; use one of none, bearer, header, basic, query',
    ]);
    expect(issuesAfter((doc) => ((doc as Loose).auth = { type: 'bearer', token: 'inline-secret' }), 'production')).toEqual([
      'vendors[0].auth.token: secrets must be given as ${ENV_VAR} references in production, not inline',
    ]);
  });

  it('names a status map value that is not a standard status', () => {
    expect(issuesAfter((doc) => (mapping(doc).fields!.status = { path: 'status', map: { live: 'ONLINE' } }))).toEqual([
      'vendors[0].mapping.fields.status.map.live: must be ACTIVE, DRAFT or ARCHIVED',
    ]);
  });

  it('requires the {id} placeholder in a single-item lookup path', () => {
    expect(issuesAfter((doc) => (mapping(doc).lookup!.byIds = { mode: 'single', path: '/products/item' }))).toEqual([
      'vendors[0].mapping.lookup.byIds.path: must contain the placeholder {id}, e.g. "/products/{id}"',
    ]);
  });

  it('says what a cursor style needs', () => {
    expect(issuesAfter((doc) => (mapping(doc).list!.pagination = { style: 'cursor', cursorParam: 'after' }))).toEqual([
      'vendors[0].mapping.list.pagination.nextCursorPath: is required: the dot path of the next cursor in the list body, e.g. "data.next_cursor"',
    ]);
  });

  it('asks for exactly one source of the total', () => {
    expect(issuesAfter((doc) => (mapping(doc).list!.total = { path: 'data.total', header: 'X-Total-Count' }))).toEqual([
      'vendors[0].mapping.list.total: give either path (a field of the list body, e.g. "meta.total") or header (e.g. "X-Total-Count"), exactly one',
    ]);
  });

  it('refuses a path with a query string and a misspelt field', () => {
    expect(issuesAfter((doc) => (mapping(doc).list!.path = '/products?expand=stock'))).toEqual([
      'vendors[0].mapping.list.path: must be a path starting with "/" and without a query string, e.g. "/products" (fixed parameters go in `query`)',
    ]);
    expect(issuesAfter((doc) => (mapping(doc).fields!.prize = 'price'))).toEqual([
      'vendors[0].mapping.fields: unknown field(s) "prize"; remove them or check the spelling',
    ]);
  });

  it('says what a currency must look like', () => {
    expect(issuesAfter((doc) => (mapping(doc).fields!.currency = 'EUR'))).toEqual([
      'vendors[0].mapping.fields.currency: give { path: "pricing.currency" } or { fixed: "EUR" }',
    ]);
  });
});
