import type { BacktestArgs } from './cli-args.ts';
import type { BacktestSummary, ModelSummary } from './score-summary.ts';

const number = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));
const percent = (v: number | null): string => (v === null ? 'n/a' : `${(100 * v).toFixed(1)}%`);

/** The human-readable side-by-side table. */
export function formatSummary(summary: BacktestSummary, args: BacktestArgs, wallMs: number): string {
  const row = (label: string, pick: (m: ModelSummary) => string): string =>
    `${label.padEnd(22)}${pick(summary.auto).padStart(10)}${pick(summary.seasonalNaive).padStart(16)}`;
  const methods = Object.entries(summary.methods)
    .sort((a, b) => b[1] - a[1])
    .map(([m, c]) => `${m} ${c}`)
    .join(', ');
  return [
    `${summary.series} series, ${summary.windows} window(s), horizon ${args.horizon}, season ${args.season}, wall ${wallMs} ms`,
    `${'metric'.padEnd(22)}${'auto'.padStart(10)}${'seasonal naive'.padStart(16)}`,
    row('MASE', (m) => number(m.mase)),
    row('SQL (0.1 … 0.9)', (m) => number(m.sql)),
    row('80% interval coverage', (m) => percent(m.coverage80)),
    row('95% interval coverage', (m) => percent(m.coverage95)),
    `methods chosen: ${methods}`,
    `series-windows without a seasonal scale (left out of MASE/SQL, as fev does): ${summary.zeroScaleSkipped}`,
  ].join('\n');
}
