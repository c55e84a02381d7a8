import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS, PRODUCTION_ENV } from './production-runtime.ts';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('the bench runs the gateway as production does', () => {
  it('the Dockerfile runtime sets the same NODE_ENV and Node flags and runs the compiled build', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toContain(`NODE_ENV=${PRODUCTION_ENV.NODE_ENV}`);
    expect(dockerfile).toContain(`NODE_OPTIONS="${GATEWAY_NODE_FLAGS.join(' ')}"`);
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/main\.js"\]/);
  });

  it('npm run start:built uses the same flags', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:built']).toBe(`node ${GATEWAY_NODE_FLAGS.join(' ')} dist/src/main.js`);
  });
});
