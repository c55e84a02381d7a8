import pino from 'pino';
import { validateConfig } from '../../../src/config/load-config.ts';
import { deadlineOnlyPolicy, type UpstreamPolicy } from '../../../src/resilience/upstream-policy.ts';
import { demoCustomVendorConfig, startCustomSimulator, type CustomSimulator } from '../../../src/sandbox/custom/custom-simulator.ts';
import type { CustomVendorConfig } from '../../../src/config/vendors/custom/custom-config.ts';
import { createCustomSource } from '../../../src/vendors/custom/custom-source.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';

export const API_KEY_ENV = 'DROPSHIP_API_KEY';

type DemoDocument = ReturnType<typeof demoCustomVendorConfig>;
export type ListVariant = DemoDocument['mapping']['list'];

/** The list section for each pagination style the Dropship Co simulator serves. */
export const LIST_VARIANTS: Record<'cursor' | 'page' | 'offset' | 'link', ListVariant> = {
  cursor: demoCustomVendorConfig('http://x', API_KEY_ENV).mapping.list,
  page: {
    path: '/catalog',
    itemsPath: 'items',
    pageSize: { param: 'per_page', max: 100 },
    pagination: { style: 'page', pageParam: 'page' } as unknown as ListVariant['pagination'],
    total: { header: 'X-Total-Count' } as unknown as ListVariant['total'],
    filters: { status: 'status', query: 'q', updatedSince: 'updated_since' },
  },
  offset: {
    path: '/feed',
    itemsPath: 'results',
    pageSize: { param: 'limit', max: 100 },
    pagination: { style: 'offset', offsetParam: 'offset' } as unknown as ListVariant['pagination'],
    total: { path: 'count' },
    filters: { status: 'status', query: 'q', updatedSince: 'updated_since' },
  },
  link: {
    path: '/export',
    itemsPath: '$',
    pageSize: { param: 'limit', max: 100 },
    pagination: { style: 'link' } as unknown as ListVariant['pagination'],
    total: { header: 'X-Total-Count' } as unknown as ListVariant['total'],
    filters: { status: 'status', query: 'q', updatedSince: 'updated_since' },
  },
};

export interface CustomKit {
  readonly sim: CustomSimulator;
  readonly config: CustomVendorConfig;
  readonly source: VendorSource;
}

/** A custom vendor config as the loader validates it (env interpolation included), from the demo document. */
export function customConfig(document: unknown, apiKey: string): CustomVendorConfig {
  const gateway = validateConfig({ environment: 'development', vendors: [document] }, { [API_KEY_ENV]: apiKey }, 'test');
  const vendor = gateway.vendors[0];
  if (vendor?.platform !== 'custom') throw new Error('expected a custom vendor');
  return vendor;
}

export async function startCustomKit(
  options: { list?: ListVariant; edit?: (document: DemoDocument) => unknown; policy?: UpstreamPolicy; apiKey?: string } = {},
): Promise<CustomKit> {
  const sim = await startCustomSimulator();
  const document = demoCustomVendorConfig(sim.url, API_KEY_ENV);
  if (options.list) document.mapping.list = options.list;
  const edited = options.edit ? options.edit(document) : document;
  const config = customConfig(edited, options.apiKey ?? sim.apiKey);
  const source = createCustomSource(config, { policy: options.policy ?? deadlineOnlyPolicy, logger: pino({ level: 'silent' }) });
  return { sim, config, source };
}
