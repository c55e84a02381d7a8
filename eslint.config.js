import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The top folders of src/, top to bottom. A folder may import only folders in the layers below
 * its own (never one above, never a peer in its layer), so the folders form no cycle: server and
 * the demo sandbox → security → limits → services → catalog → the request context → auth → flags → shared state →
 * vendors → resilience → observability → the forecasting engine → config → model → errors.
 * `node ../shared/tools/folder-deps.mjs` draws the same graph; this rule keeps it in CI.
 */
export const LAYERS = [
  ['cli'],
  ['server', 'sandbox', 'generated'],
  ['mcp'],
  ['federation'],
  ['security'],
  ['limits'],
  ['sync'],
  ['realtime'],
  ['purchasing'],
  ['demand', 'stock-changes'],
  ['catalog'],
  ['context'],
  ['auth'],
  ['flags'],
  ['scaleout'],
  ['cache', 'store'],
  ['vendors'],
  ['resilience'],
  ['observability'],
  ['forecast'],
  ['secrets'],
  ['config'],
  ['model'],
  ['errors'],
];

const layerZones = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(0, index + 1).flat();
  return layer.map((folder) => ({
    target: `./src/${folder}`,
    from: above.filter((other) => other !== folder).map((other) => `./src/${other}`),
    message: `src/${folder} sits below these folders (see LAYERS in eslint.config.js): import downwards only.`,
  }));
}).filter((zone) => zone.from.length > 0);

export default tseslint.config(
  { ignores: ['node_modules/**', 'src/generated/**', 'src/mcp/generated/**', 'coverage/**', 'dist/**', '.tmp/**', 'bench/results/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Production code: folders import one way (type imports count too), and only the demo entry
    // reaches the simulators, by a dynamic import in demo mode (src/main.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones,
            {
              target: LAYERS.flat().filter((folder) => folder !== 'sandbox').map((folder) => `./src/${folder}`),
              from: './src/sandbox',
              message: 'production code never imports the simulators (src/launch.ts loads them dynamically in demo mode).',
            },
          ],
        },
      ],
    },
  },
  {
    // The entry points may load the simulators only with a dynamic import, in demo mode.
    files: ['src/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/sandbox/**'], message: 'load the simulators with a dynamic import in demo mode only.' }] },
      ],
    },
  },
  {
    files: ['src/main.ts', 'bench/**', 'src/forecast/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
