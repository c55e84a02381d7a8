#!/usr/bin/env node
// The `stockgraph` command (package.json `bin`). Runs the compiled CLI (dist/src/cli/stockgraph-cli.js,
// from `npm run build`) when it is there, under plain Node as the Docker image runs the gateway;
// otherwise the TypeScript source through tsx's loader, as `npm start` does.
//
// Why the source wins when it is newer than the build: in a checkout, dist/ is left behind by an
// earlier `npm run build` or `npm run bench`, and running it would run yesterday's code. The image
// has no src/, so there the build always runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = `${root}dist/src/cli/stockgraph-cli.js`;
const source = `${root}src/cli/stockgraph-cli.ts`;

/** Newest modification time (ms) of the files the build compiles or copies. */
function newestSourceChange() {
  let newest = 0;
  for (const folder of ['src', 'resolvers', 'schema']) {
    if (!existsSync(`${root}${folder}`)) continue;
    for (const path of readdirSync(`${root}${folder}`, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(ts|graphql|json)$/.test(path) || path.endsWith('.test.ts')) continue;
      newest = Math.max(newest, statSync(`${root}${folder}/${path}`).mtimeMs);
    }
  }
  return newest;
}

const useCompiled = existsSync(compiled) && (!existsSync(source) || statSync(compiled).mtimeMs >= newestSourceChange());
if (useCompiled) {
  await import(new URL('../dist/src/cli/stockgraph-cli.js', import.meta.url).href);
} else if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/stockgraph-cli.ts');
} else {
  process.stderr.write('stockgraph: neither dist/src/cli/stockgraph-cli.js (run `npm run build`) nor src/cli/stockgraph-cli.ts was found\n');
  process.exit(1);
}
