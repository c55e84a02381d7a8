import type { ForecastRun } from '../forecast-series.ts';
import { normalDraw } from '../seeded-random.ts';

/**
 * Draws of total demand over a (possibly random) lead time, from the forecast's own
 * empirical errors — no normal approximation of demand:
 * - smooth demand: the lead-time path of one past origin, i.e. Σ mean_k plus that
 *   origin's cumulative L-step error. Errors of consecutive days are correlated (a level
 *   shift hits every day), and resampling whole paths keeps that;
 * - sparse demand (or paths shorter than L): each day is drawn independently as
 *   mean_k + a pooled error, clipped at zero and rounded for count data — a bootstrap
 *   of daily demand that keeps the zeros and the lumps.
 * Lead-time variability: L ~ round(N(L, σL)), floored at 0; a fractional fixed L is
 * rounded up with probability equal to its fraction, so the mean lead time is kept.
 */
export function leadTimeDraws(run: ForecastRun, leadTime: number, leadTimeStd: number, samples: number, random: () => number): Float64Array {
  const { mean, errors } = run;
  const cumulativeMean = new Float64Array(mean.length + 1);
  for (let k = 0; k < mean.length; k++) cumulativeMean[k + 1] = cumulativeMean[k]! + mean[k]!;
  const pooled = errors.rows.flatMap((row) => Array.from(row));
  const counts = run.values.every(Number.isInteger);

  const drawLead = (): number => {
    const raw = leadTimeStd > 0 ? leadTime + leadTimeStd * normalDraw(random) : leadTime;
    const whole = Math.floor(raw);
    const lead = whole + (random() < raw - whole ? 1 : 0);
    return Math.min(mean.length, Math.max(0, lead));
  };
  const dailyBootstrap = (lead: number): number => {
    let total = 0;
    for (let k = 0; k < lead; k++) {
      const e = pooled.length > 0 ? pooled[Math.floor(random() * pooled.length)]! : 0;
      const day = Math.max(0, mean[k]! + e);
      total += counts ? Math.round(day) : day;
    }
    return total;
  };
  const pathDraw = (lead: number): number | null => {
    const eligible = errors.rows.filter((row) => row.length >= lead);
    if (eligible.length < 20) return null;
    const row = eligible[Math.floor(random() * eligible.length)]!;
    let error = 0;
    for (let k = 0; k < lead; k++) error += row[k]!;
    return Math.max(0, cumulativeMean[lead]! + error);
  };

  const draws = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const lead = drawLead();
    draws[i] = (run.sparse ? null : pathDraw(lead)) ?? dailyBootstrap(lead);
  }
  return draws;
}
