/**
 * How production runs the gateway (the Dockerfile's runtime stage; `npm run start:built`), so the
 * bench measures the same thing: compiled JavaScript under plain Node, NODE_ENV=production
 * (graphql-js then skips its development-only checks) and a bounded old-generation heap. Without
 * the bound V8 sizes the heap from the machine (24 GiB here) and lets garbage pile up to ~300 MiB
 * under load although the live heap is ~40 MiB; 192 MiB leaves that live set 4× headroom and
 * costs no measurable throughput. A test keeps the Dockerfile and package.json in step.
 */
export const PRODUCTION_ENV = { NODE_ENV: 'production' } as const;
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=192'] as const;
