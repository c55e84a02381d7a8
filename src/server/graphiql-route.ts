import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

/** GraphiQL and React come from the installed packages: the page works with no internet access. */
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export const EXAMPLE_QUERY = `# Welcome to stockgraph. Press the run button (or Ctrl-Enter).
query CatalogPage {
  vendors { id name platform health { status circuit } }
  products(first: 5) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id sku name vendorId
      price { amount currencyCode }
      totalAvailable
      inventoryLevels { locationName available }
    }
  }
  productsBySku(skus: ["SG-1000", "SG-1001"]) { vendorId sku name price { amount currencyCode } }
}
`;

function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>stockgraph · GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script>
  // Subscriptions (inventoryChanged) go over graphql-transport-ws on the same path.
  const subscriptionUrl = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + window.location.pathname;
  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname, subscriptionUrl });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)},
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false,
    }),
  );
</script>
</body>
</html>`;
}

/** True for a browser navigating to /graphql (not a GraphQL GET request). */
export function wantsGraphiQL(method: string, accept: string | undefined, query: unknown): boolean {
  const hasOperation = typeof query === 'object' && query !== null && 'query' in query;
  return method === 'GET' && !hasOperation && (accept ?? '').includes('text/html');
}

export function registerGraphiQLAssets(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', async (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) return reply.code(404).send({ error: 'unknown asset' });
    let content = cache.get(request.params.name);
    if (!content) {
      content = readFileSync(asset.file);
      cache.set(request.params.name, content);
    }
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(content);
  });
}

export const graphiqlHtml = page;
