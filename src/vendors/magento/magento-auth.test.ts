import { describe, expect, it } from 'vitest';
import { testCallContext } from '../../../test/support/call-context.ts';
import { ADMIN_TOKEN_LIFETIME_MS, ADMIN_TOKEN_REFRESH_MARGIN_MS, AdminTokenSource, staticTokenSource } from './magento-auth.ts';

function fakeExchange() {
  let issued = 0;
  const pending: Array<() => void> = [];
  return {
    exchange: async () => `token-${++issued}`,
    /** An exchange that waits until `release()` so concurrency can be observed. */
    gated: () =>
      new Promise<string>((resolve) => {
        pending.push(() => resolve(`token-${++issued}`));
      }),
    release: () => pending.splice(0).forEach((fn) => fn()),
    get issued() {
      return issued;
    },
  };
}

describe('AdminTokenSource', () => {
  const ctx = testCallContext();

  it('reuses the token until shortly before the 4-hour expiry, then exchanges again', async () => {
    let now = 1_000_000;
    const fake = fakeExchange();
    const source = new AdminTokenSource(fake.exchange, () => now);
    expect(await source.token(ctx)).toBe('token-1');
    now += ADMIN_TOKEN_LIFETIME_MS - ADMIN_TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await source.token(ctx)).toBe('token-1');
    now += 1;
    expect(await source.token(ctx)).toBe('token-2');
    expect(fake.issued).toBe(2);
  });

  it('shares one exchange among concurrent callers', async () => {
    const fake = fakeExchange();
    const source = new AdminTokenSource(fake.gated, () => 0);
    const waiting = Promise.all(Array.from({ length: 10 }, () => source.token(ctx)));
    fake.release();
    expect(new Set(await waiting)).toEqual(new Set(['token-1']));
    expect(fake.issued).toBe(1);
  });

  it('after a 401 drops only the refused token, so concurrent 401s lead to one new exchange', async () => {
    const fake = fakeExchange();
    const source = new AdminTokenSource(fake.gated, () => 0);
    const first = source.token(ctx);
    fake.release();
    const refused = await first;
    expect(source.invalidate(refused)).toBe(true);
    expect(source.invalidate(refused)).toBe(true);
    const again = Promise.all([source.token(ctx), source.token(ctx), source.token(ctx)]);
    fake.release();
    expect(await again).toEqual(['token-2', 'token-2', 'token-2']);
    source.invalidate(refused); // a late 401 for the old token must not discard the new one
    expect(await source.token(ctx)).toBe('token-2');
    expect(fake.issued).toBe(2);
  });

  it('does not cache a failed exchange', async () => {
    let fail = true;
    const source = new AdminTokenSource(async () => {
      if (fail) throw new Error('down');
      return 'ok';
    }, () => 0);
    await expect(source.token(ctx)).rejects.toThrow('down');
    fail = false;
    expect(await source.token(ctx)).toBe('ok');
  });
});

describe('staticTokenSource', () => {
  it('never refreshes an integration token', async () => {
    const source = staticTokenSource('abc');
    expect(await source.token(testCallContext())).toBe('abc');
    expect(source.invalidate('abc')).toBe(false);
  });
});
