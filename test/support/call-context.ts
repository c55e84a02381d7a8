import pino from 'pino';
import type { UpstreamCallContext } from '../../src/vendors/vendor-source.ts';

/** An upstream call context for tests that drive a vendor source directly. */
export function testCallContext(overrides: Partial<UpstreamCallContext> = {}): UpstreamCallContext {
  return {
    requestId: 'test-request',
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
    deadline: Date.now() + 10_000,
    ...overrides,
  };
}
