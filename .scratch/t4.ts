import { startDemoGateway } from '../test/support/start-demo-gateway.ts';
import { postGraphQL } from '../test/support/graphql-client.ts';
const demo = await startDemoGateway();
try {
  for (const vendorId of ['demo-shopify', 'demo-woo', 'demo-magento', 'dropship']) {
    const t = performance.now();
    const r = await postGraphQL<any>(demo.url, `query($v: ID!) { forecast(sku: "SG-1001", vendorId: $v, horizonDays: 7) { sku method horizonDays intervalLevel points { date mean lower upper } backtest { mase windows } safetyStock reorderPoint leadTimeDays generatedAt } }`, { v: vendorId });
    console.log(vendorId, (performance.now() - t).toFixed(0), 'ms', demo.counts()[vendorId], JSON.stringify(r.errors ?? r.data).slice(0, 400));
  }
  let t = performance.now();
  const r2 = await postGraphQL<any>(demo.url, `{ reorderSuggestions(vendorId: "demo-woo") { sku available needsReorder suggestedQuantity quantityBasis z sigma meanDailyDemand safetyStock reorderPoint daysOfCover demandClass method } }`);
  console.log('reorder', (performance.now() - t).toFixed(0), JSON.stringify(r2.errors ?? r2.data).slice(0, 600));
  t = performance.now();
  const r3 = await postGraphQL<any>(demo.url, `{ inventoryAnalytics(vendorId: "dropship", first: 5) { sku demandClass adi cv2 abcClass revenue { amount currencyCode } available daysOfCover stockoutProbability } vendors { id performance { purchaseOrders leadTimeMeanDays leadTimeP90Days fillRate onTimeRate apiErrorRate apiLatencyP95Ms } } }`);
  console.log('analytics', (performance.now() - t).toFixed(0), JSON.stringify(r3.errors ?? r3.data).slice(0, 1500));
} finally { await demo.close(); }
