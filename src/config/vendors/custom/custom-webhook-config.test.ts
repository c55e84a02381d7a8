import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config-error.ts';
import { validateConfig } from '../../load-config.ts';
import { demoCustomVendorConfig } from '../../../sandbox/custom/custom-sim-demo-config.ts';

const ENV = { DROPSHIP_API_KEY: 'k-123', DROPSHIP_WEBHOOK_SECRET: 'whsec-1' };

type Loose = Record<string, unknown>;

/** The issues the loader reports for the demo vendor (declaring its webhooks) after `edit`. */
function issuesAfter(edit: (doc: Loose & { mapping: Loose & { webhook: Loose & { signature?: Loose; fields: Loose } } }) => void): readonly string[] {
  const doc = structuredClone(demoCustomVendorConfig('http://127.0.0.1:5005', 'DROPSHIP_API_KEY', 'DROPSHIP_WEBHOOK_SECRET')) as unknown as Parameters<typeof edit>[0];
  edit(doc);
  try {
    validateConfig({ environment: 'development', vendors: [doc] }, ENV, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('custom vendor mapping.webhook', () => {
  it('accepts the demo vendor\'s webhook section and reads the secret from webhookSecret', () => {
    expect(issuesAfter(() => {})).toEqual([]);
    const config = validateConfig({ environment: 'development', vendors: [demoCustomVendorConfig('http://127.0.0.1:5005', 'DROPSHIP_API_KEY', 'DROPSHIP_WEBHOOK_SECRET')] }, ENV, 'test');
    const vendor = config.vendors[0];
    if (vendor?.platform !== 'custom') throw new Error('expected a custom vendor');
    expect(vendor.webhookSecret).toBe('whsec-1');
    expect(vendor.mapping.webhook?.signature).toEqual({ header: 'X-Dropship-Signature', scheme: 'hmac-sha256', encoding: 'hex', prefix: 'sha256=' });
  });

  it('needs webhookSecret when the mapping declares webhooks', () => {
    expect(issuesAfter((doc) => delete doc.webhookSecret)).toEqual([
      expect.stringMatching(/^vendors\[0\]\.webhookSecret: is required when mapping\.webhook is declared/),
    ]);
  });

  it('names the path of a wrong scheme, encoding or header name', () => {
    const issues = issuesAfter((doc) => {
      doc.mapping.webhook.signature!.scheme = 'hmac-sha1';
      doc.mapping.webhook.signature!.encoding = 'base32';
      doc.mapping.webhook.signature!.header = 'X Signature';
    });
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.signature\.scheme: .*hmac-sha256/),
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.signature\.encoding: .*hex or base64/),
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.signature\.header: must be an HTTP header name/),
    ]));
  });

  it('says what to put in a missing signature or item id, and rejects a bad dot path', () => {
    expect(issuesAfter((doc) => delete doc.mapping.webhook.signature)).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.signature: is required: \{ header, scheme: hmac-sha256/),
    ]);
    expect(issuesAfter((doc) => {
      delete doc.mapping.webhook.fields.itemId;
      delete doc.mapping.webhook.fields.sku;
    })).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.fields\.itemId: is required: the dot path of the item's native id.*or give sku/),
    ]);
    expect(issuesAfter((doc) => (doc.mapping.webhook.fields.available = 'stock..qty'))).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.fields\.available: "stock\.\.qty" is not a dot path/),
    ]);
  });

  it('names items by SKU only when lookup.bySkus and fields.sku can resolve them', () => {
    expect(issuesAfter((doc) => delete doc.mapping.webhook.fields.itemId)).toEqual([]);
    expect(issuesAfter((doc) => {
      delete doc.mapping.webhook.fields.itemId;
      delete (doc.mapping.lookup as Loose).bySkus;
    })).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.fields\.itemId: is required unless lookup\.bySkus and fields\.sku are given/),
    ]);
  });

  it('needs a location path unless the inventory has one fixed location, and topics need a topic header', () => {
    expect(issuesAfter((doc) => delete doc.mapping.webhook.fields.locationId)).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.fields\.locationId: is required: the dot path of the location id/),
    ]);
    expect(issuesAfter((doc) => delete doc.mapping.webhook.topicHeader)).toEqual([
      expect.stringMatching(/^vendors\[0\]\.mapping\.webhook\.topics: topics needs topicHeader/),
    ]);
  });
});
