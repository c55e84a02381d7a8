import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { validateConfig } from './load-config.ts';

const base = { environment: 'development', vendors: [{ id: 'w', name: 'W', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck_x', consumerSecret: 'cs_x' }] };
const supplier = { id: 'acme-supply', name: 'ACME Supply', leadTimeDays: 6, skus: ['SG-1*'] };
const issuesOf = (document: Record<string, unknown>, env: Record<string, string> = {}) => {
  try {
    validateConfig({ ...base, ...document }, env, 'test');
    return '';
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.join('\n');
    throw error;
  }
};

describe('suppliers and purchasing configuration', () => {
  it('defaults to no suppliers and no webhook', () => {
    const config = validateConfig(base, {}, 'test');
    expect([config.suppliers, config.purchasing.webhookUrl, config.purchasing.minLeadTimeSamples]).toEqual([[], undefined, 5]);
    expect(validateConfig({ ...base, suppliers: [supplier] }, {}, 'test').suppliers[0]).toEqual({ ...supplier, leadTimeStdDays: 0 });
  });

  it('names the bad supplier field and what it must be', () => {
    expect(issuesOf({ suppliers: [{ ...supplier, skus: [] }] })).toMatch(/suppliers\[0\]\.skus: .*at least one SKU pattern/);
    expect(issuesOf({ suppliers: [{ ...supplier, skus: ['SG-[1'] }] })).toMatch(/suppliers\[0\]\.skus\[0\]: "SG-\[1" is not a valid glob pattern/);
    expect(issuesOf({ suppliers: [{ ...supplier, id: 'Bad Id' }] })).toMatch(/suppliers\[0\]\.id: use lowercase letters/);
    expect(issuesOf({ suppliers: [supplier, { ...supplier, skus: ['*'] }] })).toMatch(/suppliers\[1\]\.id: "acme-supply" is used by another supplier/);
    expect(issuesOf({ suppliers: [{ ...supplier, leadTimeDays: 0 }] })).toMatch(/suppliers\[0\]\.leadTimeDays/);
  });

  it('needs a signing secret with a webhook, from the environment and over https in production', () => {
    expect(issuesOf({ purchasing: { webhookUrl: 'https://erp.example/po' } })).toMatch(/purchasing\.webhookSecret: webhookUrl needs webhookSecret/);
    const production = { environment: 'production', vendors: [{ ...base.vendors[0], baseUrl: 'https://w.example', consumerKey: '${K}', consumerSecret: '${S}' }] };
    const env = { K: 'k', S: 's', ERP_SECRET: 'x' };
    expect(issuesOf({ ...production, purchasing: { webhookUrl: 'https://erp.example/po', webhookSecret: 'inline' } }, env)).toMatch(/purchasing\.webhookSecret: secrets must be given as \$\{ENV_VAR\}/);
    expect(issuesOf({ ...production, purchasing: { webhookUrl: 'http://erp.example/po', webhookSecret: '${ERP_SECRET}' } }, env)).toMatch(/purchasing\.webhookUrl: must use https in production/);
    expect(issuesOf({ ...production, purchasing: { webhookUrl: 'https://erp.example/po', webhookSecret: '${ERP_SECRET}' } }, env)).toBe('');
  });
});
