import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { measureHopFloor, TRIVIAL_ANSWER, TRIVIAL_BODY } from './hop-floor.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that notes every request's body and answers with `answer`. */
async function serve(answer: string, seen: string[]): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push(`${request.method ?? ''} ${request.url ?? ''} ${body}`);
      response.setHeader('content-type', 'application/json');
      response.end(answer);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

describe('the hop floor: a GraphQL round trip that does no work', () => {
  it('sends every target the trivial query, warm-up first, and reports a median per target', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const result = await measureHopFloor([{ name: 'a', origin: await serve(TRIVIAL_ANSWER, a) }, { name: 'b', origin: await serve(`${TRIVIAL_ANSWER}\n`, b) }], { requests: 5, pauseMs: 1 });
    expect(a).toEqual(Array.from({ length: 10 }, () => `POST /graphql ${TRIVIAL_BODY}`));
    expect(b).toHaveLength(10);
    expect(Object.keys(result.p50Ms)).toEqual(['a', 'b']);
    expect(result.p50Ms.a).toBeGreaterThan(0);
    expect(result.p90Ms.a).toBeGreaterThanOrEqual(result.p50Ms.a ?? Number.NaN);
    expect(result).toMatchObject({ requests: 5, pauseMs: 1 });
  });

  it('refuses a server that answers anything else: a floor must not be measured on errors', async () => {
    const origin = await serve('{"errors":[{"message":"no"}]}', []);
    await expect(measureHopFloor([{ name: 'broken', origin }], { requests: 2, pauseMs: 0 })).rejects.toThrow(/broken answered 200/);
  });
});
