import { describe, expect, it } from 'vitest';
import { runRealtimeScenario } from '../../../bench/realtime/realtime-scenario.ts';

describe('bench:realtime scenario (small)', () => {
  it('delivers every webhook to every open subscription exactly once', async () => {
    const result = await runRealtimeScenario({ subscribers: 20, webhooks: 3, subscriberThread: false });
    expect(result.received).toEqual([20, 20, 20]);
    expect(result.latenciesMs).toHaveLength(60);
  });
});
