import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import { runGatewayCli } from '../../support/run-cli.ts';
import { runStockgraphCli, startStockgraphCli } from '../../support/run-stockgraph-cli.ts';

function configFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stockgraph-cli-'));
  const path = join(dir, 'stockgraph.config.yaml');
  writeFileSync(path, yaml);
  return path;
}

/** Demo mode (no configuration) with a state database of its own. */
function demoEnv(): Record<string, string> {
  return { STOCKGRAPH_DEMO_DB: join(mkdtempSync(join(tmpdir(), 'stockgraph-cli-demo-')), 'state.db') };
}

describe('the stockgraph command', () => {
  it('--help lists every command, and every command has its own --help', async () => {
    const top = await runStockgraphCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['start', 'check-config', 'hash-key', 'sync', 'mcp', 'backtest']) expect(top.stdout).toContain(command);

    const sync = await runStockgraphCli(['sync', '--help']);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('Usage: stockgraph sync [options] <vendorId>');
    expect(sync.stdout).toContain('--full');
    const backtest = await runStockgraphCli(['backtest', '--help']);
    expect(backtest.stdout).toContain('--horizon');
  });

  it('check-config exits 0 with a summary of a good configuration', async () => {
    const path = configFile(`
vendors:
  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com, accessToken: "\${ACME_TOKEN}" }
`);
    const result = await runStockgraphCli(['check-config', '--config', path], { ACME_TOKEN: 'shpat_cli_test' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Configuration OK (${path})`);
    expect(result.stdout).toContain('acme-shopify (shopify)');
    expect(result.stdout + result.stderr).not.toContain('shpat_cli_test');
  });

  it('check-config exits 1 with exactly the messages start-up prints', async () => {
    const path = configFile(`
vendors:
  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com }
  - { id: acme, name: ACME, platform: shopfiy, baseUrl: "https://acme.example" }
`);
    const checked = await runStockgraphCli(['check-config', '--config', path]);
    const started = await runGatewayCli(['--config', path]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('vendors[0].accessToken: is required');
    expect(checked.stderr).toBe(started.stderr);
    expect(checked.stdout).toBe('');
  });

  it('start and mcp hand --config to the same entry points as npm start and npm run mcp', async () => {
    const path = configFile('vendors: []\nenvironment: staging\n');
    const started = await runGatewayCli(['--config', path]);
    const start = await runStockgraphCli(['start', '--config', path]);
    const mcp = await runStockgraphCli(['mcp', '--config', path]);
    expect(started.code).toBe(1);
    expect(start).toMatchObject({ code: 1, stderr: started.stderr });
    expect(mcp).toMatchObject({ code: 1, stderr: started.stderr });
  });

  it('hash-key prints the stored form of a key given as an argument or on stdin', async () => {
    const byArgument = await runStockgraphCli(['hash-key', 'sg_live_example']);
    const byStdin = await runStockgraphCli(['hash-key'], {}, { stdin: 'sg_live_example\n' });
    expect(byArgument).toMatchObject({ code: 0, stdout: `${hashApiKey('sg_live_example')}\n` });
    expect(byStdin).toMatchObject({ code: 0, stdout: `${hashApiKey('sg_live_example')}\n` });
    expect((await runStockgraphCli(['hash-key'], {}, { stdin: '' })).code).toBe(2);
  });

  it('sync follows a job against the demo simulators with plain lines when piped, and exits 0', async () => {
    const result = await runStockgraphCli(['sync', 'dropship', '--full'], demoEnv());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^sync dropship SUCCEEDED: 150 SKUs in [\d.]+ s \(job [0-9a-f-]{36}\)$/);
    expect(result.stdout).not.toContain('\u001b['); // no bar, no cursor movement when piped
    expect(lines.some((line) => /^sync dropship (QUEUED|RUNNING|SUCCEEDED) \d+/.test(line))).toBe(true);
  });

  it('sync of a vendor that is not configured exits 1 naming the configured ones', async () => {
    const result = await runStockgraphCli(['sync', 'no-such-vendor'], demoEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stockgraph sync: no vendor with id "no-such-vendor"; configured vendors: demo-shopify, demo-woo, demo-magento, dropship');
  });

  it('Ctrl-C during a sync cancels the job and exits 130', async () => {
    const run = startStockgraphCli(['sync', 'demo-shopify', '--full'], demoEnv());
    await run.waitForStdout('sync demo-shopify RUNNING');
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/stockgraph sync: interrupted; job [0-9a-f-]{36} is CANCELLED after \d+ SKUs/);
  });
});
