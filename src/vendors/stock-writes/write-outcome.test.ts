import { describe, expect, it } from 'vitest';
import { outcomeUnknownResult, readBackPersistently } from './write-outcome.ts';

describe('read-back after an unknown write outcome', () => {
  it('tries the read again until it answers, within the deadline', async () => {
    let calls = 0;
    const value = await readBackPersistently(async () => {
      calls += 1;
      if (calls < 3) throw new Error('reset');
      return 42;
    }, Date.now() + 5_000);
    expect(value).toBe(42);
    expect(calls).toBe(3);
  });

  it('gives up at the deadline with the last error', async () => {
    let calls = 0;
    await expect(
      readBackPersistently(async () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      }, Date.now() + 50),
    ).rejects.toThrow('failure 1');
    expect(calls).toBe(1);
  });

  it('marks a result whose write may have landed so it is never re-sent', () => {
    expect(outcomeUnknownResult(10, null, 'timeout')).toMatchObject({
      status: 'FAILED',
      before: 10,
      outcomeUnknown: true,
      error: { code: 'VENDOR_OUTCOME_UNKNOWN' },
    });
  });
});
