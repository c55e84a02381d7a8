import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGatewayCli } from '../../support/run-cli.ts';

function configFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stockgraph-config-'));
  const path = join(dir, 'stockgraph.config.yaml');
  writeFileSync(path, yaml);
  return path;
}

describe('start-up with a bad configuration', () => {
  it('a missing token names the field and exits non-zero before listening', async () => {
    const path = configFile(`
vendors:
  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com }
`);
    const result = await runGatewayCli(['--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('vendors[0].accessToken: is required');
    expect(result.stdout).not.toContain('serving');
  });

  it('a token that refers to an unset environment variable says which variable to export', async () => {
    const path = configFile(`
vendors:
  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com, accessToken: "\${SHOPIFY_TOKEN_FOR_TEST}" }
`);
    const result = await runGatewayCli(['--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('vendors[0].accessToken: refers to ${SHOPIFY_TOKEN_FOR_TEST}, which is not set; export SHOPIFY_TOKEN_FOR_TEST=');
  });

  it('a bad platform name lists the platforms there are', async () => {
    const path = configFile(`
vendors:
  - { id: acme, name: ACME, platform: shopfiy, baseUrl: "https://acme.example" }
`);
    const result = await runGatewayCli(['--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('vendors[0].platform: unknown platform; use one of shopify, woocommerce, magento, custom');
  });

  it('an unreadable file names the path and how it was given', async () => {
    const result = await runGatewayCli([], { STOCKGRAPH_CONFIG: '/nonexistent/stockgraph.config.yaml' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read config file "/nonexistent/stockgraph.config.yaml" (ENOENT)');
  });

  it('an inline secret in production is refused, and the secret is not echoed', async () => {
    const path = configFile(`
environment: production
vendors:
  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com, accessToken: shpat_inline_secret_value }
`);
    const result = await runGatewayCli(['--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('vendors[0].accessToken: secrets must be given as ${ENV_VAR} references in production');
    expect(result.stderr + result.stdout).not.toContain('shpat_inline_secret_value');
  });

  it('YAML syntax errors and unknown fields are reported', async () => {
    const broken = await runGatewayCli(['--config', configFile('vendors: [ { id: x')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('YAML syntax');
    const unknown = await runGatewayCli(['--config', configFile(`
environment: development
vendors:
  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com, accessToken: x, acessToken: y }
`)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('vendors[0]: unknown field(s) "acessToken"');
  });

  it('the Shopify env shortcut needs both variables', async () => {
    const result = await runGatewayCli([], { SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SHOPIFY_ACCESS_TOKEN: is not set');
  });
});
