import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fixedFlags } from '../../../src/flags/flag-evaluator.ts';
import type { FeatureFlag } from '../../../src/flags/flag-names.ts';
import { CallerRole, effectiveRoles, type Caller } from '../../../src/model/caller.ts';
import { buildExecutableSchema } from '../../../src/server/executable-schema.ts';
import { VendorRegistry } from '../../../src/vendors/vendor-registry.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';

/** Entity fetches run through the same `@auth` and `@feature` guards as any other field. */
const schema = buildExecutableSchema();
const { source } = fakeVendorSource('acme', 3);
const registry = new VendorRegistry([source]);

function caller(roles: CallerRole[], vendorScope: string[] | null = null): Caller {
  return { id: 'key-1', kind: 'api-key', roles: effectiveRoles(roles), vendorScope: vendorScope && new Set(vendorScope) };
}

async function entities(who: Caller, selection: string, flagsOn: FeatureFlag[] = []) {
  const result = await graphql({
    schema,
    source: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Vendor { ${selection} } } }`,
    variableValues: { representations: [{ __typename: 'Vendor', id: 'acme' }] },
    contextValue: { caller: who, flags: fixedFlags(flagsOn), services: { registry } },
  });
  return { data: result.data as { _entities: unknown[] } | null, codes: (result.errors ?? []).map((error) => error.extensions.code) };
}

describe('entity fetches and the gateway directives', () => {
  it('_entities needs the viewer role like every Query field', async () => {
    const result = await entities(caller([]), 'id');
    expect(result.codes).toEqual(['FORBIDDEN']);
    expect(result.data).toBeNull();
  });

  it('a field behind a flag that is off answers FEATURE_DISABLED on an entity too', async () => {
    const result = await entities(caller([CallerRole.VIEWER]), 'id performance { __typename }');
    expect(result.codes).toEqual(['FEATURE_DISABLED']);
    expect(result.data!._entities).toEqual([null]);
  });

  it('a vendor outside the caller\'s scope resolves to null', async () => {
    const result = await entities(caller([CallerRole.VIEWER], ['other']), 'id');
    expect(result).toEqual({ data: { _entities: [null] }, codes: [] });
    const visible = await entities(caller([CallerRole.VIEWER], ['acme']), 'id');
    expect(visible).toEqual({ data: { _entities: [{ id: 'acme' }] }, codes: [] });
  });
});
