import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/**
 * The loopback PostgreSQL and Redis the scale-out suites need. Outside CI a suite skips with a
 * message naming what is missing; with CI=true a missing service FAILS the suite (the CI machine
 * runs both, so a skip there would hide a broken setup).
 */
export const POSTGRES_URL = process.env.STOCKGRAPH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.STOCKGRAPH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export interface ServiceCheck {
  readonly available: boolean;
  readonly missing: readonly string[];
}

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Checks the services; in CI throws when one is missing, elsewhere reports it (describe.skipIf). */
export async function checkSharedServices(needs: ReadonlyArray<'postgres' | 'redis'>): Promise<ServiceCheck> {
  const urls = { postgres: POSTGRES_URL, redis: REDIS_URL };
  const missing: string[] = [];
  for (const need of needs) {
    if (!(await reachable(urls[need]))) missing.push(`${need === 'postgres' ? 'PostgreSQL' : 'Redis'} at ${urls[need]}`);
  }
  if (missing.length > 0) {
    const message = `this suite needs ${missing.join(' and ')}`;
    if (process.env.CI === 'true') throw new Error(`${message}; CI must run it (CI=true), so the suite fails instead of skipping`);
    console.warn(`[skipped] ${message}; start it to run the suite`);
  }
  return { available: missing.length === 0, missing };
}

/** A name no other run on this machine uses: schemas, key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
