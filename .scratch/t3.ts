import { forecastSeries, reorderPolicy, leadTimeDemand } from '../src/forecast/index.ts';
import { DemoDemand } from '../src/sandbox/demo-demand.ts';
const d = new DemoDemand(101, 0.15);
for (const sku of ['SG-1000','SG-1001','SG-1002','SG-1003']) {
  const series = Array.from({ length: 365 }, (_, i) => d.units(sku, 20000 + i));
  let t = performance.now();
  const f = forecastSeries(series, { horizon: 28, seasonPeriod: 7, quantiles: [0.1, 0.9] });
  const t1 = performance.now() - t; t = performance.now();
  const r = reorderPolicy({ history: series, leadTimeDays: 7, serviceLevel: 0.95, seasonPeriod: 7, currentStock: 10, coverDays: 28 });
  const t2 = performance.now() - t; t = performance.now();
  const l = leadTimeDemand(series, { leadTimeDays: 7, seasonPeriod: 7, currentStock: 10 });
  console.log(sku, d.tier(sku), f.method, f.demandClass, t1.toFixed(0), t2.toFixed(0), (performance.now()-t).toFixed(0), r.reorderPoint.toFixed(1), Object.keys(f.quantiles), l.stockoutProbability);
}
