import { z } from 'zod';
import { McpListVendorsDocument } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { READ_ONLY, defineTool } from '../mcp-tool.ts';

const vendorSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: z.enum(['SHOPIFY', 'WOOCOMMERCE', 'MAGENTO', 'CUSTOM']),
  health: z.object({
    status: z.enum(['UP', 'DEGRADED', 'DOWN', 'UNKNOWN']),
    circuit: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']),
    errorRate: z.number().describe('Share of failed calls in the health window, 0 to 1.'),
    latencyP95Ms: z.number().nullable().describe('95th percentile latency in ms; null before any call.'),
    rateLimitRemaining: z.number().nullable().describe('Share of the rate budget left, 0 to 1.'),
  }),
});

export const listVendorsTool = defineTool({
  name: 'list_vendors',
  title: 'List vendors',
  description:
    'Lists the commerce channels (vendors) this caller may see: id, name, platform (SHOPIFY, WOOCOMMERCE, MAGENTO, CUSTOM) ' +
    'and live API health (status UP/DEGRADED/DOWN, circuit, error rate 0-1, p95 latency in ms, rate budget left 0-1). ' +
    'Use the ids as `vendorId` in the other tools. Calls no vendor.',
  requires: { role: CallerRole.VIEWER },
  annotations: READ_ONLY,
  document: McpListVendorsDocument,
  input: () => z.object({}).strict(),
  output: z.object({ vendors: z.array(vendorSchema) }),
  variables: () => ({}),
  answer: (data) => {
    const vendors = data.vendors;
    const down = vendors.filter((vendor) => vendor.health.status === 'DOWN').map((vendor) => vendor.id);
    const list = vendors.map((vendor) => `${vendor.id} (${vendor.platform.toLowerCase()}, ${vendor.health.status.toLowerCase()})`).join(', ');
    return {
      structured: { vendors },
      summary: `${vendors.length} vendor${vendors.length === 1 ? '' : 's'}: ${list || 'none'}.${down.length > 0 ? ` Down now: ${down.join(', ')}.` : ''}`,
    };
  },
});
