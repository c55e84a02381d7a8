import { openSubscribers } from './realtime-subscribers.ts';

/**
 * The bench's subscribers in their own process (and heap), so the gateway's heap is measured
 * alone: `node --import tsx realtime-subscribers-process.ts <wsUrl> <count> <vendorId>`. Arrival
 * times are collected here and sent to the parent once per event, when every subscriber has it
 * (one IPC message per event, not one per delivery, so the measuring does not load the gateway's
 * event loop); "close" disposes every client.
 */
const [url, count, vendorId] = process.argv.slice(2);
const expected = Number(count);
const arrivals = new Map<number, number[]>();
const subscribers = openSubscribers(url!, expected, vendorId!, (after, at) => {
  const times = arrivals.get(after) ?? [];
  times.push(at);
  arrivals.set(after, times);
  if (times.length === expected) {
    process.send?.({ after, times });
    arrivals.delete(after);
  }
});
process.on('message', (message) => {
  if (message === 'close') void subscribers.close().then(() => process.exit(0));
});
