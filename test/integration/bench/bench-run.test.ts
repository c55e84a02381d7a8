import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../../../bench/bench-results.ts';
import { PROJECT_ROOT } from '../../support/run-cli.ts';

/**
 * `npm run bench` end to end, in miniature: it compiles, starts the simulators, the gateway and
 * the naive baseline as separate processes, runs two scenarios for a second each and the MCP overhead pairs, replays the
 * gateway's upstream requests and writes its report (to a temporary directory here). Counts only;
 * the timings it prints are not asserted.
 */
const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'stockgraph-bench-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench (a one-second run)', () => {
  it('measures gateway and baseline, replays the vendors\' part and writes the report', async () => {
    const args = ['run', 'bench', '--', '--duration', '1', '--low-load-requests', '3', '--scenarios', 'catalog,hotProduct,mcpGetStock', '--out', out];
    await run('npm', args, { cwd: PROJECT_ROOT, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
    const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchResults;

    const catalog = results.scenarios.find((scenario) => scenario.name === 'catalog');
    expect(catalog?.floor).toMatchObject({ calls: 2, depth: 1 });
    expect(catalog?.servers.gateway?.lowLoad.upstream.total).toBe(2);
    expect(catalog?.servers.naive?.lowLoad.upstream.total).toBeGreaterThan(50);
    expect(catalog?.servers.gateway?.replay).toMatchObject({ requests: 2, description: 'demo-shopify ×2' });
    expect(catalog?.servers.gateway?.load.result.errors).toBe(0);

    const hot = results.scenarios.find((scenario) => scenario.name === 'hotProduct');
    expect(hot?.servers.gateway?.lowLoad.upstream.total).toBe(0);
    expect(hot?.servers.gateway?.replay).toBeUndefined();
    expect(results.direct?.result.completed).toBeGreaterThan(0);
    expect(results.serverPeakRssMiB.gateway).toBeGreaterThan(0);
    // The gateway is measured with listings as it ships them (single flight) unless BENCH_LISTING_READS says otherwise.
    expect(results.options.listingReads).toBe(process.env.BENCH_LISTING_READS ?? 'on');

    expect(results.mcp).toMatchObject({ skus: 50, pairs: 30, errors: 0, targetMs: 2 });
    expect(results.mcp?.mcpP50Ms).toBeGreaterThan(0);

    const markdown = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(markdown).toContain('## MCP overhead: get_stock vs the same GraphQL operation');
    expect(markdown).toContain('## The vendors alone');
    expect(markdown).toContain('| catalog: upstream/op at the vendor floor (2) | 2.00 | yes |');
  }, 240_000);
});
