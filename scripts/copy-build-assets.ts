import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Second half of `npm run build` (`tsx scripts/copy-build-assets.ts [outDir]`, default dist/): the files the compiled code reads at run time, copied to the
 * same places relative to it in dist/ (the gateway's GraphQL schema, the default flag
 * definitions, the Shopify simulator's Admin API schema subset). tsc emits only JavaScript.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? join(root, 'dist');
const sourceAssets = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.graphql'))
  .map((path) => join('src', path));
for (const asset of ['schema', 'feature_flags.json', ...sourceAssets]) {
  cpSync(join(root, asset), join(outDir, asset), { recursive: true });
}
console.log(`build: copied ${String(2 + sourceAssets.length)} run-time assets to ${outDir}`);
