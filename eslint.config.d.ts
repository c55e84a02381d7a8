/** The top folders of src/, top to bottom (see eslint.config.js); test/readme-layout.test.ts reads them. */
export declare const LAYERS: ReadonlyArray<readonly string[]>;
declare const config: unknown;
export default config;
