import type { BacktestArgs } from './cli-args.ts';
import type { BacktestSummary, ModelRows, ModelSummary } from './score-summary.ts';

const number = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));
const percent = (v: number | null): string => (v === null ? 'n/a' : `${(100 * v).toFixed(1)}%`);

const ARIMA_LABEL = { package: 'AutoARIMA (npm arima)', own: 'AutoARIMA (own CSS)', none: '' } as const;

function table(rows: ModelRows, arimaLabel: string): string[] {
  const line = (label: string, m: ModelSummary): string =>
    `  ${label.padEnd(24)}${number(m.mase).padStart(8)}${number(m.sql).padStart(8)}${percent(m.coverage80).padStart(9)}${percent(m.coverage95).padStart(9)}`;
  const vsNaive = (m: ModelSummary): string =>
    m.mase !== null && rows.seasonalNaive.mase ? `${(100 * (1 - m.mase / rows.seasonalNaive.mase)).toFixed(1)}%` : 'n/a';
  return [
    `  ${'model'.padEnd(24)}${'MASE'.padStart(8)}${'SQL'.padStart(8)}${'cov80'.padStart(9)}${'cov95'.padStart(9)}`,
    line('seasonal naive', rows.seasonalNaive),
    line('AutoETS', rows.autoEts),
    ...(rows.autoArima ? [line(arimaLabel, rows.autoArima)] : []),
    line('engine', rows.auto),
    `  engine MASE vs seasonal naive: ${vsNaive(rows.auto)} lower` +
      (rows.autoArima?.mase && rows.auto.mase !== null ? `; vs AutoARIMA: ${(100 * (1 - rows.auto.mase / rows.autoArima.mase)).toFixed(1)}% lower` : ''),
  ];
}

/** The human-readable tables: all series, then per demand class. */
export function formatSummary(summary: BacktestSummary, args: BacktestArgs, wallMs: number, globalTrainingMs = 0): string {
  const methods = Object.entries(summary.methods)
    .sort((a, b) => b[1] - a[1])
    .map(([m, c]) => `${m} ${c}`)
    .join(', ');
  const label = ARIMA_LABEL[args.arimaReference];
  return [
    `${summary.series} series, ${summary.windows} window(s), horizon ${args.horizon}, season ${args.season}, wall ${wallMs} ms (global model training ${globalTrainingMs} ms)`,
    'all series',
    ...table(summary, label),
    ...Object.entries(summary.byClass).flatMap(([demandClass, rows]) => [`${demandClass} (${rows.count} series-windows)`, ...table(rows, label)]),
    `methods chosen: ${methods}`,
    `series-windows without a seasonal scale (left out of MASE/SQL, as fev does): ${summary.zeroScaleSkipped}`,
  ].join('\n');
}
