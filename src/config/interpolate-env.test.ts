import { describe, expect, it } from 'vitest';
import { interpolateEnv } from './interpolate-env.ts';

describe('interpolateEnv', () => {
  it('replaces ${VAR} references anywhere and remembers which fields came from the environment', () => {
    const result = interpolateEnv({ vendors: [{ token: '${TOKEN}', url: 'https://${HOST}/x', name: 'plain' }] }, { TOKEN: 't0k', HOST: 'h.example' });
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual({ vendors: [{ token: 't0k', url: 'https://h.example/x', name: 'plain' }] });
    expect([...result.interpolatedPaths].sort()).toEqual(['vendors[0].token', 'vendors[0].url']);
  });

  it('names the field and the variable when a variable is unset or empty', () => {
    const result = interpolateEnv({ auth: { jwt: { secret: '${JWT_SECRET}' } } }, { JWT_SECRET: '' });
    expect(result.issues).toEqual(['auth.jwt.secret: refers to ${JWT_SECRET}, which is not set; export JWT_SECRET=... before starting']);
  });
});
