import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/run-cli.ts';

/**
 * `npm run build` produces what the Dockerfile runs: dist/src/main.js under plain Node, with the
 * run-time assets beside it. Built here into its own directory under dist/ (so the project's
 * node_modules resolve), started in demo mode with the production runtime settings, and queried.
 */
const run = promisify(execFile);
const OUT_DIR = join(PROJECT_ROOT, 'dist', `build-test-${String(process.pid)}`);
let gateway: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  await run(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT_DIR], { cwd: PROJECT_ROOT });
  await run(process.execPath, ['--import', 'tsx', 'scripts/copy-build-assets.ts', OUT_DIR], { cwd: PROJECT_ROOT });
  gateway = spawn(process.execPath, ['--max-old-space-size=192', join(OUT_DIR, 'src/main.js')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', STOCKGRAPH_DEMO_DB: ':memory:' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the built gateway did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    gateway?.stdout?.on('data', onData);
    gateway?.stderr?.on('data', onData);
    gateway?.on('exit', (code) => reject(new Error(`the built gateway exited (${String(code)}): ${output}`)));
  });
}, 120_000);

afterAll(() => {
  gateway?.kill('SIGTERM');
  rmSync(OUT_DIR, { recursive: true, force: true });
  rmSync(IMAGE_DIR, { recursive: true, force: true });
});

/**
 * The Docker image's layout (Dockerfile runtime stage): bin/, dist/, package.json and no src/.
 * Under the project's dist/ so the project's node_modules resolve, as /app/node_modules does.
 */
const IMAGE_DIR = join(PROJECT_ROOT, 'dist', `image-layout-${String(process.pid)}`);
function imageLayout(): string {
  mkdirSync(join(IMAGE_DIR, 'bin'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'bin/stockgraph.js'), join(IMAGE_DIR, 'bin/stockgraph.js'));
  cpSync(join(PROJECT_ROOT, 'package.json'), join(IMAGE_DIR, 'package.json'));
  cpSync(OUT_DIR, join(IMAGE_DIR, 'dist'), { recursive: true });
  return join(IMAGE_DIR, 'bin/stockgraph.js');
}

describe('the production build (npm run build, node dist/src/main.js)', () => {
  it('starts in demo mode and answers /health', async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string; demo: boolean };
    expect(health).toMatchObject({ status: 'ok', demo: true });
  });

  it('serves the graph from the compiled resolvers and the copied schema', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ products(first: 3) { nodes { sku price { amount currencyCode } vendor { platform } } } }' }),
    });
    const body = (await response.json()) as { data?: { products: { nodes: Array<{ sku: string; vendor: { platform: string } }> } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.products.nodes).toHaveLength(3);
    expect(body.data?.products.nodes[0]?.vendor.platform).toBe('SHOPIFY');
  });
});

describe('the stockgraph command in the image layout (compiled, no src/)', () => {
  it('hash-key and check-config run the compiled CLI under plain Node', async () => {
    const bin = imageLayout();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ACME_TOKEN: 'shpat_image_test' };
    const hashed = await run(process.execPath, [bin, 'hash-key', 'sg_live_example'], { cwd: IMAGE_DIR, env });
    expect(hashed.stdout.trim()).toMatch(/^sha256:[0-9a-f]{64}$/);
    const config = join(IMAGE_DIR, 'stockgraph.config.yaml');
    writeFileSync(config, 'vendors:\n  - { id: acme-shopify, name: ACME, platform: shopify, shopDomain: acme.myshopify.com, accessToken: "${ACME_TOKEN}" }\n');
    const checked = await run(process.execPath, [bin, 'check-config', '--config', config], { cwd: IMAGE_DIR, env });
    expect(checked.stdout).toContain('acme-shopify (shopify)');
  });

  it('start runs the compiled gateway entry point (demo mode answers /health)', async () => {
    const bin = join(IMAGE_DIR, 'bin/stockgraph.js');
    const child = spawn(process.execPath, [bin, 'start'], {
      cwd: IMAGE_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', STOCKGRAPH_DEMO_DB: ':memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const started = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stockgraph start did not start: ${output}`)), 30_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`stockgraph start exited (${String(code)}): ${output}`)));
      });
      expect(((await (await fetch(`${started}/health`)).json()) as { status: string }).status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
