import { openSubscribers } from './realtime-subscribers.ts';

/**
 * The bench's subscribers in their own process (and heap), so the gateway's heap is measured
 * alone: `node --import tsx realtime-subscribers-process.ts <wsUrl> <count> <vendorId>`; each
 * event is reported to the parent over IPC; "close" disposes every client.
 */
const [url, count, vendorId] = process.argv.slice(2);
const subscribers = openSubscribers(url!, Number(count), vendorId!, (after, at) => process.send?.({ after, at }));
process.on('message', (message) => {
  if (message === 'close') void subscribers.close().then(() => process.exit(0));
});
