import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/config/load-config.ts';

// The development machine has no Docker engine, so `docker compose up` cannot run here; this
// checks the file's shape and that the configuration it mounts is valid for the gateway.
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface ComposeService {
  build?: string;
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

describe('docker-compose.yml', () => {
  it('runs two gateway instances from this repository\'s image beside PostgreSQL and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway-a', 'gateway-b', 'postgres', 'redis']);
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(compose.services.redis!.image).toMatch(/^redis:\d+/);
    for (const name of ['postgres', 'redis']) expect(compose.services[name]!.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('gives both instances the same configuration and the shared services, on different host ports, after the services are healthy', () => {
    const [a, b] = [compose.services['gateway-a']!, compose.services['gateway-b']!];
    expect(a.build).toBe('.');
    expect(a.environment).toEqual(b.environment);
    expect(a.volumes).toEqual(b.volumes);
    expect(a.environment!.DATABASE_URL).toMatch(/^postgres:\/\/stockgraph:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/stockgraph$/);
    expect(a.environment!.REDIS_URL).toBe('redis://redis:6379/0');
    expect(a.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(a.ports).not.toEqual(b.ports);
  });

  it('mounts a configuration the gateway accepts in production, with the connection URLs as references', () => {
    const mount = compose.services['gateway-a']!.volumes![0]!.split(':');
    expect(mount[1]).toBe(compose.services['gateway-a']!.environment!.STOCKGRAPH_CONFIG);
    const config = loadConfigFile(`${root}${mount[0]!.replace(/^\.\//, '')}`, {
      SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com',
      SHOPIFY_ACCESS_TOKEN: 'shpat_test',
      DATABASE_URL: 'postgres://stockgraph:pw@postgres:5432/stockgraph',
      REDIS_URL: 'redis://redis:6379/0',
    });
    expect(config.environment).toBe('production');
    expect(config.store.postgres?.url).toBe('postgres://stockgraph:pw@postgres:5432/stockgraph');
    expect(config.redis?.url).toBe('redis://redis:6379/0');
  });
});
