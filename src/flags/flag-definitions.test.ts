import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLAGS_FILE } from './create-flag-service.ts';
import { FlagDefinitionError, parseFlagDefinitions } from './flag-definitions.ts';

describe('parseFlagDefinitions', () => {
  it('accepts the shipped feature_flags.json: every flag defined, nothing unknown', () => {
    const definitions = parseFlagDefinitions(readFileSync(DEFAULT_FLAGS_FILE, 'utf8'), 'feature_flags.json');
    expect(definitions.missingFlags).toEqual([]);
    expect(definitions.unknownKeys).toEqual([]);
    expect(definitions.fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });

  it('accepts a GrowthBook API payload with rules, extra fields and unknown keys (reported)', () => {
    const payload = {
      status: 200,
      dateUpdated: '2026-01-01T00:00:00Z',
      features: {
        debug_mode: { defaultValue: false, rules: [{ id: 'fr_1', condition: { id: 'ops' }, force: true }] },
        new_checkout: { defaultValue: true },
      },
    };
    const definitions = parseFlagDefinitions(JSON.stringify(payload), 'api');
    expect(definitions.unknownKeys).toEqual(['new_checkout']);
    expect(definitions.missingFlags).toContain('shopify_integration_enabled');
  });

  it.each([
    ['{ "features": ', /api: not valid JSON/],
    ['[]', /\(top level\)/],
    ['{ "flags": {} }', /features: /],
    ['{ "features": { "debug_mode": { "rules": {} } } }', /features\.debug_mode\.rules: /],
    ['{ "features": { "debug_mode": { "rules": [{ "coverage": 2 }] } } }', /features\.debug_mode\.rules\.0\.coverage: /],
    ['{ "features": {}, "encryptedFeatures": "abc" }', /encrypted payloads are not supported/],
  ])('refuses %s, naming the problem', (text, message) => {
    expect(() => parseFlagDefinitions(text, 'api')).toThrow(FlagDefinitionError);
    expect(() => parseFlagDefinitions(text, 'api')).toThrow(message);
  });
});
