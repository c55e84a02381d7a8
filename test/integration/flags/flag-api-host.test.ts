import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFlagService } from '../../../src/flags/create-flag-service.ts';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import type { GrowthBookFlagService } from '../../../src/flags/growthbook-flag-service.ts';
import { DEVELOPMENT_CALLER } from '../../../src/model/caller.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { capturingLogger, featuresPayload, off } from './flags-test-kit.ts';

const CLIENT_KEY = 'sdk-abc123secret';

/** A stand-in GrowthBook API host: serves `/api/features/<clientKey>` until told to fail. */
async function startGrowthBookHost() {
  const state = { body: featuresPayload(), failWith: null as number | null, requests: 0 };
  const server: Server = createServer((request, response) => {
    state.requests += 1;
    if (request.url !== `/api/features/${CLIENT_KEY}`) return void response.writeHead(404).end('{}');
    if (state.failWith) return void response.writeHead(state.failWith, { 'content-type': 'application/json' }).end('{"message":"down"}');
    response.writeHead(200, { 'content-type': 'application/json' }).end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    apiHost: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let host: Awaited<ReturnType<typeof startGrowthBookHost>> | undefined;
let service: GrowthBookFlagService | undefined;
let gateway: TestGateway | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await gateway?.close();
  await service?.close();
  await host?.close().catch(() => undefined);
  host = service = gateway = undefined;
});

describe('flags from a GrowthBook API host', () => {
  it('fetches at start, refreshes in the background, and keeps the last good copy when the host fails', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    host = await startGrowthBookHost();
    const { logger, lines } = capturingLogger();
    const config = testConfig({ flags: { apiHost: host.apiHost, clientKey: CLIENT_KEY, refreshSeconds: 30 } });
    service = await createFlagService(config, { logger });
    gateway = await startGatewayWithSources([fakeVendorSource('vendor-a', 1).source], { services: { flags: service } });
    expect(service.forCaller(DEVELOPMENT_CALLER).isOn(FeatureFlag.DEBUG_MODE)).toBe(true);
    expect(service.status()).toMatchObject({ loaded: true, source: `GrowthBook API ${host.apiHost}`, lastError: null });

    // The background refresh picks up a change.
    host.state.body = featuresPayload({ debug_mode: off });
    let next = service.nextReload();
    vi.advanceTimersByTime(30_000);
    expect(await next).toMatchObject({ ok: true });
    expect(service.forCaller(DEVELOPMENT_CALLER).isOn(FeatureFlag.DEBUG_MODE)).toBe(false);

    // The host answers 500: the last good copy stays, /ready and the logs say why.
    host.state.failWith = 500;
    next = service.nextReload();
    vi.advanceTimersByTime(30_000);
    expect(await next).toEqual({ ok: false, error: `GrowthBook API ${host.apiHost} answered HTTP 500` });
    expect(service.forCaller(DEVELOPMENT_CALLER).isOn(FeatureFlag.DEBUG_MODE)).toBe(false);
    const ready = (await (await fetch(`${gateway.url}/ready`)).json()) as { flags: Record<string, unknown> };
    expect(ready.flags).toMatchObject({ loaded: true, lastError: `GrowthBook API ${host.apiHost} answered HTTP 500` });

    // The host goes away entirely.
    await host.close();
    next = service.nextReload();
    vi.advanceTimersByTime(30_000);
    // ECONNREFUSED for a new connection; a reused keep-alive socket fails with UND_ERR_SOCKET.
    const reason = new RegExp(`^cannot reach GrowthBook API ${host.apiHost} \\((ECONNREFUSED|UND_ERR_SOCKET|ECONNRESET)\\)$`);
    expect(await next).toEqual({ ok: false, error: expect.stringMatching(reason) });
    expect(service.forCaller(DEVELOPMENT_CALLER).isOn(FeatureFlag.DEBUG_MODE)).toBe(false);
    expect(lines.filter((line) => line.msg === 'feature flag definitions could not be loaded; keeping the last good copy')).toHaveLength(2);

    // The client key is a secret: in no log line and not in /ready.
    expect(JSON.stringify(lines)).not.toContain(CLIENT_KEY);
    expect(JSON.stringify(ready)).not.toContain(CLIENT_KEY);
  });

  it('fails start-up when the host cannot give a first copy', async () => {
    host = await startGrowthBookHost();
    host.state.failWith = 503;
    const config = testConfig({ flags: { apiHost: host.apiHost, clientKey: CLIENT_KEY, refreshSeconds: 30 } });
    await expect(createFlagService(config, { logger: capturingLogger().logger })).rejects.toThrow(
      `feature flags: cannot load definitions from GrowthBook API ${host.apiHost}: GrowthBook API ${host.apiHost} answered HTTP 503`,
    );
  });
});
