import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds of the same classes. Node, and so
    // Apollo Server at run time, loads the CJS one; Vite would hand test code the ESM one, and
    // then Apollo's `instanceof GraphQLError` fails on our errors (an auth error thrown while
    // building the context became a masked 500 in tests only). Resolve it as Node does.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts', 'resolvers/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One worker process runs many files in turn instead of a fresh process per file: starting
    // one cost about 0.3 s per file, a third of the suite's wall time on two cores. Files must
    // therefore leave no process-wide state behind (timers restored, servers closed, tracing
    // shut down), which is what a real embedder of the gateway needs too.
    isolate: false,
  },
});
