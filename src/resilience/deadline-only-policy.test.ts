import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { deadlineOnlyPolicy, type UpstreamCallOptions } from './upstream-policy.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const options = (deadlineInMs: number, signal = new AbortController().signal): UpstreamCallOptions => ({
  operation: 'listItems',
  idempotent: true,
  signal,
  deadline: Date.now() + deadlineInMs,
});

/** A call whose vendor never answers: it settles only when its signal aborts. */
const unanswered = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));

describe('deadlineOnlyPolicy', () => {
  it('aborts a call the vendor never answers at its deadline, even when garbage is collected meanwhile', async () => {
    const call = deadlineOnlyPolicy.execute(unanswered, options(60));
    await new Promise((resolve) => setTimeout(resolve, 10));
    collectGarbage();
    await expect(call).rejects.toThrow('aborted');
  }, 5_000);

  it('aborts when the caller aborts before the deadline', async () => {
    const caller = new AbortController();
    const call = deadlineOnlyPolicy.execute(unanswered, options(60_000, caller.signal));
    caller.abort();
    await expect(call).rejects.toThrow('aborted');
  });

  it('answers what the call answers', async () => {
    await expect(deadlineOnlyPolicy.execute(async () => 'ok', options(1_000))).resolves.toBe('ok');
  });
});
